// The one writer per instance, log-first (DESIGN §3.2–3.4). Consumes the commands topic as one
// consumer group, a Kafka transaction per batch. Per batch of a partition: apply the commands to
// the instances held in memory (batch-application.ts; reads only what it does not hold), put the
// Kafka effects (instance events, jobs for Kafka workers, commands for child instances) into the
// transaction and commit it with the batch's offsets; then write the other stores, then the
// snapshot — the changed documents and the job changes — in a group commit with the other
// partitions' batches (snapshot-writer.ts); then reply and wake job pollers, so that a caller
// answered reads what it was answered about; then confirm the partition's checkpoint (written with
// a later write). By default the next batch of the partition waits for all of it. With
// `pipelined` (on Kafka), storing runs behind the commit instead (partition-pipelines.ts): the
// partition's next batch is fetched, applied to the versions held in memory and committed while
// the earlier ones are written, in order; the subscription's `settle` makes the member finish those
// writes before it joins the group again or leaves it, so a partition is handed over with nothing
// left to write, as before.
//
// A replica that dies between a commit and its replies leaves commands that are committed but not
// stored, or stored but not answered. The partition's next owner replays them: from the checkpoint
// to the committed offset, applying them to what is stored and writing everything but their Kafka
// effects, which went out with their commit. Documents written after the checkpoint skip what they
// already reflect, and give the replies they were written with again (callers may hear twice).
import type { EngineCommand } from '@baton/contracts';
import { visibleVariables, type InstanceState } from '@baton/engine-core';
import {
  subscribeTransactionallyTo,
  type BatchTransaction,
  type Subscription,
  type TransactionalMessageBus,
  type TypedMessageBatch,
} from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import type { InstanceDocument, InstanceStore, JobStore, PartitionCheckpointStore } from '@baton/store';
import { silentLogger, type Logger } from '@baton/platform';
import type { ApplyFunction } from './apply-one-command';
import { applyBatch, type AppliedBatch, type BatchApplicationDeps } from './batch-application';
import type { DefinitionCache } from './definition-cache';
import type { EffectDispatcher, EffectPlan } from './effect-dispatcher';
import { OwnedInstances } from './owned-instances';
import { PartitionPipelines, type BatchStages } from './partition-pipelines';
import { SnapshotLeaseExpiredError, SnapshotWriter } from './snapshot-writer';

export type { ApplyFunction } from './apply-one-command';

export interface CommandProcessorOptions {
  readonly bus: Pick<TransactionalMessageBus, 'subscribeTransactional'>;
  readonly topic: TopicAddress<EngineCommand>;
  /**
   * The consumer group every engine replica shares.
   * @default 'baton-engine'
   */
  readonly groupId?: string;
  readonly instances: InstanceStore;
  readonly jobs: Pick<JobStore, 'applyChanges'>;
  readonly checkpoints: PartitionCheckpointStore;
  readonly definitions: DefinitionCache;
  readonly dispatcher: EffectDispatcher;
  readonly apply: ApplyFunction;
  readonly nextKey: () => string;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * How many applied command ids an instance document remembers for de-duplication.
   * @default 200
   */
  readonly appliedCommandIdsLimit?: number;
  /** Called with errors of single commands that the core threw on (the command is skipped). */
  readonly onCommandError?: (error: unknown, command: EngineCommand) => void;
  /**
   * Where lines about applying commands go, each with the instance's key and the traceparent of
   * the command's message: the core's failures (error), new incidents (warn), every command (debug).
   * @default silent
   */
  readonly logger?: Logger;
  /** Told the command partitions this replica holds after each rebalance. */
  readonly onAssignment?: (partitions: readonly number[]) => void;
  /** The partition of the commands topic an instance key is on (to forget instances of partitions lost). */
  readonly partitionOf: (processInstanceKey: string) => number;
  /**
   * Most instances kept in memory between their commands (owned-instances.ts).
   * @default 100_000
   */
  readonly maxOwnedInstances?: number;
  /**
   * How long after a batch's commit its snapshot may still be written, ms (snapshot-writer.ts):
   * shorter than the time the group takes to give a silent member's partitions away.
   * @default Infinity
   */
  readonly snapshotLeaseMs?: number;
  /**
   * Told when a snapshot could not be written within its lease (or, `pipelined`, when storing a
   * committed batch failed). The replica can no longer tell whether it owns the partition, and what
   * it holds may be ahead of what is stored: it must stop (the partition's next owner replays what
   * is missing).
   */
  readonly onLeaseExpired?: (error: Error) => void;
  /**
   * Lets a partition's next batches be applied and committed while the earlier ones are still
   * being stored (at most `maxPendingBatches` of them), instead of after. Only with a bus that asks
   * the subscription's `settle` before handing partitions over (Kafka).
   * @default false
   */
  readonly pipelined?: boolean;
  /** @default 8 */
  readonly maxPendingBatches?: number;
  /** Told when a snapshot write fails (it is tried again until its lease ends). */
  readonly onSnapshotError?: (error: unknown) => void;
  /**
   * How long a new job handed to Kafka workers waits before it is written to the job store
   * (snapshot-writer.ts, job-hold.ts): one its worker answers within it is never written.
   * @default 0
   */
  readonly holdHandedOverJobsMs?: number;
  /** The least time between two writes of the checkpoints, ms (snapshot-writer.ts). @default 0 */
  readonly checkpointIntervalMs?: number;
}

