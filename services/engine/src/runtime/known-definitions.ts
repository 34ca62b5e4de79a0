// The definitions a create names, answered from memory (DESIGN §3.3: the database remembers, it
// does not decide). A version never changes once deployed, so what was read by key or by version
// is kept for good. "The latest version of a process id" does change: it is kept until a deployment
// of that id, through this replica (told at once) or another (told over the definition-changes
// topic, definition-changes.ts), makes it stale; a deletion drops the version and the latest.
// A process never seen is read from the store.
import type { DefinitionStore, StoredDefinition } from '@baton/store';

export type DefinitionLookups = Pick<DefinitionStore, 'getByKey' | 'getLatest' | 'getByVersion'>;

export class KnownDefinitions implements DefinitionLookups {
  private readonly byKey = new Map<string, StoredDefinition>();
  private readonly latest = new Map<string, StoredDefinition>();
  /** Deployments seen per id: a read that overlapped one may hold an older version. */
  private readonly deployments = new Map<string, number>();

  constructor(private readonly store: DefinitionLookups) {}

  async getByKey(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    const known = this.byKey.get(processDefinitionKey);
    if (known) return known;
    return this.keep(await this.store.getByKey(processDefinitionKey));
  }

  async getByVersion(processDefinitionId: string, version: number): Promise<StoredDefinition | undefined> {
    const latest = this.latest.get(processDefinitionId);
    if (latest?.processDefinitionVersion === version) return latest;
    return this.keep(await this.store.getByVersion(processDefinitionId, version));
  }

  async getLatest(processDefinitionId: string): Promise<StoredDefinition | undefined> {
    const known = this.latest.get(processDefinitionId);
    if (known) return known;
    const seen = this.deployments.get(processDefinitionId) ?? 0;
    const stored = this.keep(await this.store.getLatest(processDefinitionId));
    // Kept only if no deployment of the id was told while reading: the read may predate it.
    if (stored && (this.deployments.get(processDefinitionId) ?? 0) === seen)
      this.latest.set(processDefinitionId, stored);
    return stored;
  }

  /** Versions just deployed through this replica: the newest of each id becomes its latest. */
  deployed(definitions: readonly StoredDefinition[]): void {
    for (const definition of definitions) {
      this.keep(definition);
      this.countDeployment(definition.processDefinitionId);
      const latest = this.latest.get(definition.processDefinitionId);
      if (!latest || latest.processDefinitionVersion < definition.processDefinitionVersion)
        this.latest.set(definition.processDefinitionId, definition);
    }
  }

  /** These ids were deployed through another replica: their latest versions are read again. */
  forgetLatest(processDefinitionIds: readonly string[]): void {
    for (const id of processDefinitionIds) {
      this.latest.delete(id);
      this.countDeployment(id);
    }
  }

  /**
   * Versions deleted (through this replica or another): they are no longer found by key, and
   * their ids' latest versions are read again (the previous version may be the latest now).
   */
  deleted(processDefinitionIds: readonly string[], processDefinitionKeys: readonly string[]): void {
    for (const key of processDefinitionKeys) this.byKey.delete(key);
    this.forgetLatest(processDefinitionIds);
  }

  private countDeployment(processDefinitionId: string): void {
    this.deployments.set(processDefinitionId, (this.deployments.get(processDefinitionId) ?? 0) + 1);
  }

  private keep(definition: StoredDefinition | undefined): StoredDefinition | undefined {
    if (definition) this.byKey.set(definition.processDefinitionKey, definition);
    return definition;
  }
}
