// Publishes the effects of applied commands (DESIGN §3.3), in the phases of a batch of the
// log-first runtime: `plan` sorts them; `publish` puts what goes to Kafka (instance events, jobs
// handed to Kafka workers, commands of child instances and continuations) into the batch's
// transaction; after the commit `applySideEffects` writes user tasks, message subscriptions and
// timers; the job changes are written with the snapshot (snapshot-writer.ts); and once
// that is stored, `announce` sends the replies and wakes the job pollers, so that whoever hears of
// a change can read it (and the next message start of a released correlation key sees the
// instance that released it ended). Everything but `publish` is harmless twice (upserts, idempotent
// consumers): a replay after a crash runs it again.
import type { Variables } from '@baton/contracts';
import type { Effect, Job, UserTask } from '@baton/engine-core';
import { produceTo, type MessageBus, type TopicMessage } from '@baton/messaging';
import type { JobLock, JobStore, UserTaskStore } from '@baton/store';
import type { BatonTopics, ReplyMessage, TopicMessageOf } from '@baton/topics';
import type { AsyncContinuationRunner } from './async-continuations';
import type { ChildInstances } from './child-instances';
import type { DecisionEvaluations } from './decision-evaluations';
import { coalesceJobChanges, type PlannedJobChange } from './job-change-coalescing';
import type { HandedOverJob, JobPusher } from './job-pusher';
import type { JobWaiters } from './job-waiters';
import type { MessageCorrelator, SubscriptionChange } from './message-correlator';
import type { SignalBroadcast, SignalBroadcaster, SignalSubscriptionChange } from './signal-broadcaster';
import { isCoreEffect, type BatchEffect, type SignalDeliveryEffect } from './signal-deliveries';
import type { TimerChange, TimerScheduler } from './timer-scheduler';

export interface EffectDispatcherOptions {
  readonly bus: MessageBus;
  readonly jobs: JobStore;
  readonly userTasks: UserTaskStore;
  readonly waiters: JobWaiters;
  /** Stores subscriptions and correlates buffered messages to new ones. @default none: subscriptions are not stored */
  readonly messages?: MessageCorrelator;
  /**
   * Stores signal subscriptions and fans out the signals instances throw, in the batch's
   * transaction. @default none: signal subscriptions are not stored, thrown signals reach nobody
   */
  readonly signals?: SignalBroadcaster;
  /** Stores timers and wakes the scheduler for early ones. @default none: timers are not stored */
  readonly timers?: TimerScheduler;
  /** Creates, cancels and notifies the instances of call activities. @default none: no child instances */
  readonly childInstances?: ChildInstances;
  /** Answers business rule tasks' decision evaluations with commands (decision-evaluations.ts). */
  readonly decisionEvaluations?: DecisionEvaluations;
  /** Runs asynchronous continuation jobs (async-continuations.ts). @default none: they wait */
  readonly asyncContinuations?: AsyncContinuationRunner;
  /**
   * The topics effects go to. With `jobNotifications`, the job types of each batch are announced
   * there too, for pollers waiting on other replicas.
   */
  readonly topics: Pick<BatonTopics, 'instanceEvents' | 'engineReplies'> &
    Partial<Pick<BatonTopics, 'jobNotifications'>>;
  /**
   * Settles the replies addressed to this replica's own waiting callers in process (the reply
   * router's `settleOwn`): with one replica every reply, with n one in n, skip the replies topic's
   * produce and fetch. @default none: every reply goes over the topic
   */
  readonly ownReplies?: (reply: ReplyMessage) => boolean;
  /** Hands new jobs of the types Kafka workers serve straight to their topic. @default none */
  readonly kafkaJobs?: Pick<JobPusher, 'serves' | 'lockFrom' | 'handOver'>;
  /** @default Date.now */
  readonly clock?: () => number;
}

/** What the caller of a dispatch knows beyond the effects. */
export interface DispatchContext {
  /**
   * The variables a job of an instance just applied sees, from the state in memory; with it, new
   * Kafka jobs are handed over at once. Without, they go through activation.
   */
  readonly variablesOf?: (job: Job) => Variables | undefined;
  /**
   * Whether a version of the job may be in the job store already (its instance held it before the
   * batch). A job that was not, created and closed before the next snapshot write, is never written.
   * Without it, every job may be.
   */
  readonly mayBeStored?: (job: Job) => boolean;
}

