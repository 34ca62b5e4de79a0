// The stored instances a search over their insides (element instances, variables) reads: one
// instance when the filter names it or a key it holds, else the instances of the definitions the
// filter names — at most `maxScannedInstances`, past which the caller is asked to narrow it
// (the read model keeps element instances and variables inside their instance's document).
import { BatonError } from '@baton/contracts';
import type { Principal } from '@baton/platform';
import type { InstanceFilter } from '@baton/store';
import type { EngineService, StoredInstance } from '../engine-service';
import { assertMayRead, visibleDefinitionKeys } from './definition-visibility';

/** Most instances one search reads when the filter names no instance. */
export const maxScannedInstances = 1000;

export interface InstanceScope {
  readonly processInstanceKey?: string;
  readonly processDefinitionKey?: string;
  readonly processDefinitionId?: string;
  /** An active element instance (or the process instance) the instance holds. */
  readonly elementInstanceKey?: string;
  /** A variable key or ended element instance key the instance holds. */
  readonly readKey?: string;
}

export async function instancesInScope(
  engine: EngineService,
  principal: Principal,
  scope: InstanceScope,
): Promise<StoredInstance[]> {
  if (scope.processInstanceKey !== undefined) {
    const instance = await engine.getInstance(scope.processInstanceKey);
    return instance === undefined ? [] : readable(engine, principal, [instance]);
  }
  if (scope.elementInstanceKey !== undefined || scope.readKey !== undefined) {
    const filters: InstanceFilter[] = [];
    if (scope.elementInstanceKey !== undefined) {
      filters.push({ elementInstanceKey: scope.elementInstanceKey });
      filters.push({ readKey: scope.elementInstanceKey });
    }
    if (scope.readKey !== undefined) filters.push({ readKey: scope.readKey });
    const found = new Map<string, StoredInstance>();
    for (const filter of filters) {
      const { items } = await engine.searchInstances({ filter, page: { from: 0, limit: 1 } });
      for (const instance of items) found.set(instance.processInstanceKey, instance);
    }
    return readable(engine, principal, [...found.values()]);
  }
  const visible = await visibleDefinitionKeys(engine, principal);
  const result = await engine.searchInstances({
    filter: {
      ...(scope.processDefinitionKey !== undefined
        ? { processDefinitionKey: scope.processDefinitionKey }
        : {}),
      ...(scope.processDefinitionId !== undefined ? { processDefinitionId: scope.processDefinitionId } : {}),
      ...(visible !== undefined ? { processDefinitionKeys: visible } : {}),
    },
    page: { from: 0, limit: maxScannedInstances },
    sort: [{ field: 'processInstanceKey', order: 'ASC' }],
  });
  if (result.totalItems > maxScannedInstances)
    throw new BatonError(
      'INVALID_ARGUMENT',
      `The search would read ${result.totalItems} process instances; at most ${maxScannedInstances} are read per search. Narrow the filter with processInstanceKey (or a key the instance holds) or processDefinitionKey.`,
    );
  return [...result.items];
}

/** The instances whose definitions the caller may read; FORBIDDEN on the first it may not. */
async function readable(
  engine: EngineService,
  principal: Principal,
  instances: readonly StoredInstance[],
): Promise<StoredInstance[]> {
  for (const instance of instances)
    assertMayRead(principal, await engine.getDefinition(instance.processDefinitionKey));
  return [...instances];
}
