// The MongoDB suspension store: job definitions (one document each, _id = jobDefinitionKey) and
// suspended definitions (one document each, _id = processDefinitionKey, present while suspended).
// Reads by one _id are indexed on FerretDB too; searches filter the small job definitions
// collection by plain fields.
import type { Collection, Filter } from 'mongodb';
import type { Page, PageRequest } from '../query';
import {
  byJobDefinitionKey,
  type JobDefinition,
  type JobDefinitionFilter,
  type SuspensionSnapshot,
  type SuspensionStore,
} from '../suspension-store';

export interface JobDefinitionRecord extends Omit<JobDefinition, 'jobDefinitionKey'> {
  readonly _id: string;
}

export interface SuspendedDefinitionRecord {
  readonly _id: string;
  readonly suspendedAt: number;
}

/** The MongoDB implementation of {@link SuspensionStore}. */
export class MongoSuspensionStore implements SuspensionStore {
  constructor(
    private readonly jobDefinitions: Collection<JobDefinitionRecord>,
    private readonly suspendedDefinitions: Collection<SuspendedDefinitionRecord>,
  ) {}

  async insertJobDefinitions(definitions: readonly JobDefinition[]): Promise<void> {
    // One statement each: FerretDB is slow with update commands of many statements.
    for (const { jobDefinitionKey, ...rest } of definitions)
      await this.jobDefinitions.replaceOne({ _id: jobDefinitionKey }, rest, { upsert: true });
  }

  async getJobDefinition(jobDefinitionKey: string): Promise<JobDefinition | undefined> {
    const record = await this.jobDefinitions.findOne({ _id: jobDefinitionKey });
    return record ? fromRecord(record) : undefined;
  }

  async searchJobDefinitions(
    filter: JobDefinitionFilter,
    page: PageRequest = {},
  ): Promise<Page<JobDefinition>> {
    const query = {
      ...(filter.processDefinitionKey !== undefined
        ? { processDefinitionKey: filter.processDefinitionKey }
        : {}),
      ...(filter.elementId !== undefined ? { elementId: filter.elementId } : {}),
      ...(filter.type !== undefined ? { type: filter.type } : {}),
      ...(filter.suspended !== undefined ? { suspended: filter.suspended } : {}),
    } as Filter<JobDefinitionRecord>;
    // Keys are decimal strings of varying length: ordered in memory, as the collection is small.
    const matching = (await this.jobDefinitions.find(query).toArray())
      .map(fromRecord)
      .sort(byJobDefinitionKey);
    const from = Math.max(0, page.from ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    return { items: matching.slice(from, from + limit), totalItems: matching.length };
  }

  async setJobDefinitionSuspended(
    jobDefinitionKey: string,
    suspended: boolean,
  ): Promise<JobDefinition | undefined> {
    const result = await this.jobDefinitions.updateOne({ _id: jobDefinitionKey }, { $set: { suspended } });
    if (result.matchedCount === 0) return undefined;
    return this.getJobDefinition(jobDefinitionKey);
  }

  async setDefinitionSuspended(processDefinitionKey: string, suspended: boolean): Promise<void> {
    if (suspended)
      await this.suspendedDefinitions.replaceOne(
        { _id: processDefinitionKey },
        { suspendedAt: Date.now() },
        { upsert: true },
      );
    else await this.suspendedDefinitions.deleteOne({ _id: processDefinitionKey });
  }

  async isDefinitionSuspended(processDefinitionKey: string): Promise<boolean> {
    return (await this.suspendedDefinitions.findOne({ _id: processDefinitionKey })) !== null;
  }

  async suspendedSnapshot(): Promise<SuspensionSnapshot> {
    const definitions = await this.suspendedDefinitions.find({}, { projection: { _id: 1 } }).toArray();
    const jobs = await this.jobDefinitions
      .find({ suspended: true }, { projection: { processDefinitionKey: 1, slot: 1 } })
      .toArray();
    const jobSlots: Record<string, string[]> = {};
    for (const job of jobs) (jobSlots[job.processDefinitionKey] ??= []).push(job.slot);
    return { definitionKeys: definitions.map((record) => record._id), jobSlots };
  }
}

function fromRecord({ _id, ...rest }: JobDefinitionRecord): JobDefinition {
  return { jobDefinitionKey: _id, ...rest };
}
