// The embedded definition store: versions per process id in memory.
import type { DefinitionStore, StoredDefinition } from './definition-store';

/** The in-memory implementation of {@link DefinitionStore}. */
export class InMemoryDefinitionStore implements DefinitionStore {
  private readonly byKey = new Map<string, StoredDefinition>();
  /** Versions per process id, in version order. */
  private readonly byId = new Map<string, StoredDefinition[]>();

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
    return Promise.resolve(this.byKey.get(processDefinitionKey));
  }

  getLatest(processDefinitionId: string): Promise<StoredDefinition | undefined> {
    return Promise.resolve(this.byId.get(processDefinitionId)?.at(-1));
  }

  getByVersion(processDefinitionId: string, version: number): Promise<StoredDefinition | undefined> {
    return Promise.resolve(
      this.byId.get(processDefinitionId)?.find((d) => d.processDefinitionVersion === version),
    );
  }

  findByChecksum(processDefinitionId: string, checksum: string): Promise<StoredDefinition | undefined> {
    return Promise.resolve(this.byId.get(processDefinitionId)?.find((d) => d.checksum === checksum));
  }

  list(): Promise<readonly StoredDefinition[]> {
    const ids = [...this.byId.keys()].sort();
    return Promise.resolve(ids.flatMap((id) => [...(this.byId.get(id) ?? [])].reverse()));
  }
}