/**
 * How long a fetch of commands gathers on Kafka, ms. Each fetch's batches share one transaction
 * (five requests, several writes of the broker's, whatever it carries): on a lightly loaded
 * replica, answering at the first command cost a transaction per command. 25 ms rather than the
 * 10 first chosen: at 405 (b) instances a second the machine was 9 points less busy (76 % against
 * 85 %), creates were answered sooner, and instances completed as fast (README, half load).
 */
const COMMAND_FETCH_LINGER_MS = 25;

/** Applies commands from the bus to instance documents. */
export class CommandProcessor {
  private subscription?: Subscription;
  private readonly owned: OwnedInstances<InstanceDocument>;
  private readonly writer: SnapshotWriter;
  private readonly pipelines: PartitionPipelines | undefined;
  private readonly deps: BatchApplicationDeps;

  constructor(private readonly options: CommandProcessorOptions) {
    this.owned = new OwnedInstances({
      partitionOf: options.partitionOf,
      ended: (document) => document.state !== 'ACTIVE',
      ...(options.maxOwnedInstances === undefined ? {} : { maxInstances: options.maxOwnedInstances }),
    });
    this.writer = new SnapshotWriter({
      instances: options.instances,
      jobs: options.jobs,
      checkpoints: options.checkpoints,
      topic: options.topic.name,
      ...(options.snapshotLeaseMs === undefined ? {} : { leaseMs: options.snapshotLeaseMs }),
      ...(options.onSnapshotError ? { onError: options.onSnapshotError } : {}),
      checkpointIntervalMs: options.checkpointIntervalMs ?? 0,
      ...(options.holdHandedOverJobsMs === undefined
        ? {}
        : { holdHandedOverJobsMs: options.holdHandedOverJobsMs }),
      onHeldJobsLeaseExpired: (error) => {
        this.owned.keepPartitions([]);
        options.onLeaseExpired?.(error);
      },
    });
    this.pipelines = options.pipelined
      ? new PartitionPipelines({
          maxPendingBatches: options.maxPendingBatches ?? 8,
          onFailure: (_partition, error) => this.storeFailed(error),
        })
      : undefined;
    this.deps = {
      apply: options.apply,
      definitions: options.definitions,
      logger: options.logger ?? silentLogger(),
      clock: options.clock ?? Date.now,
      nextKey: options.nextKey,
      instances: options.instances,
      owned: this.owned,
      appliedCommandIdsLimit: options.appliedCommandIdsLimit ?? 200,
      ...(options.onCommandError ? { onCommandError: options.onCommandError } : {}),
    };
  }

  async start(): Promise<void> {
    this.subscription = await subscribeTransactionallyTo(this.options.bus, this.options.topic, {
      groupId: this.options.groupId ?? 'baton-engine',
      fromBeginning: true,
      fetchLingerMs: COMMAND_FETCH_LINGER_MS,
      eachBatch: (batch, transaction) => this.processBatch(batch, transaction),
      replayFrom: (partition, committedOffset) => this.replayFrom(partition, committedOffset),
      replayBatch: (batch) => this.replayBatch(batch),
      settle: () => this.pipelines?.drained() ?? Promise.resolve(),
      onAssignment: (partitions) => {
        this.owned.keepPartitions(partitions);
        this.writer.keepPartitions(partitions);
        this.options.onAssignment?.(partitions);
      },
    });
  }

  /** Stops consuming; resolves once the batches in flight are committed and stored. */
  async close(): Promise<void> {
    // Held jobs are written while the partitions are still this replica's; from now on no job is held.
    await this.writer.releaseHeldJobs();
    await this.subscription?.close();
    await this.pipelines?.drained();
    await this.writer.idle();
  }

  /** One batch, in its transaction: exported for tests; the bus calls it through the subscription. */
  async processBatch(batch: TypedMessageBatch<EngineCommand>, transaction: BatchTransaction): Promise<void> {
    const failure = this.pipelines?.failureOf(batch.partition);
    // What this replica holds of the partition is ahead of the store: it stops (storeFailed).
    if (failure) throw failure.error;
    const applied = await applyBatch(this.deps, batch);
    const plan = this.options.dispatcher.plan(applied.effects, this.contextOf(applied));
    await this.options.dispatcher.publish(plan, transaction);
    await transaction.commit();
    if (!this.pipelines) return this.store(batch, applied, plan);
    // Decided: the partition's next batch applies to these versions while they are being stored.
    for (const { document } of applied.writes) this.owned.remember(document, true);
    await this.pipelines.push(batch.partition, this.stagesOf(batch, applied, plan));
  }