/** The effects of a batch, sorted by where and when they go. */
export interface EffectPlan {
  readonly effects: readonly Effect[];
  /** In the batch's transaction. */
  readonly events: readonly TopicMessage<TopicMessageOf<'instanceEvents'>>[];
  readonly handedOver: readonly HandedOverJob[];
  /** With the snapshot. */
  readonly jobChanges: readonly PlannedJobChange[];
  /** After the commit. */
  readonly userTasks: readonly UserTask[];
  readonly subscriptionChanges: readonly SubscriptionChange[];
  readonly signalSubscriptionChanges: readonly SignalSubscriptionChange[];
  /** Signals thrown: fanned out in the batch's transaction. */
  readonly signalBroadcasts: readonly SignalBroadcast[];
  /** Broadcasts reached on the batch's partition: their triggers, in the batch's transaction. */
  readonly signalDeliveries: readonly SignalDeliveryEffect[];
  readonly timerChanges: readonly TimerChange[];
  /** Once the snapshot holds the batch. */
  readonly startsReleased: readonly { processDefinitionId: string; correlationKey: string }[];
  readonly replies: readonly TopicMessage<ReplyMessage>[];
  /** Types of jobs pollers may now activate. */
  readonly jobTypes: ReadonlySet<string>;
}

/** Turns effects into messages, store writes and wake-ups. */
export class EffectDispatcher {
  constructor(private readonly options: EffectDispatcherOptions) {}

  /** Every phase in order, outside any transaction: for callers with no batch of their own. */
  async dispatch(effects: readonly BatchEffect[], context: DispatchContext = {}): Promise<void> {
    const plan = this.plan(effects, context);
    await this.publish(plan, this.options.bus);
    await this.applySideEffects(plan);
    if (plan.jobChanges.length > 0) await this.options.jobs.applyChanges(coalesceJobChanges(plan.jobChanges));
    await this.announce(plan);
  }

  plan(batchEffects: readonly BatchEffect[], context: DispatchContext = {}): EffectPlan {
    const now = (this.options.clock ?? Date.now)();
    const effects = batchEffects.filter(isCoreEffect);
    const plan = {
      effects,
      events: [] as TopicMessage<TopicMessageOf<'instanceEvents'>>[],
      handedOver: [] as HandedOverJob[],
      jobChanges: [] as PlannedJobChange[],
      userTasks: [] as UserTask[],
      subscriptionChanges: [] as SubscriptionChange[],
      signalSubscriptionChanges: [] as SignalSubscriptionChange[],
      signalBroadcasts: [] as SignalBroadcast[],
      signalDeliveries: batchEffects.filter(
        (effect): effect is SignalDeliveryEffect => effect.type === 'SIGNAL_DELIVERY',
      ),
      timerChanges: [] as TimerChange[],
      startsReleased: [] as { processDefinitionId: string; correlationKey: string }[],
      replies: [] as TopicMessage<ReplyMessage>[],
      jobTypes: new Set<string>(),
    };
    for (const effect of effects) {
      switch (effect.type) {
        case 'JOB_CREATED': {
          // Also sent again for a job that exists (suspended, reopened by an incident's resolution).
          const created = !(context.mayBeStored?.(effect.job) ?? true);
          const handed = this.handOver(effect.job, context, now);
          if (handed) {
            plan.handedOver.push(handed.job);
            plan.jobChanges.push({ kind: 'upsert', job: effect.job, lock: handed.lock, created });
            break; // no poller to wake: the job is locked
          }
          plan.jobChanges.push({ kind: 'upsert', job: effect.job, created });
          plan.jobTypes.add(effect.job.type);
          break;
        }
        case 'JOB_RETRY':
          plan.jobChanges.push({ kind: 'upsert', job: effect.job });
          plan.jobTypes.add(effect.job.type);
          break;
        case 'JOB_CLOSED':
          plan.jobChanges.push({ kind: 'remove', jobKey: effect.jobKey });
          break;
        case 'JOB_MIGRATED':
          plan.jobChanges.push({ kind: 'relabel', job: effect.job });
          break;
        case 'USER_TASK_UPDATED':
          plan.userTasks.push(effect.userTask);
          break;
        case 'MESSAGE_SUBSCRIPTION_OPENED':
          plan.subscriptionChanges.push({ kind: 'open', subscription: effect.subscription });
          break;
        case 'MESSAGE_SUBSCRIPTION_CLOSED':
          plan.subscriptionChanges.push({ kind: 'close', subscription: effect.subscription });
          break;
        case 'SIGNAL_SUBSCRIPTION_OPENED':
          plan.signalSubscriptionChanges.push({ kind: 'open', subscription: effect.subscription });
          break;
        case 'SIGNAL_SUBSCRIPTION_CLOSED':
          plan.signalSubscriptionChanges.push({ kind: 'close', subscription: effect.subscription });
          break;
        case 'SIGNAL_BROADCAST_REQUESTED':
          plan.signalBroadcasts.push({
            signalKey: effect.signalKey,
            signalName: effect.signalName,
            variables: effect.variables,
            tenantId: effect.tenantId,
          });
          break;
        case 'TIMER_SCHEDULED':
          plan.timerChanges.push({ kind: 'schedule', timer: effect.timer });
          break;
        case 'TIMER_CANCELED':
          plan.timerChanges.push({ kind: 'remove', timer: effect.timer });
          break;
        case 'TIMER_TRIGGERED':
          // The scheduler that fired the timer removes it from the store.
          break;
        case 'MESSAGE_START_RELEASED':
          plan.startsReleased.push({
            processDefinitionId: effect.processDefinitionId,
            correlationKey: effect.correlationKey,
          });
          break;
        case 'CHILD_INSTANCE_REQUESTED':
        case 'CHILD_INSTANCE_CANCEL_REQUESTED':
        case 'PARENT_NOTIFICATION_REQUESTED':
        case 'ERROR_PROPAGATION_REQUESTED':
        case 'ERROR_NOT_CAUGHT_NOTIFIED':
        case 'ESCALATION_PROPAGATION_REQUESTED':
          // Sent as commands by childInstances, in publish.
          break;
        case 'DECISION_EVALUATION_REQUESTED':
          // Evaluated and answered with a command by decisionEvaluations, in publish.
          break;
        case 'INCIDENT_UPDATED':
          // The instance document carries `hasIncident`, written with the state; nothing to publish yet.
          break;
        case 'INSTANCE_EVENT':
          plan.events.push({
            key: effect.event.processInstanceKey,
            value: effect.event,
            headers: { processInstanceKey: effect.event.processInstanceKey },
          });
          break;
        case 'REPLY':
          plan.replies.push({
            key: effect.target.replicaId,
            value: { target: effect.target, body: effect.body },
          });
          break;
      }
    }
    return plan;
  }

