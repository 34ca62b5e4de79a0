// Applies one batch of commands to the instances they address, in memory (DESIGN §3.2): grouped by
// instance, each taken from what this replica holds or, when it holds nothing of it, read once
// (one getMany for the batch; a new instance is not looked for), and each command applied in order
// but for those the document already reflects — a command at or below the log position the
// document was written at (a replay after a crash), or one whose id it applied (a producer that
// sent it twice). A replay that reaches commands a stored version reflects sends that version's
// replies again (lastReplies): its writer may have died before sending them. Nothing is written here: the caller commits the effects and then stores the
// documents (snapshot-writer.ts). A DELIVER_SIGNAL (no instance's) becomes a signal delivery effect
// with the signal subscription changes of the commands before it (signal-deliveries.ts).
import type { CommandOf, EngineCommand } from '@baton/contracts';
import { hasOpenIncident, type Effect, type InstanceState, type Job } from '@baton/engine-core';
import type { TypedMessageBatch } from '@baton/messaging';
import type { InstanceDocument, InstanceStore, SnapshotWrite } from '@baton/store';
import { applyOneCommand, type ApplyOneCommandDeps, type ReceivedCommand } from './apply-one-command';
import type { DefinitionCache } from './definition-cache';
import type { OwnedInstances } from './owned-instances';
import type { SignalSubscriptionChange } from './signal-broadcaster';
import type { BatchEffect, SignalDeliveryEffect } from './signal-deliveries';

export interface BatchApplicationDeps extends ApplyOneCommandDeps {
  readonly instances: Pick<InstanceStore, 'getMany'>;
  readonly definitions: DefinitionCache;
  readonly owned: OwnedInstances<InstanceDocument>;
  /** How many applied command ids a document remembers. */
  readonly appliedCommandIdsLimit: number;
}

/** How long applying a batch holds the event loop before it lets other work run, ms. */
const MAX_TURN_MS = 20;

/** What applying a batch gave. */
export interface AppliedBatch {
  /** The documents that changed, each once, with whether a version of it is stored. */
  readonly writes: readonly SnapshotWrite[];
  /** Every effect, in command order (rejections of commands on unknown instances included). */
  readonly effects: readonly BatchEffect[];
  /** The state each changed instance was in before the batch (undefined: new). */
  readonly before: ReadonlyMap<string, InstanceState | undefined>;
  /**
   * The open jobs of stored documents found to reflect commands of the batch (a replay): their
   * writer may have held a job back from the job store when it died (snapshot-writer.ts), so the
   * replay stores those not stored.
   */
  readonly restoredJobs: readonly Job[];
}

/**
 * @param replaying the batch is replayed from the log: its creates are looked for too, since the
 *   instance may have been stored after the checkpoint, and is then skipped by its log position.
 */
export async function applyBatch(
  deps: BatchApplicationDeps,
  batch: TypedMessageBatch<EngineCommand>,
  replaying = false,
): Promise<AppliedBatch> {
  const byInstance = new Map<string, { command: EngineCommand; received: ReceivedCommand }[]>();
  const deliveries: { command: CommandOf<'DELIVER_SIGNAL'>; offset: number }[] = [];
  for (const message of batch.messages) {
    const command = message.value;
    if (command.type === 'DELIVER_SIGNAL') {
      deliveries.push({ command, offset: message.offset });
      continue;
    }
    const received: ReceivedCommand = {
      headers: message.headers,
      partition: batch.partition,
      offset: message.offset,
      timestamp: message.timestamp,
    };
    const commands = byInstance.get(command.processInstanceKey);
    if (commands) commands.push({ command, received });
    else byInstance.set(command.processInstanceKey, [{ command, received }]);
  }
  const loaded = await load(deps, byInstance, replaying);
  const writes: SnapshotWrite[] = [];
  const effects: BatchEffect[] = [];
  const signalChanges: OffsetChange[] = [];
  const before = new Map<string, InstanceState | undefined>();
  const restoredJobs: Job[] = [];
  let turnStartedAt = performance.now();
  for (const [key, commands] of byInstance) {
    // A batch of slow instances (each FEEL evaluation may take up to its budget) gives the event
    // loop back between instances, so other requests and partitions are served meanwhile.
    if (performance.now() - turnStartedAt > MAX_TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turnStartedAt = performance.now();
    }
    const found = loaded.get(key);
    // Awaited only when a definition is missing: an await per instance costs a turn of the microtasks.
    if (definitionsMissing(deps.definitions, found?.document, commands))
      await loadDefinitions(deps.definitions, found?.document, commands);
    const outcome = applyAll(deps, found?.document, commands);
    for (const effect of outcome.effects) effects.push(effect);
    for (const change of outcome.signalChanges) signalChanges.push(change);
    if (outcome.reflected && found) restoredJobs.push(...Object.values(found.document.jobs));
    if (outcome.document) {
      writes.push({ document: outcome.document, stored: found?.stored ?? false });
      // The stored document itself: its storage fields do not matter to what is asked of it (its jobs).
      before.set(key, found?.document);
    }
  }
  for (const delivery of deliveries) effects.push(deliveryEffect(batch.partition, delivery, signalChanges));
  return { writes, effects, before, restoredJobs };
}

