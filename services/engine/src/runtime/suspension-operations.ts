// Camunda 7 suspension, the runtime side. Instance and job suspension are commands on the instance
// (SUSPEND_INSTANCE / ACTIVATE_INSTANCE / SET_JOB_SUSPENSION through the command bus, so that the
// replica owning the instance applies them); definition and job definition suspension are store
// records the command processor reads through the SuspensionRegistry. Suspended timers — the start
// timers of a suspended definition, the timers of a suspended timer job definition (with
// includeJobs, and every one armed while it is suspended), a timer suspended as a job — are parked
// in the timer store (timer-parking.ts) and put back on activation: one that fell due meanwhile
// fires then, as a suspended timer job does in Camunda 7.
import { BatonError, type EngineCommand } from '@baton/contracts';
import { jobDefinitionSlot, suspendedDefinitionMessage, type Job } from '@baton/engine-core';
import type {
  DefinitionStore,
  InstanceStore,
  JobRecord,
  JobStore,
  StoredDefinition,
  StoredTimer,
  SuspensionStore,
  TimerStore,
} from '@baton/store';
import type {
  JobDefinition,
  JobDefinitionQuery,
  JobQuery,
  JobSummary,
  SearchResultPage,
  SuspensionOperations,
} from '../suspension-service';
import { processDefinitionNotFound, processInstanceNotFound } from '../errors';
import { newCommand } from './new-command';
import type { SuspensionRegistry } from './suspension-registry';
import { isParked, realDueDate, setTimerSuspended, unparked } from './timer-parking';
import { jobDefinitionNotFound, jobNotFound } from '../errors';

/** Instances (or jobs) changed at once by a cascade. */
const CASCADE_CONCURRENCY = 16;

export interface SuspensionOperationsOptions {
  readonly suspensions: SuspensionStore;
  readonly definitions: DefinitionStore;
  readonly instances: InstanceStore;
  readonly jobs: JobStore;
  readonly timers: TimerStore;
  /** Told of a timer put back with its due date (the scheduler of this replica may have to wake sooner). */
  readonly timerActivated: (timer: StoredTimer) => void;
  /** Told of a timer parked (this replica's scheduler must not fire it from what it listed). */
  readonly timerParked?: (timer: StoredTimer) => void;
  readonly registry: SuspensionRegistry;
  /** Tells the other replicas that suspensions changed (after this one's registry was refreshed). */
  readonly suspensionChanged: () => Promise<void>;
  /** Sends a command and waits for it to be applied; a rejection throws its BatonError. */
  readonly sendAndAwait: (command: EngineCommand) => Promise<void>;
  readonly clock: () => number;
}

export class SuspensionRuntime implements SuspensionOperations {
  constructor(private readonly options: SuspensionOperationsOptions) {}

  /**
   * INVALID_STATE (409) for a suspended definition: the check of every start path (REST, Kafka),
   * from memory — the registry, read again at once after a change through this replica or another
   * (definition-changes.ts), and every second.
   */
  assertStartable(definition: StoredDefinition): Promise<void> {
    if (!this.options.registry.isDefinitionSuspended(definition.processDefinitionKey))
      return Promise.resolve();
    return Promise.reject(
      new BatonError('INVALID_STATE', suspendedDefinitionMessage(definition), {
        processDefinitionKey: definition.processDefinitionKey,
      }),
    );
  }

  async suspendDefinition(
    processDefinitionKey: string,
    change: { suspended: boolean; includeProcessInstances?: boolean },
  ): Promise<{ processInstancesChanged: number }> {
    const definition = await this.options.definitions.getByKey(processDefinitionKey);
    if (!definition) throw processDefinitionNotFound(processDefinitionKey);
    await this.options.suspensions.setDefinitionSuspended(processDefinitionKey, change.suspended);
    await this.options.registry.refresh();
    await this.options.suspensionChanged();
    await this.parkStartTimers(processDefinitionKey, change.suspended);
    if (!change.includeProcessInstances) return { processInstancesChanged: 0 };
    const keys = await this.activeInstanceKeys(processDefinitionKey);
    const changed = await inBatches(keys, async (processInstanceKey) => {
      const instance = await this.options.instances.get(processInstanceKey);
      if (!instance || instance.state !== 'ACTIVE' || (instance.suspended ?? false) === change.suspended)
        return false;
      await this.sendInstanceSuspension(processInstanceKey, change.suspended);
      return true;
    });
    return { processInstancesChanged: changed };
  }

  async suspendInstance(processInstanceKey: string, suspended: boolean, actor?: string): Promise<void> {
    const instance = await this.options.instances.get(processInstanceKey);
    if (!instance) throw processInstanceNotFound(processInstanceKey);
    await this.sendInstanceSuspension(processInstanceKey, suspended, actor);
  }

  searchJobDefinitions(query: JobDefinitionQuery): Promise<SearchResultPage<JobDefinition>> {
    return this.options.suspensions.searchJobDefinitions(query.filter ?? {}, query.page);
  }

