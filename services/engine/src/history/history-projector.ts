// The instance history's writer (issue 17): consumes `baton.instance.events.v1` in one consumer
// group shared by the engine replicas (each event is projected once, by the replica holding its
// partition) and appends an entry per event to the history store. It runs beside the command
// path, never in it: a batch of commands commits and answers without waiting for its history.
import { instanceEventSchema, type HistoryEntry, type InstanceEvent } from '@baton/contracts';
import { subscribeTo, type MessageBus, type Subscription, type TypedMessageBatch } from '@baton/messaging';
import type { HistoryStore } from '@baton/store';
import type { BatonTopics, TopicMessageOf } from '@baton/topics';
import {
  alreadyRecorded,
  emptyTrail,
  recordEvent,
  trailOf,
  type InstanceTrail,
  type StampedInstanceEvent,
} from './history-trail';
import { GroupedAppend } from './grouped-append';

/** Options of {@link HistoryProjector}. */
export interface HistoryProjectorOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['instanceEvents'];
  /** Shared by every replica of the engine. */
  readonly groupId: string;
  readonly store: HistoryStore;
  readonly logError: (message: string, error: unknown) => void;
  /**
   * The events come from this process's own command processor over the in-memory bus, which
   * already checked them against the topic's catalogue schema: they are taken as they are, not
   * parsed again with the full event schema (that check stays where events come from outside).
   * @default false
   */
  readonly inProcessEvents?: boolean;
  /**
   * How many running instances' trails are kept in memory; one forgotten is read back from the store.
   * @default 10000
   */
  readonly maxTrails?: number;
}

/** Entries read per page when a trail is rebuilt from the store. */
const rebuildPageSize = 1000;

export class HistoryProjector {
  private subscription?: Subscription;
  /** Trails of running instances (an instance's trail goes when it ends). */
  private readonly trails = new Map<string, InstanceTrail>();
  /**
   * The trails in the order they were made, from `oldest` on, to forget the oldest beyond
   * maxTrails; an entry whose trail is no longer the map's for its key was forgotten already.
   * Kept apart from the map: asking a Map for its first key after many deletions from its front
   * walks every deleted slot until the map is next rehashed.
   */
  private made: { readonly key: string; readonly trail: InstanceTrail }[] = [];
  private oldest = 0;
  private readonly appends: GroupedAppend;

  constructor(private readonly options: HistoryProjectorOptions) {
    this.appends = new GroupedAppend(options.store);
  }

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: this.options.groupId,
      // A new group reads what the topic still holds: events of instances started before it joined.
      fromBeginning: true,
      // Events delivered again (a crash, a rebalance) are recognised by their trail and skipped,
      // so offsets go once a second rather than one commit request per batch.
      commitIntervalMs: 1000,
      // Off the command path: gathering 50 ms of events makes fewer, larger history inserts.
      fetchLingerMs: 50,
      eachBatch: (batch) => this.handle(batch),
    });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  private async handle(batch: TypedMessageBatch<TopicMessageOf<'instanceEvents'>>): Promise<void> {
    const entries: HistoryEntry[] = [];
    const touched = new Set<string>();
    for (const message of batch.messages) {
      const event = this.options.inProcessEvents
        ? ownStampedEvent(message.value)
        : stampedEvent(message.value);
      if (event === undefined) continue;
      const key = event.processInstanceKey;
      touched.add(key);
      const found = this.trailFor(event);
      // Awaited only when read from the store: an await per event costs a turn of the microtasks.
      const trail = found instanceof Promise ? await found : found;
      if (alreadyRecorded(trail, event)) continue;
      entries.push(recordEvent(trail, event));
      // An ended instance has no further events.
      if (event.state !== 'ACTIVE') this.trails.delete(key);
    }
    try {
      await this.appends.append(entries);
    } catch (error) {
      // The batch comes again: its instances' trails are read back from what was stored.
      for (const key of touched) this.trails.delete(key);
      this.options.logError('writing instance history failed; the batch is consumed again', error);
      throw error;
    }
  }

  /** The instance's trail: held, new, or (a promise of it) read back from the store. */
  private trailFor(event: StampedInstanceEvent): InstanceTrail | Promise<InstanceTrail> {
    const key = event.processInstanceKey;
    const known = this.trails.get(key);
    if (known !== undefined) return known;
    // A create's first event has nothing before it: no read for a new instance.
    if (event.revision === 1 && event.eventIndex === 0) return this.hold(key, emptyTrail());
    return this.storedEntries(key).then((entries) => this.hold(key, trailOf(entries)));
  }

  private hold(key: string, trail: InstanceTrail): InstanceTrail {
    this.trails.set(key, trail);
    this.made.push({ key, trail });
    this.forgetOldestTrails();
    return trail;
  }

  private forgetOldestTrails(): void {
    const { trails, made } = this;
    while (trails.size > (this.options.maxTrails ?? 10_000) && this.oldest < made.length) {
      const { key, trail } = made[this.oldest++]!;
      if (trails.get(key) === trail) trails.delete(key);
    }
    // Entries of trails gone (ended instances) or passed are let go once they are half the queue.
    if (made.length - this.oldest > 2 * trails.size + 1024) {
      this.made = made.slice(this.oldest).filter(({ key, trail }) => trails.get(key) === trail);
      this.oldest = 0;
    } else if (this.oldest > 1024 && this.oldest * 2 > made.length) {
      this.made = made.slice(this.oldest);
      this.oldest = 0;
    }
  }

  private async storedEntries(processInstanceKey: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    for (;;) {
      const last = entries.at(-1);
      const page = await this.options.store.list(processInstanceKey, {
        limit: rebuildPageSize,
        ...(last !== undefined && { after: { revision: last.revision, eventIndex: last.eventIndex } }),
      });
      entries.push(...page.items);
      if (page.items.length < rebuildPageSize) return entries;
    }
  }
}

/** The event, when it is one the command processor stamped; events without a stamp are not history. */
function stampedEvent(value: unknown): StampedInstanceEvent | undefined {
  const parsed = instanceEventSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  if (event.revision === undefined || event.eventIndex === undefined) return undefined;
  return event as StampedInstanceEvent;
}

/** An event of this process's own command processor: only its stamp is looked for. */
function ownStampedEvent(value: TopicMessageOf<'instanceEvents'>): StampedInstanceEvent | undefined {
  // Made by engine-core's toInstanceEvent and stamped by the command processor: the full event.
  const event = value as unknown as InstanceEvent;
  if (event.revision === undefined || event.eventIndex === undefined) return undefined;
  return event as StampedInstanceEvent;
}
