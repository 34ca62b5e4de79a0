// The embedded suspension store: maps in memory.
import type { Page, PageRequest } from './query';
import {
  byJobDefinitionKey,
  matchesJobDefinitionFilter,
  type JobDefinition,
  type JobDefinitionFilter,
  type SuspensionSnapshot,
  type SuspensionStore,
} from './suspension-store';

/** The in-memory implementation of {@link SuspensionStore}. */
export class InMemorySuspensionStore implements SuspensionStore {
  private readonly jobDefinitions = new Map<string, JobDefinition>();
  private readonly suspendedDefinitions = new Set<string>();

  insertJobDefinitions(definitions: readonly JobDefinition[]): Promise<void> {
    for (const definition of definitions) this.jobDefinitions.set(definition.jobDefinitionKey, definition);
    return Promise.resolve();
  }

  getJobDefinition(jobDefinitionKey: string): Promise<JobDefinition | undefined> {
    return Promise.resolve(this.jobDefinitions.get(jobDefinitionKey));
  }

  searchJobDefinitions(filter: JobDefinitionFilter, page: PageRequest = {}): Promise<Page<JobDefinition>> {
    const matching = [...this.jobDefinitions.values()]
      .filter((definition) => matchesJobDefinitionFilter(definition, filter))
      .sort(byJobDefinitionKey);
    const from = Math.max(0, page.from ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    return Promise.resolve({ items: matching.slice(from, from + limit), totalItems: matching.length });
  }

  setJobDefinitionSuspended(
    jobDefinitionKey: string,
    suspended: boolean,
  ): Promise<JobDefinition | undefined> {
    const existing = this.jobDefinitions.get(jobDefinitionKey);
    if (!existing) return Promise.resolve(undefined);
    const updated = { ...existing, suspended };
    this.jobDefinitions.set(jobDefinitionKey, updated);
    return Promise.resolve(updated);
  }

  setDefinitionSuspended(processDefinitionKey: string, suspended: boolean): Promise<void> {
    if (suspended) this.suspendedDefinitions.add(processDefinitionKey);
    else this.suspendedDefinitions.delete(processDefinitionKey);
    return Promise.resolve();
  }

  isDefinitionSuspended(processDefinitionKey: string): Promise<boolean> {
    return Promise.resolve(this.suspendedDefinitions.has(processDefinitionKey));
  }

  suspendedSnapshot(): Promise<SuspensionSnapshot> {
    const jobSlots: Record<string, string[]> = {};
    for (const definition of this.jobDefinitions.values())
      if (definition.suspended) (jobSlots[definition.processDefinitionKey] ??= []).push(definition.slot);
    return Promise.resolve({ definitionKeys: [...this.suspendedDefinitions], jobSlots });
  }
}