  async suspendJobDefinition(
    jobDefinitionKey: string,
    change: { suspended: boolean; includeJobs?: boolean },
  ): Promise<{ jobsChanged: number }> {
    const definition = await this.options.suspensions.setJobDefinitionSuspended(
      jobDefinitionKey,
      change.suspended,
    );
    if (!definition) throw jobDefinitionNotFound(jobDefinitionKey);
    await this.options.registry.refresh();
    await this.options.suspensionChanged();
    if (!change.includeJobs) return { jobsChanged: 0 };
    if (definition.kind === 'timer') {
      const { items } = await this.options.timers.search(
        { processDefinitionKey: definition.processDefinitionKey },
        { from: 0, limit: 10_000 },
      );
      const timers = items.filter((timer) => timer.elementId === definition.elementId);
      const changed = await inBatches(timers, (timer) => this.cascadeToTimer(timer, change.suspended));
      return { jobsChanged: changed };
    }
    const records = await this.allJobs({
      processDefinitionKey: definition.processDefinitionKey,
      elementId: definition.elementId,
      suspended: !change.suspended,
    });
    const instanceKeys = [
      ...new Set(
        records
          .filter((record) => jobDefinitionSlot(record.job) === definition.slot)
          .map((record) => record.job.processInstanceKey),
      ),
    ];
    await inBatches(instanceKeys, async (processInstanceKey) => {
      await this.options
        .sendAndAwait(
          newCommand({
            type: 'SET_JOB_SUSPENSION',
            processInstanceKey,
            suspended: change.suspended,
            elementId: definition.slot,
          }),
        )
        // An instance that ended meanwhile has no jobs left to change.
        .catch((error: unknown) => {
          if (!(error instanceof BatonError) || error.code !== 'INVALID_STATE') throw error;
        });
      return true;
    });
    const jobsChanged = records.filter((record) => jobDefinitionSlot(record.job) === definition.slot).length;
    return { jobsChanged };
  }

  async suspendJob(jobKey: string, suspended: boolean): Promise<void> {
    const record = await this.options.jobs.get(jobKey);
    if (!record) {
      const timer = await this.options.timers.get(jobKey);
      if (!timer) throw jobNotFound(jobKey);
      if (!suspended && (await this.heldByItsDefinition(timer)))
        throw new BatonError(
          'INVALID_STATE',
          `Expected to activate timer '${jobKey}', but its process definition '${timer.processDefinitionKey}' is suspended; activate the process definition.`,
        );
      await this.parkTimer(timer, suspended);
      return;
    }
    await this.options.sendAndAwait(
      newCommand({
        type: 'SET_JOB_SUSPENSION',
        processInstanceKey: record.job.processInstanceKey,
        suspended,
        jobKey,
      }),
    );
  }

  /** Worker and continuation jobs first (oldest first), then timers (earliest due first). */
  async searchJobs(query: JobQuery): Promise<SearchResultPage<JobSummary>> {
    const filter = query.filter ?? {};
    const from = Math.max(0, query.page?.from ?? 0);
    const limit = Math.max(0, query.page?.limit ?? 100);
    const now = this.options.clock();
    const wantsJobs = filter.state !== 'SCHEDULED' && filter.type !== 'timer' && filter.dueDate === undefined;
    const wantsTimers =
      (filter.state === undefined || filter.state === 'SCHEDULED') &&
      (filter.type === undefined || filter.type === 'timer') &&
      filter.elementId === undefined;
    let items: JobSummary[] = [];
    let jobTotal = 0;
    if (wantsJobs) {
      const page = await this.options.jobs.search(
        {
          now,
          ...(filter.type !== undefined ? { type: filter.type } : {}),
          ...(filter.processInstanceKey !== undefined
            ? { processInstanceKey: filter.processInstanceKey }
            : {}),
          ...(filter.processDefinitionKey !== undefined
            ? { processDefinitionKey: filter.processDefinitionKey }
            : {}),
          ...(filter.elementId !== undefined ? { elementId: filter.elementId } : {}),
          ...(filter.suspended !== undefined ? { suspended: filter.suspended } : {}),
          ...(filter.state !== undefined ? { locked: filter.state === 'ACTIVATED' } : {}),
        },
        { from, limit },
      );
      jobTotal = page.totalItems;
      items = page.items.map((record) => jobSummary(record, now));
    }
    if (!wantsTimers) return { items, totalItems: jobTotal };
    const timers = await this.timerSummaries(filter);
    const timerFrom = Math.max(0, from - jobTotal);
    items = [...items, ...timers.slice(timerFrom, timerFrom + (limit - items.length))];
    return { items, totalItems: jobTotal + timers.length };
  }

