// Definitions never change once deployed, so the processor keeps the ones it used in memory
// instead of reading the store for every command. A deleted version stays known as deleted: a
// create answered before the replica that answered it learnt of the deletion still runs on it
// (docs/architecture.md, step 7), while any other create naming it is refused.
import type { DefinitionRef } from '@baton/engine-core';
import type { DefinitionStore, StoredDefinition } from '@baton/store';

/** A read-through cache of deployed definitions by key. */
export class DefinitionCache {
  private readonly byKey = new Map<string, DefinitionRef>();
  private readonly deletedKeys = new Set<string>();

  constructor(
    private readonly store: Pick<DefinitionStore, 'getByKey'>,
    /** Where deleted versions are looked up; without it a deleted version is not found. */
    private readonly tombstones?: Pick<DefinitionStore, 'getDeleted'>,
  ) {}

  /** The definition if it is in memory already: no store read, no promise. */
  cached(processDefinitionKey: string): DefinitionRef | undefined {
    return this.byKey.get(processDefinitionKey);
  }

  /** The definition with this key, or `undefined` when none was deployed. */
  async get(processDefinitionKey: string): Promise<DefinitionRef | undefined> {
    const cached = this.byKey.get(processDefinitionKey);
    if (cached) return cached;
    const stored = await this.store.getByKey(processDefinitionKey);
    if (stored) return this.remember(stored);
    const deleted = await this.tombstones?.getDeleted(processDefinitionKey);
    if (!deleted) return undefined;
    this.deletedKeys.add(processDefinitionKey);
    return this.remember(deleted);
  }

  /** Whether the version was deleted (POST /v2/resources/{key}/deletion). */
  isDeleted(processDefinitionKey: string): boolean {
    return this.deletedKeys.has(processDefinitionKey);
  }

  /** Marks a version deleted: only a create admitted before may start it now. */
  forget(processDefinitionKey: string): void {
    if (this.tombstones) this.deletedKeys.add(processDefinitionKey);
    else this.byKey.delete(processDefinitionKey);
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