/** A signal subscription change and the log offset of the command that made it. */
interface OffsetChange {
  readonly offset: number;
  readonly change: SignalSubscriptionChange;
}

/** A delivery as its partition's owner reached it: the changes before it go with it, in log order. */
function deliveryEffect(
  partition: number,
  delivery: { command: CommandOf<'DELIVER_SIGNAL'>; offset: number },
  changes: readonly OffsetChange[],
): SignalDeliveryEffect {
  const { signalKey, signalName, variables, tenantId } = delivery.command;
  const before = changes
    .filter((change) => change.offset < delivery.offset)
    .sort((a, b) => a.offset - b.offset)
    .map(({ change }) => change);
  return { type: 'SIGNAL_DELIVERY', partition, signalKey, signalName, variables, tenantId, before };
}

/** Adds the signal subscription changes among `effects` to `changes` (no array per effect: this runs for every command). */
function signalChangesOf(effects: readonly Effect[], offset: number, changes: OffsetChange[]): void {
  for (const effect of effects) {
    if (effect.type === 'SIGNAL_SUBSCRIPTION_OPENED')
      changes.push({ offset, change: { kind: 'open', subscription: effect.subscription } });
    else if (effect.type === 'SIGNAL_SUBSCRIPTION_CLOSED')
      changes.push({ offset, change: { kind: 'close', subscription: effect.subscription } });
  }
}

interface Found {
  readonly document: InstanceDocument;
  readonly stored: boolean;
}

/**
 * The documents of these instances: held in memory (counted as stored: a version still being
 * written is inserted by the write of its first version if both go together, and is stored
 * before a later write otherwise), or read. Outside a replay an instance whose commands are all creates is not looked for:
 * its key is new, as every producer of creates sends each once (idempotent producers; the
 * processor's own, for child instances, in its transaction).
 */
async function load(
  deps: BatchApplicationDeps,
  byInstance: ReadonlyMap<string, readonly { command: EngineCommand }[]>,
  replaying: boolean,
): Promise<ReadonlyMap<string, Found>> {
  const found = new Map<string, Found>();
  const toRead: string[] = [];
  for (const [key, commands] of byInstance) {
    const owned = deps.owned.get(key);
    if (owned) found.set(key, { document: owned, stored: true });
    else if (replaying || !commands.every(({ command }) => command.type === 'CREATE_INSTANCE'))
      toRead.push(key);
  }
  if (toRead.length > 0)
    for (const [key, document] of await deps.instances.getMany(toRead))
      found.set(key, { document, stored: true });
  return found;
}

/** Whether a definition these commands need is not in the cache yet (loadDefinitions brings it). */
function definitionsMissing(
  definitions: DefinitionCache,
  document: InstanceDocument | undefined,
  commands: readonly { command: EngineCommand }[],
): boolean {
  if (document && !definitions.cached(document.processDefinitionKey)) return true;
  for (const { command } of commands) {
    if (command.type === 'CREATE_INSTANCE' && !definitions.cached(command.processDefinitionKey)) return true;
    if (command.type === 'MIGRATE_INSTANCE' && !definitions.cached(command.targetProcessDefinitionKey))
      return true;
  }
  return false;
}

/** Brings the definitions these commands need into the cache (once per definition: no await after). */
async function loadDefinitions(
  definitions: DefinitionCache,
  document: InstanceDocument | undefined,
  commands: readonly { command: EngineCommand }[],
): Promise<void> {
  if (document && !definitions.cached(document.processDefinitionKey))
    await definitions.get(document.processDefinitionKey);
  for (const { command } of commands) {
    if (command.type === 'CREATE_INSTANCE' && !definitions.cached(command.processDefinitionKey))
      await definitions.get(command.processDefinitionKey);
    if (command.type === 'MIGRATE_INSTANCE' && !definitions.cached(command.targetProcessDefinitionKey))
      await definitions.get(command.targetProcessDefinitionKey);
  }
}

