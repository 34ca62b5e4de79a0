// The embedded definition store: versions per process id in memory; a deleted version stays in
// its id's list (its number taken) but no lookup finds it.
import type { DefinitionStore, StoredDefinition } from './definition-store';

/** The in-memory implementation of {@link DefinitionStore}. */
export class InMemoryDefinitionStore implements DefinitionStore {
  private readonly byKey = new Map<string, StoredDefinition>();
  /** Versions per process id, in version order, deleted ones included. */
  private readonly byId = new Map<string, StoredDefinition[]>();
  private readonly deleted = new Set<string>();

  insert(definition: StoredDefinition): Promise<boolean> {
    const versions = this.byId.get(definition.processDefinitionId) ?? [];
    if (versions.some((other) => other.processDefinitionVersion === definition.processDefinitionVersion))
      return Promise.resolve(false);
    if (this.byKey.has(definition.processDefinitionKey)) return Promise.resolve(false);
    versions.push(definition);
    versions.sort((a, b) => a.processDefinitionVersion - b.processDefinitionVersion);
    this.byId.set(definition.processDefinitionId, versions);
    this.byKey.set(definition.processDefinitionKey, definition);
    return Promise.resolve(true);
  }

  getByKey(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    return Promise.resolve(
      this.deleted.has(processDefinitionKey) ? undefined : this.byKey.get(processDefinitionKey),
    );
  }

  getLatest(processDefinitionId: string): Promise<StoredDefinition | undefined> {
    return Promise.resolve(this.versionsOf(processDefinitionId).at(-1));
  }

  getByVersion(processDefinitionId: string, version: number): Promise<StoredDefinition | undefined> {
    return Promise.resolve(
      this.versionsOf(processDefinitionId).find((d) => d.processDefinitionVersion === version),
    );
  }

  findByChecksum(processDefinitionId: string, checksum: string): Promise<StoredDefinition | undefined> {
    return Promise.resolve(this.versionsOf(processDefinitionId).find((d) => d.checksum === checksum));
  }

  list(): Promise<readonly StoredDefinition[]> {
    const ids = [...this.byId.keys()].sort();
    return Promise.resolve(ids.flatMap((id) => [...this.versionsOf(id)].reverse()));
  }

  delete(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    const definition = this.byKey.get(processDefinitionKey);
    if (definition === undefined || this.deleted.has(processDefinitionKey)) return Promise.resolve(undefined);
    this.deleted.add(processDefinitionKey);
    return Promise.resolve(definition);
  }

  getDeleted(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    return Promise.resolve(
      this.deleted.has(processDefinitionKey) ? this.byKey.get(processDefinitionKey) : undefined,
    );
  }

  highestVersion(processDefinitionId: string): Promise<number> {
    return Promise.resolve(this.byId.get(processDefinitionId)?.at(-1)?.processDefinitionVersion ?? 0);
  }

  /** The versions of an id not deleted, in version order. */
  private versionsOf(processDefinitionId: string): StoredDefinition[] {
    return (this.byId.get(processDefinitionId) ?? []).filter(
      (d) => !this.deleted.has(d.processDefinitionKey),
    );
  }
}