  /**
   * The plan's Kafka output — instance events, jobs handed to Kafka workers, the commands of child
   * instances and continuations — into `producer` (the batch's transaction, or the bus).
   */
  async publish(plan: EffectPlan, producer: Pick<MessageBus, 'produce'>): Promise<void> {
    await this.options.childInstances?.dispatch(plan.effects, producer);
    await this.options.decisionEvaluations?.dispatch(plan.effects, producer);
    await this.options.asyncContinuations?.dispatch(plan.effects, producer);
    if (
      plan.signalBroadcasts.length > 0 ||
      plan.signalDeliveries.length > 0 ||
      plan.signalSubscriptionChanges.length > 0
    )
      await this.options.signals?.publish(
        plan.signalBroadcasts,
        plan.signalDeliveries,
        plan.signalSubscriptionChanges,
        producer,
      );
    await Promise.all([
      plan.handedOver.length > 0 ? this.options.kafkaJobs?.handOver(plan.handedOver, producer) : undefined,
      plan.events.length > 0
        ? produceTo(producer, this.options.topics.instanceEvents, plan.events)
        : undefined,
    ]);
  }

  /**
   * What the plan writes to the other stores, after the commit; `fence` is asked before each
   * step (a replica paused meanwhile may have lost the partition: it must write nothing more).
   */
  async applySideEffects(plan: EffectPlan, fence: () => void = () => undefined): Promise<void> {
    if (plan.userTasks.length > 0) await this.options.userTasks.upsertAll(plan.userTasks, fence);
    if (plan.subscriptionChanges.length > 0) fence();
    await this.options.messages?.applySubscriptionChanges(plan.subscriptionChanges);
    if (plan.signalSubscriptionChanges.length > 0) {
      fence();
      await this.options.signals?.applySubscriptionChanges(plan.signalSubscriptionChanges);
    }
    if (plan.timerChanges.length > 0) fence();
    await this.options.timers?.applyTimerChanges(plan.timerChanges);
  }

  /**
   * Replies, job wake-ups and the next message starts of released correlation keys, once the
   * stores hold what they announce (a released key is taken only from an instance stored as ended).
   */
  async announce(plan: EffectPlan): Promise<void> {
    await this.options.messages?.startsReleased(plan.startsReleased);
    const notifications = this.options.topics.jobNotifications;
    const types = [...plan.jobTypes];
    const ownReplies = this.options.ownReplies;
    const replies = ownReplies ? plan.replies.filter((reply) => !ownReplies(reply.value)) : plan.replies;
    await Promise.all([
      replies.length > 0
        ? produceTo(this.options.bus, this.options.topics.engineReplies, replies)
        : undefined,
      notifications && types.length > 0
        ? produceTo(this.options.bus, notifications, [{ key: types.join(','), value: { types } }])
        : undefined,
    ]);
    if (types.length > 0) this.options.waiters.notify(plan.jobTypes);
  }

  /** The job as handed over now and its lock, when it may go straight to its Kafka workers. */
  private handOver(
    job: Job,
    context: DispatchContext,
    now: number,
  ): { job: HandedOverJob; lock: JobLock } | undefined {
    const kafkaJobs = this.options.kafkaJobs;
    if (!kafkaJobs?.serves(job.type) || job.suspended || job.asyncContinuation) return undefined;
    if (job.retryAt !== undefined && job.retryAt > now) return undefined;
    const variables = context.variablesOf?.(job);
    if (!variables) return undefined;
    const lock = kafkaJobs.lockFrom(now);
    return { job: { job, variables, deadline: lock.deadline }, lock };
  }
}