/** One instance's commands in order; the new document, if anything changed. */
function applyAll(
  deps: BatchApplicationDeps,
  document: InstanceDocument | undefined,
  commands: readonly { command: EngineCommand; received: ReceivedCommand }[],
): { document?: InstanceDocument; effects: Effect[]; signalChanges: OffsetChange[]; reflected: boolean } {
  let state: InstanceState | undefined = document ? stateOf(document) : undefined;
  // Looked through rather than copied into a set: a batch brings an instance one or two commands.
  const storedIds = document?.appliedCommandIds ?? [];
  /** Ids of this batch's commands taken (applied or refused), and of those applied. */
  const seen: string[] = [];
  const appliedIds: string[] = [];
  const effects: Effect[] = [];
  const signalChanges: OffsetChange[] = [];
  const revision = (document?.revision ?? 0) + 1;
  let position = document?.logPosition;
  let changed = false;
  let repliesResent = false;
  /** The events of this instance stamped with `revision` so far: the history orders them by it. */
  let eventIndex = 0;
  for (const { command, received } of commands) {
    if (reflects(document, received)) {
      // A replay reaching the commands of a stored version: its replies may not have gone out.
      if (!repliesResent) effects.push(...(document?.lastReplies ?? []));
      repliesResent = true;
      continue;
    }
    if (storedIds.includes(command.commandId) || seen.includes(command.commandId)) continue;
    seen.push(command.commandId);
    const result = applyOneCommand(deps, state, command, received);
    if (!result.state) {
      effects.push(...result.effects);
      continue;
    }
    state = result.state;
    signalChangesOf(result.effects, received.offset, signalChanges);
    appliedIds.push(command.commandId);
    position = { partition: received.partition, offset: received.offset };
    changed = true;
    // Instance events carry the revision this document will have: consumers (the socket gateway)
    // order updates by it and drop the ones older than what they have shown; the history orders
    // the events of one revision by their index.
    for (const effect of result.effects)
      effects.push(
        effect.type === 'INSTANCE_EVENT'
          ? { ...effect, event: { ...effect.event, revision, eventIndex: eventIndex++ } }
          : effect,
      );
  }
  if (!changed || !state) return { effects, signalChanges, reflected: repliesResent };
  const replies = effects.filter(isReply);
  const next = copyFields<Mutable<InstanceDocument>>(state, false);
  next.revision = revision;
  next.outbox = [];
  next.appliedCommandIds = storedIds.concat(appliedIds).slice(-deps.appliedCommandIdsLimit);
  next.hasIncident = hasOpenIncident(state);
  if (position) next.logPosition = position;
  if (replies.length > 0) next.lastReplies = replies;
  return { effects, signalChanges, reflected: repliesResent, document: next };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isReply(effect: Effect): effect is Extract<Effect, { type: 'REPLY' }> {
  return effect.type === 'REPLY';
}

/** Whether the document was written after applying this very record (a replay reads it again). */
function reflects(document: InstanceDocument | undefined, received: ReceivedCommand): boolean {
  const position = document?.logPosition;
  return (
    position !== undefined && position.partition === received.partition && received.offset <= position.offset
  );
}

/** The core's view of a stored document: the storage fields stripped. */
export function stateOf(document: InstanceDocument): InstanceState {
  return copyFields<InstanceState>(document, true);
}

/**
 * The own fields of `source`, in order, but for the storage fields when `withoutStorageFields`.
 * A loop rather than a spread or a rest pattern: instance states and documents come in many
 * shapes, and V8 copies those of a spread site that saw many on its slow path, several times slower.
 */
function copyFields<T>(source: object, withoutStorageFields: boolean): T {
  const copy: Record<string, unknown> = {};
  for (const field in source) {
    if (!Object.hasOwn(source, field) || (withoutStorageFields && isStorageField(field))) continue;
    copy[field] = (source as Record<string, unknown>)[field];
  }
  return copy as T;
}

function isStorageField(field: string): boolean {
  switch (field) {
    case 'revision':
    case 'outbox':
    case 'appliedCommandIds':
    case 'hasIncident':
    case 'logPosition':
    case 'lastReplies':
      return true;
    default:
      return false;
  }
}