  /** The matching timers as jobs, suspended when parked or when their instance is. */
  private async timerSummaries(filter: NonNullable<JobQuery['filter']>): Promise<JobSummary[]> {
    const { items } = await this.options.timers.search(
      {
        ...(filter.processInstanceKey !== undefined ? { processInstanceKey: filter.processInstanceKey } : {}),
        ...(filter.processDefinitionKey !== undefined
          ? { processDefinitionKey: filter.processDefinitionKey }
          : {}),
      },
      { from: 0, limit: 10_000 },
    );
    const instanceKeys = items.flatMap((timer) =>
      timer.kind === 'instance' ? [timer.processInstanceKey] : [],
    );
    const instances = await this.options.instances.getMany([...new Set(instanceKeys)]);
    const summaries = items.map((timer): JobSummary => {
      const dueDate = realDueDate(timer);
      const suspended =
        isParked(timer) ||
        (timer.kind === 'instance' && instances.get(timer.processInstanceKey)?.suspended === true);
      return {
        jobKey: timer.timerKey,
        type: 'timer',
        state: 'SCHEDULED',
        suspended,
        ...(timer.kind === 'instance'
          ? { processInstanceKey: timer.processInstanceKey, elementInstanceKey: timer.elementInstanceKey }
          : {}),
        processDefinitionKey: timer.processDefinitionKey,
        elementId: timer.elementId,
        dueDate: new Date(dueDate).toISOString(),
      };
    });
    const { from, to } = filter.dueDate ?? {};
    return summaries
      .filter((summary) => filter.suspended === undefined || summary.suspended === filter.suspended)
      .filter((summary) => {
        const due = Date.parse(summary.dueDate ?? '');
        return (from === undefined || due >= from) && (to === undefined || due <= to);
      })
      .sort((a, b) => Date.parse(a.dueDate ?? '') - Date.parse(b.dueDate ?? ''));
  }

  private sendInstanceSuspension(
    processInstanceKey: string,
    suspended: boolean,
    actor?: string,
  ): Promise<void> {
    return this.options.sendAndAwait(
      newCommand({
        type: suspended ? 'SUSPEND_INSTANCE' : 'ACTIVATE_INSTANCE',
        processInstanceKey,
        ...(actor !== undefined && { actor }),
      }),
    );
  }

  /**
   * Parks (suspended) or puts back (activated) the start timers of one definition version; on
   * activation, not those whose own job definition is still suspended.
   */
  private async parkStartTimers(processDefinitionKey: string, suspended: boolean): Promise<void> {
    const { items } = await this.options.timers.search({ processDefinitionKey }, { from: 0, limit: 1000 });
    for (const timer of items) {
      if (timer.kind !== 'start') continue;
      if (!suspended && this.options.registry.isJobSlotSuspended(processDefinitionKey, timer.elementId))
        continue;
      await this.parkTimer(timer, suspended);
    }
  }

  /** A timer of a job definition's cascade; a start timer stays parked while its definition is suspended. */
  private async cascadeToTimer(timer: StoredTimer, suspended: boolean): Promise<boolean> {
    if (!suspended && (await this.heldByItsDefinition(timer))) return false;
    return this.parkTimer(timer, suspended);
  }

  /** A start timer of a suspended definition: it stays parked until the definition is activated. */
  private async heldByItsDefinition(timer: StoredTimer): Promise<boolean> {
    return (
      timer.kind === 'start' &&
      (await this.options.suspensions.isDefinitionSuspended(timer.processDefinitionKey))
    );
  }

  /** Parks or puts back one timer; one put back wakes this replica's scheduler if it is due sooner. */
  private async parkTimer(timer: StoredTimer, suspended: boolean): Promise<boolean> {
    const changed = await setTimerSuspended(this.options.timers, timer, suspended);
    if (changed && suspended) this.options.timerParked?.(timer);
    if (changed && !suspended) this.options.timerActivated(unparked(timer));
    return changed;
  }

  private async activeInstanceKeys(processDefinitionKey: string): Promise<string[]> {
    const keys: string[] = [];
    const limit = 500;
    for (let from = 0; ; from += limit) {
      const page = await this.options.instances.search({
        filter: { processDefinitionKey, state: 'ACTIVE' },
        page: { from, limit },
      });
      keys.push(...page.items.map((item) => item.processInstanceKey));
      if (page.items.length < limit) return keys;
    }
  }

  private async allJobs(filter: Parameters<JobStore['search']>[0]): Promise<JobRecord[]> {
    const records: JobRecord[] = [];
    const limit = 500;
    for (let from = 0; ; from += limit) {
      const page = await this.options.jobs.search(filter, { from, limit });
      records.push(...page.items);
      if (page.items.length < limit) return records;
    }
  }
}

function jobSummary(record: JobRecord, now: number): JobSummary {
  const job: Job = record.job;
  const locked = record.deadline !== undefined && record.deadline > now;
  return {
    jobKey: job.jobKey,
    type: job.type,
    state: locked ? 'ACTIVATED' : 'ACTIVATABLE',
    suspended: job.suspended === true,
    processInstanceKey: job.processInstanceKey,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    retries: job.retries,
    ...(locked && record.worker !== undefined ? { worker: record.worker } : {}),
  };
}

/** Runs `work` over the items, a few at a time; returns how many returned true. */
async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<boolean>): Promise<number> {
  let changed = 0;
  for (let index = 0; index < items.length; index += CASCADE_CONCURRENCY) {
    const results = await Promise.all(items.slice(index, index + CASCADE_CONCURRENCY).map(work));
    changed += results.filter(Boolean).length;
  }
  return changed;
}