  /**
   * Where a partition this replica just got must be replayed from: its checkpoint, when that is
   * below the offset the group committed (a replica died between a commit and its snapshot).
   */
  async replayFrom(partition: number, committedOffset: number): Promise<number | undefined> {
    // Asked whenever the partition comes to this replica, even if it held it before (a fenced
    // producer, a join it missed): what it holds may be behind the log, so it starts from the store,
    // once its own batches still being stored are.
    await this.pipelines?.drained(partition);
    this.pipelines?.reset(partition);
    this.owned.forgetPartition(partition);
    const checkpoints = await this.options.checkpoints.get(this.options.topic.name, [partition]);
    // No checkpoint yet: the documents written so far skip what they reflect.
    const from = checkpoints.get(partition) ?? 0;
    if (from >= committedOffset) return undefined;
    this.deps.logger.info(
      { partition, from, to: committedOffset },
      `replaying commands ${from}–${committedOffset - 1} of partition ${partition}: committed, not yet in the snapshot`,
    );
    return from;
  }

  /** Commands committed by a previous owner: applied and stored, their Kafka effects not sent again. */
  async replayBatch(batch: TypedMessageBatch<EngineCommand>): Promise<void> {
    const applied = await applyBatch(this.deps, batch, true);
    const plan = this.options.dispatcher.plan(applied.effects, this.contextOf(applied));
    // The open jobs of instances stored ahead of the checkpoint go first: their writer may have
    // held them back (job-hold.ts); a job stored meanwhile stays as it is.
    const restore = applied.restoredJobs.map((job) => ({ kind: 'ensure' as const, job }));
    await this.store(batch, applied, { ...plan, jobChanges: [...restore, ...plan.jobChanges] });
  }

  /** After the commit: the other stores, the snapshot, then the announcements. */
  private async store(
    batch: TypedMessageBatch<EngineCommand>,
    applied: AppliedBatch,
    plan: EffectPlan,
  ): Promise<void> {
    const stages = this.stagesOf(batch, applied, plan);
    try {
      await stages.sideEffects();
      await stages.write();
    } catch (error) {
      if (!(error instanceof SnapshotLeaseExpiredError)) throw error;
      this.owned.keepPartitions([]);
      this.options.onLeaseExpired?.(error);
      throw error;
    }
    // Remembered once stored: nothing is pinned on this path, so announce's `stored` finds nothing.
    for (const { document } of applied.writes) this.owned.remember(document);
    await stages.announce();
  }

  /** A committed batch's store, in stages: run in order here (store) or by its partition's pipeline. */
  private stagesOf(
    batch: TypedMessageBatch<EngineCommand>,
    applied: AppliedBatch,
    plan: EffectPlan,
  ): BatchStages {
    const committedAt = performance.now();
    const { dispatcher } = this.options;
    const { partition } = batch;
    const firstOffset = batch.messages[0]?.offset ?? 0;
    const nextOffset = (batch.messages.at(-1)?.offset ?? -1) + 1;
    return {
      sideEffects: () =>
        dispatcher.applySideEffects(plan, () => this.writer.checkLease(partition, committedAt)),
      write: () =>
        this.writer.write({
          partition,
          firstOffset,
          nextOffset,
          documents: applied.writes,
          jobChanges: plan.jobChanges,
          committedAt,
        }),
      announce: async () => {
        for (const { document } of applied.writes) this.owned.stored(document);
        await dispatcher.announce(plan);
        this.writer.confirm({ partition, nextOffset, committedAt });
      },
    };
  }

  /** Storing a committed batch failed: what the replica holds is ahead of the store, so it stops. */
  private storeFailed(error: unknown): void {
    this.owned.keepPartitions([]);
    const reported =
      error instanceof Error ? error : new Error(`storing a committed batch failed: ${String(error)}`);
    this.options.onLeaseExpired?.(reported);
  }

  /** What the dispatcher learns from the batch's instances in memory. */
  private contextOf(applied: AppliedBatch) {
    const states = new Map(applied.writes.map(({ document }) => [document.processInstanceKey, document]));
    return {
      variablesOf: (job: { processInstanceKey: string; elementInstanceKey: string }) => {
        const state = states.get(job.processInstanceKey);
        return state && visibleVariables(state, job.elementInstanceKey);
      },
      mayBeStored: (job: { processInstanceKey: string; jobKey: string }) =>
        heldJob(applied.before.get(job.processInstanceKey), job.jobKey),
    };
  }
}

function heldJob(state: InstanceState | undefined, jobKey: string): boolean {
  return state?.jobs[jobKey] !== undefined;
}
