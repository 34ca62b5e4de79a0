// Consumes `baton.instance.events.v1` in a consumer group of this replica's own, so that every
// gateway replica sees every event, and hands each one to the sessions that follow its instance.
// Handing over never waits on a client: sessions queue (and drop) on their own.
import type { InstanceLiveState } from '@baton/contracts';
import { messageLogFields, type LogError } from '@baton/platform';
import {
  subscribeTo,
  type MessageBus,
  type MessageHeaders,
  type Subscription,
  type TypedMessageBatch,
} from '@baton/messaging';
import type { BatonTopics, TopicMessageOf } from '@baton/topics';
import { readEngineEvent } from './live-state/engine-event';
import type { UpdateJournal } from './live-state/update-journal';
import type { ClientSession } from './sessions/client-session';
import type { SubscriptionIndex } from './sessions/subscription-index';
import type { SnapshotSource } from './snapshots/snapshot-source';

export interface InstanceEventConsumerOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['instanceEvents'];
  readonly groupId: string;
  readonly index: SubscriptionIndex<ClientSession>;
  /** Reads the state of instances whose events carry no revision (from an engine that does not stamp them). */
  readonly snapshots: SnapshotSource;
  readonly onUpdate?: (update: InstanceLiveState) => void;
  /** Where every revision-stamped update is recorded before it reaches the sessions (for resumes). */
  readonly journal?: UpdateJournal;
  readonly logError: LogError;
}

export class InstanceEventConsumer {
  private subscription?: Subscription;

  constructor(private readonly options: InstanceEventConsumerOptions) {}

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: this.options.groupId,
      // A client gets its starting point from its subscribe snapshot; older events are of no use.
      fromBeginning: false,
      // The group is this replica's alone (every replica sees every event).
      deleteGroupOnClose: true,
      // A commit per batch is a request to the group coordinator each time, hundreds a second under
      // load. Once a second is enough: a replica that crashed has lost its clients' connections,
      // they resubscribe from a snapshot, and a session passes on nothing older than what its client
      // already has (revision floors), so the events delivered again reach no client twice.
      commitIntervalMs: 1000,
      eachBatch: (batch) => this.handle(batch),
    });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private async handle(batch: TypedMessageBatch<TopicMessageOf<'instanceEvents'>>): Promise<void> {
    const { index } = this.options;
    // Without a revision the event cannot be ordered against snapshots: the stored state (which
    // the engine wrote before publishing the event) is sent instead, once per instance and batch.
    /** Instances to read, with the headers of their event (for the log). */
    const unrevised = new Map<string, MessageHeaders>();
    for (const message of batch.messages) {
      const event = readEngineEvent(message.value);
      if (event === undefined) {
        this.options.logError(
          `skipping a message of ${batch.topic} that is not an instance event`,
          message.value,
          messageLogFields(message.headers),
        );
        continue;
      }
      if (event.kind === 'without-revision') {
        if (index.hasFollowers(event.processInstanceKey, event.processDefinitionId))
          unrevised.set(event.processInstanceKey, message.headers);
        continue;
      }
      this.options.journal?.record(event.state, { partition: batch.partition, offset: message.offset });
      this.deliver(event.state);
    }
    await Promise.all(
      [...unrevised].map(async ([processInstanceKey, headers]) => {
        try {
          const state = await this.options.snapshots.instance(processInstanceKey);
          if (state) this.deliver(state);
        } catch (error) {
          this.options.logError(
            `reading the state of instance ${processInstanceKey} failed; its followers miss this change`,
            error,
            { ...messageLogFields(headers), processInstanceKey },
          );
        }
      }),
    );
  }

  private deliver(update: InstanceLiveState): void {
    this.options.onUpdate?.(update);
    for (const session of this.options.index.followers(update.processInstanceKey, update.processDefinitionId))
      session.offer(update);
  }
}
