// Definitions never change once deployed, so the processor keeps the ones it used in memory
// instead of reading the store for every command.
import type { DefinitionRef } from '@baton/engine-core';
import type { DefinitionStore, StoredDefinition } from '@baton/store';

/** A read-through cache of deployed definitions by key. */
export class DefinitionCache {
  private readonly byKey = new Map<string, DefinitionRef>();

  constructor(private readonly store: Pick<DefinitionStore, 'getByKey'>) {}

  /** The definition if it is in memory already: no store read, no promise. */
  cached(processDefinitionKey: string): DefinitionRef | undefined {
    return this.byKey.get(processDefinitionKey);
  }

  /** The definition with this key, or `undefined` when none was deployed. */
  async get(processDefinitionKey: string): Promise<DefinitionRef | undefined> {
    const cached = this.byKey.get(processDefinitionKey);
    if (cached) return cached;
    const stored = await this.store.getByKey(processDefinitionKey);
    return stored ? this.remember(stored) : undefined;
  }

  /** Drops a deleted definition (POST /v2/resources/{key}/deletion): commands naming it find none. */
  forget(processDefinitionKey: string): void {
    this.byKey.delete(processDefinitionKey);
  }

  /** Adds a definition the caller already holds (just deployed or just read). */
  remember(stored: StoredDefinition): DefinitionRef {
    const ref: DefinitionRef = {
      processDefinitionKey: stored.processDefinitionKey,
      processDefinitionId: stored.processDefinitionId,
      processDefinitionVersion: stored.processDefinitionVersion,
      model: stored.model,
      tenantId: stored.tenantId,
    };
    this.byKey.set(stored.processDefinitionKey, ref);
    return ref;
  }
}
