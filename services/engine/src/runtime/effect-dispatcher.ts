// Publishes the effects of applied commands (DESIGN §3.3): jobs and user tasks into their query
// stores (jobs in one bulk write per dispatch, user tasks in effect order), message subscriptions
// to the message correlator, timers to the timer scheduler, instance events and replies onto their
// topics with one produce per topic, and finally wakes the job pollers. Dispatching twice is harmless (upserts, idempotent
// consumers): that is what lets a crash be healed by dispatching an outbox again.
import type { Variables } from '@baton/contracts';
import type { Effect, Job } from '@baton/engine-core';
import { produceTo, type MessageBus, type TopicMessage } from '@baton/messaging';
import type { JobChange, JobLock, JobStore, UserTaskStore } from '@baton/store';
import type { BatonTopics, ReplyMessage, TopicMessageOf } from '@baton/topics';
import type { AsyncContinuationRunner } from './async-continuations';
import type { ChildInstances } from './child-instances';
import type { HandedOverJob, JobPusher } from './job-pusher';
import type { JobWaiters } from './job-waiters';
import type { MessageCorrelator, SubscriptionChange } from './message-correlator';
import type { TimerChange, TimerScheduler } from './timer-scheduler';

export interface EffectDispatcherOptions {
  readonly bus: MessageBus;
  readonly jobs: JobStore;
  readonly userTasks: UserTaskStore;
  readonly waiters: JobWaiters;
  /** Stores subscriptions and correlates buffered messages to new ones. @default none: subscriptions are not stored */
  readonly messages?: MessageCorrelator;
  /** Stores timers and wakes the scheduler for early ones. @default none: timers are not stored */
  readonly timers?: TimerScheduler;
  /** Creates, cancels and notifies the instances of call activities. @default none: no child instances */
  readonly childInstances?: ChildInstances;
  /** Runs asynchronous continuation jobs (async-continuations.ts). @default none: they wait */
  readonly asyncContinuations?: AsyncContinuationRunner;
  /**
   * The topics effects go to. With `jobNotifications`, the job types of each batch are announced
   * there too, for pollers waiting on other replicas.
   */
  readonly topics: Pick<BatonTopics, 'instanceEvents' | 'engineReplies'> &
    Partial<Pick<BatonTopics, 'jobNotifications'>>;
  /** Hands new jobs of the types Kafka workers serve straight to their topic. @default none */
  readonly kafkaJobs?: Pick<JobPusher, 'serves' | 'lockFrom' | 'handOver'>;
  /** @default Date.now */
  readonly clock?: () => number;
}

/** What the caller of a dispatch knows beyond the effects. */
export interface DispatchContext {
  /**
   * The variables a job of an instance just written sees, from the state in memory; with it, new
   * Kafka jobs are handed over at once. Without (an outbox healed), they go through activation.
   */
  readonly variablesOf?: (job: Job) => Variables | undefined;
}

/** Turns effects into store writes, messages and wake-ups. */
export class EffectDispatcher {
  constructor(private readonly options: EffectDispatcherOptions) {}

  async dispatch(effects: readonly Effect[], context: DispatchContext = {}): Promise<void> {
    const handedOver: HandedOverJob[] = [];
    const now = (this.options.clock ?? Date.now)();
    const events: TopicMessage<TopicMessageOf<'instanceEvents'>>[] = [];
    const replies: TopicMessage<ReplyMessage>[] = [];
    const jobTypes = new Set<string>();
    const jobChanges: JobChange[] = [];
    const subscriptionChanges: SubscriptionChange[] = [];
    const timerChanges: TimerChange[] = [];
    const startsReleased: { processDefinitionId: string; correlationKey: string }[] = [];
    for (const effect of effects) {
      switch (effect.type) {
        case 'JOB_CREATED': {
          const handed = this.handOver(effect.job, context, now);
          if (handed) {
            handedOver.push(handed.job);
            jobChanges.push({ kind: 'upsert', job: effect.job, lock: handed.lock });
            break; // no poller to wake: the job is locked
          }
          jobChanges.push({ kind: 'upsert', job: effect.job });
          jobTypes.add(effect.job.type);
          break;
        }
        case 'JOB_RETRY':
          jobChanges.push({ kind: 'upsert', job: effect.job });
          jobTypes.add(effect.job.type);
          break;
        case 'JOB_CLOSED':
          jobChanges.push({ kind: 'remove', jobKey: effect.jobKey });
          break;
        case 'USER_TASK_UPDATED':
          await this.options.userTasks.upsert(effect.userTask);
          break;
        case 'MESSAGE_SUBSCRIPTION_OPENED':
          subscriptionChanges.push({ kind: 'open', subscription: effect.subscription });
          break;
        case 'MESSAGE_SUBSCRIPTION_CLOSED':
          subscriptionChanges.push({ kind: 'close', subscription: effect.subscription });
          break;
        case 'TIMER_SCHEDULED':
          timerChanges.push({ kind: 'schedule', timer: effect.timer });
          break;
        case 'TIMER_CANCELED':
          timerChanges.push({ kind: 'remove', timer: effect.timer });
          break;
        case 'TIMER_TRIGGERED':
          // The scheduler that fired the timer removes it from the store.
          break;
        case 'MESSAGE_START_RELEASED':
          startsReleased.push({
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
          // Sent as commands by childInstances, below.
          break;
        case 'INCIDENT_UPDATED':
          // The instance document carries `hasIncident`, written with the state; nothing to publish yet.
          break;
        case 'INSTANCE_EVENT':
          events.push({
            key: effect.event.processInstanceKey,
            value: effect.event,
            headers: { processInstanceKey: effect.event.processInstanceKey },
          });
          break;
        case 'REPLY': {
          const value: ReplyMessage = { target: effect.target, body: effect.body };
          replies.push({ key: effect.target.replicaId, value });
          break;
        }
      }
    }
    // Written before anything is announced: a poller woken by the notification finds the jobs.
    if (jobChanges.length > 0) await this.options.jobs.applyChanges(jobChanges);
    await this.options.messages?.applySubscriptionChanges(subscriptionChanges);
    await this.options.timers?.applyTimerChanges(timerChanges);
    await this.options.childInstances?.dispatch(effects);
    await this.options.asyncContinuations?.dispatch(effects);
    await this.options.messages?.startsReleased(startsReleased);
    const notifications = this.options.topics.jobNotifications;
    await Promise.all([
      handedOver.length > 0 ? this.options.kafkaJobs?.handOver(handedOver) : undefined,
      events.length > 0 ? produceTo(this.options.bus, this.options.topics.instanceEvents, events) : undefined,
      replies.length > 0
        ? produceTo(this.options.bus, this.options.topics.engineReplies, replies)
        : undefined,
      notifications && jobTypes.size > 0
        ? produceTo(this.options.bus, notifications, [
            { key: [...jobTypes].join(','), value: { types: [...jobTypes] } },
          ])
        : undefined,
    ]);
    if (jobTypes.size > 0) this.options.waiters.notify(jobTypes);
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
