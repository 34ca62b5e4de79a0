// Wake-ups for REST long polls across replicas: jobs created on replica B must end the wait of a
// poller parked on replica A. The dispatcher announces the job types of each batch on the
// notifications topic; every replica consumes it in a group of its own and wakes its pollers.
import { subscribeTo, type MessageBus, type Subscription } from '@baton/messaging';
import type { BatonTopics } from '@baton/topics';
import type { JobWaiters } from './job-waiters';

export interface JobNotificationListenerOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['jobNotifications'];
  readonly replicaId: string;
  readonly waiters: JobWaiters;
}

/** Consumes job notifications and wakes the local pollers of those types. */
export class JobNotificationListener {
  private subscription?: Subscription;

  constructor(private readonly options: JobNotificationListenerOptions) {}

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: `baton-job-notifications-${this.options.replicaId}`,
      deleteGroupOnClose: true,
      // A wake-up heard twice costs a poll: no commit request per batch.
      commitIntervalMs: 1000,
      eachBatch: (batch) => {
        const types = new Set<string>();
        for (const message of batch.messages) for (const type of message.value.types) types.add(type);
        this.options.waiters.notify(types);
        return Promise.resolve();
      },
    });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }
}
