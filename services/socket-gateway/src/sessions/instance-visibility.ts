// Which instances a socket client may receive (DESIGN §6): operators see every instance; anyone
// else only those of definitions it may start (naming none of its roles means open to all).
// Starter roles are read once per definition key — a deployed definition never changes — and
// shared by every session of the gateway.
import { isOperator, mayStart, type Principal } from '@baton/platform';
import type { InstanceLiveState } from '@baton/contracts';

/** Reads a definition's starter roles; undefined when the engine does not know the definition. */
export type StarterRolesLookup = (processDefinitionKey: string) => Promise<readonly string[] | undefined>;

export interface InstanceVisibility {
  /** Whether the client may receive the instance; undefined until its definition is loaded. */
  check(state: Pick<InstanceLiveState, 'processDefinitionKey'>): boolean | undefined;
  /** Loads what `check` needs for these definitions (failures are logged by the caller). */
  load(processDefinitionKeys: readonly string[]): Promise<void>;
}

export const everythingVisible: InstanceVisibility = {
  check: () => true,
  load: () => Promise.resolve(),
};

/** The starter roles of definitions, read on first need; lookups in flight are shared. */
export class StarterRolesCache {
  private readonly known = new Map<string, readonly string[]>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly lookup: StarterRolesLookup) {}

  get(processDefinitionKey: string): readonly string[] | undefined {
    return this.known.get(processDefinitionKey);
  }

  async load(processDefinitionKeys: readonly string[]): Promise<void> {
    const missing = [...new Set(processDefinitionKeys)].filter((key) => !this.known.has(key));
    await Promise.all(missing.map((key) => this.loadOne(key)));
  }

  private loadOne(key: string): Promise<void> {
    let pending = this.loading.get(key);
    if (pending === undefined) {
      pending = this.lookup(key)
        .then((roles) => {
          // An unknown definition is not cached: it may be deployed by the time of the next update.
          if (roles !== undefined) this.known.set(key, roles);
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }
}

export function visibilityFor(principal: Principal, cache: StarterRolesCache): InstanceVisibility {
  if (isOperator(principal)) return everythingVisible;
  return {
    check: (state) => {
      const roles = cache.get(state.processDefinitionKey);
      return roles === undefined ? undefined : mayStart(principal, roles);
    },
    load: (keys) => cache.load(keys),
  };
}
