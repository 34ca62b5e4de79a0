// FLOWX inherit (create with `inheritFrom`): a new instance starts with the root variables of
// another instance: all of them, a whitelist (`paramsToCopy`) or all but a blacklist (`withoutParams`).
import type { InheritFrom, Variables } from '@baton/contracts';
import type { InstanceStore } from '@baton/store';
import { inheritSourceNotFound } from '../errors';

export async function inheritedVariables(
  instances: Pick<InstanceStore, 'get'>,
  inherit: InheritFrom,
): Promise<Variables> {
  const source = await instances.get(inherit.processInstanceKey);
  if (!source) throw inheritSourceNotFound(inherit.processInstanceKey);
  const root: Variables = source.variables[source.processInstanceKey] ?? {};
  const names = Object.keys(root).filter((name) =>
    inherit.paramsToCopy !== undefined
      ? inherit.paramsToCopy.includes(name)
      : !(inherit.withoutParams ?? []).includes(name),
  );
  // A deep copy: the source's stored document must never be shared with the new instance.
  return JSON.parse(JSON.stringify(Object.fromEntries(names.map((name) => [name, root[name]])))) as Variables;
}
