// The one writer per instance (DESIGN §3.2–3.4). Consumes the commands topic as one consumer
// group; per batch: group by instance, take each instance from memory (owned-instances.ts) or, if
// not remembered, load it with one getMany (a new instance is not looked for: its create is an
// insert, which fails if it exists), apply (skipping commands already applied), write every
// changed document with one revision-checked bulk write (state + outbox + applied ids), dispatch
// the effects, clear the outboxes; the bus commits the batch after that.
import type { EngineCommand } from '@baton/contracts';
import { hasOpenIncident, visibleVariables, type Effect, type InstanceState } from '@baton/engine-core';
import { subscribeTo, type MessageBus, type Subscription, type TypedMessageBatch } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import type { InstanceDocument, InstanceStore, InstanceWrite, OutboxTarget } from '@baton/store';
import { silentLogger, type Logger } from '@baton/platform';
import {
  applyOneCommand,
  type ApplyFunction,
  type ApplyOneCommandDeps,
  type ReceivedCommand,
} from './apply-one-command';
import type { DefinitionCache } from './definition-cache';
import type { EffectDispatcher } from './effect-dispatcher';
import { OutboxClearer } from './outbox-clearer';
import { OwnedInstances } from './owned-instances';

export type { ApplyFunction } from './apply-one-command';

export interface CommandProcessorOptions {
  readonly bus: MessageBus;
  readonly topic: TopicAddress<EngineCommand>;
  /**
   * The consumer group every engine replica shares.
   * @default 'baton-engine'
   */
  readonly groupId?: string;
  readonly instances: InstanceStore;
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
  /**
   * Attempts for an instance whose write lost a revision race before the batch fails (and is redelivered).
   * @default 5
   */
  readonly maxWriteAttempts?: number;
  /** Called with errors of single commands that the core threw on (the command is skipped). */
  readonly onCommandError?: (error: unknown, command: EngineCommand) => void;
  /**
   * Where lines about applying commands go, each with the instance's key and the traceparent of
   * the command's message: the core's failures (error), new incidents (warn), every command (debug).
   * @default silent
   */
  readonly logger?: Logger;
  /**
   * How often outboxes left behind are looked for, ms: a replica that died between writing a
   * document and publishing its effects leaves them to the replica that takes over its partitions.
   * An outbox is healed once it was seen pending, unchanged, at two sweeps in a row. 0 turns it off.
   * @default 5000
   */
  readonly outboxSweepIntervalMs?: number;
  /**
   * How long a dispatched outbox waits before it is cleared, ms (outbox-clearer.ts): clears of
   * instances written again meanwhile are skipped. 0 clears within the batch.
   * @default 0
   */
  readonly outboxClearDelayMs?: number;
  /** Told the command partitions this replica holds after each rebalance. */
  readonly onAssignment?: (partitions: readonly number[]) => void;
  /** The partition of the commands topic an instance key is on (to forget instances of partitions lost). */
  readonly partitionOf: (processInstanceKey: string) => number;
  /**
   * Most instances kept in memory between their commands (owned-instances.ts).
   * @default 100_000
   */
  readonly maxOwnedInstances?: number;
  /** Told when a sweep fails (it is tried again at the next interval). */
  readonly onSweepError?: (error: unknown) => void;
}

/** What applying one instance's commands of a batch produced. */
interface InstanceOutcome {
  readonly write?: InstanceWrite;
  /** Effects with no document to carry them (rejections of commands on unknown instances). */
  readonly looseEffects: readonly Effect[];
}

/** Applies commands from the bus to instance documents. */
export class CommandProcessor {
  private subscription?: Subscription;
  private readonly clock: () => number;
  private readonly idsLimit: number;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  /** Revision of each outbox seen pending at the last sweep, by instance. */
  private pendingAtLastSweep = new Map<string, number>();
  private readonly clearer: OutboxClearer;
  private readonly owned: OwnedInstances<InstanceDocument>;
  private readonly logger: Logger;
  private readonly applyDeps: ApplyOneCommandDeps;

  constructor(private readonly options: CommandProcessorOptions) {
    this.clock = options.clock ?? Date.now;
    this.logger = options.logger ?? silentLogger();
    this.applyDeps = {
      apply: options.apply,
      definitions: options.definitions,
      logger: this.logger,
      clock: this.clock,
      nextKey: options.nextKey,
      ...(options.onCommandError ? { onCommandError: options.onCommandError } : {}),
    };
    this.idsLimit = options.appliedCommandIdsLimit ?? 200;
    this.owned = new OwnedInstances({
      partitionOf: options.partitionOf,
      ...(options.maxOwnedInstances === undefined ? {} : { maxInstances: options.maxOwnedInstances }),
    });
    this.clearer = new OutboxClearer({
      instances: options.instances,
      delayMs: options.outboxClearDelayMs ?? 0,
      ...(options.onSweepError ? { onError: options.onSweepError } : {}),
    });
  }

  /** Heals outboxes left by a crash, then starts consuming. */
  async start(): Promise<void> {
    await this.healOutboxes();
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: this.options.groupId ?? 'baton-engine',
      fromBeginning: true,
      eachBatch: (batch) => this.processBatch(batch),
      onAssignment: (partitions) => {
        this.owned.keepPartitions(partitions);
        this.options.onAssignment?.(partitions);
      },
    });
    const interval = this.options.outboxSweepIntervalMs ?? 5000;
    if (interval > 0) {
      this.sweepTimer = setInterval(() => {
        this.sweeping ??= this.sweepOutboxes()
          .then(() => undefined)
          .catch((error: unknown) => this.options.onSweepError?.(error))
          .finally(() => (this.sweeping = undefined));
      }, interval);
      this.sweepTimer.unref();
    }
  }

  /** Stops consuming; resolves once the batch in flight is written and dispatched. */
  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.sweeping;
    await this.subscription?.close();
    await this.clearer.flush();
  }

  /**
   * Heals the outboxes that stayed pending, unchanged, since the previous sweep: their writer is
   * gone (a live writer clears its outbox within one batch). Dispatching twice is harmless.
   */
  async sweepOutboxes(): Promise<number> {
    // Outboxes this replica dispatched and is about to clear are not left behind.
    const pending = (await this.options.instances.listWithPendingOutbox()).filter(
      (document) => !this.clearer.wasDispatched(document.processInstanceKey, document.revision),
    );
    const previous = this.pendingAtLastSweep;
    this.pendingAtLastSweep = new Map(
      pending.map((document) => [document.processInstanceKey, document.revision]),
    );
    const stale = pending.filter(
      (document) => previous.get(document.processInstanceKey) === document.revision,
    );
    await this.redispatch(stale);
    return stale.length;
  }

  /** Re-dispatches the effects of documents written but not cleared (a crash after the write). */
  async healOutboxes(): Promise<number> {
    const pending = await this.options.instances.listWithPendingOutbox();
    await this.redispatch(pending);
    return pending.length;
  }

  /** Dispatches the outboxes of these documents again, in one dispatch, and clears them. */
  private async redispatch(documents: readonly InstanceDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.options.dispatcher.dispatch(documents.flatMap((document) => document.outbox));
    await this.options.instances.clearOutboxes(
      documents.map(({ processInstanceKey, revision }) => ({ processInstanceKey, revision })),
    );
  }

  /** One batch: exported for tests; the bus calls it through the subscription. */
  async processBatch(batch: TypedMessageBatch<EngineCommand>): Promise<void> {
    let byInstance = new Map<string, EngineCommand[]>();
    /** Where each command is in the log (its keys come from there) and its headers (for its log lines). */
    const receivedOf = new Map<EngineCommand, ReceivedCommand>();
    for (const message of batch.messages) {
      const command = message.value;
      receivedOf.set(command, {
        headers: message.headers,
        partition: batch.partition,
        offset: message.offset,
        timestamp: message.timestamp,
      });
      const commands = byInstance.get(command.processInstanceKey);
      if (commands) commands.push(command);
      else byInstance.set(command.processInstanceKey, [command]);
    }
    const maxAttempts = this.options.maxWriteAttempts ?? 5;
    for (let attempt = 1; byInstance.size > 0; attempt++) {
      const loaded = await this.load(byInstance);
      const outcomes: InstanceOutcome[] = [];
      for (const [key, commands] of byInstance) {
        const document = loaded.get(key);
        await this.loadDefinitions(document, commands);
        outcomes.push(this.applyAll(document, commands, receivedOf));
      }
      const writes = outcomes.flatMap((outcome) => (outcome.write ? [outcome.write] : []));
      await this.clearer.beforeWriting(writes.map((write) => write.document.processInstanceKey));
      const results = writes.length > 0 ? await this.options.instances.writeBatch(writes) : [];

      const written: OutboxTarget[] = [];
      const remembered: InstanceDocument[] = [];
      const effects: Effect[] = outcomes.flatMap((outcome) => outcome.looseEffects);
      const conflicts = new Map<string, EngineCommand[]>();
      results.forEach((result, index) => {
        const write = writes[index]!;
        // Until its effects are out, the stored document is the truth (it holds the outbox).
        this.owned.forget(result.processInstanceKey);
        if (result.ok) {
          written.push({ processInstanceKey: result.processInstanceKey, revision: result.revision });
          effects.push(...write.document.outbox);
          remembered.push({ ...write.document, revision: result.revision, outbox: [] });
        } else {
          conflicts.set(result.processInstanceKey, byInstance.get(result.processInstanceKey) ?? []);
        }
      });
      const states = new Map(remembered.map((document) => [document.processInstanceKey, document]));
      await this.options.dispatcher.dispatch(effects, {
        variablesOf: (job) => {
          const state = states.get(job.processInstanceKey);
          return state && visibleVariables(state, job.elementInstanceKey);
        },
      });
      for (const document of remembered) this.owned.remember(document);
      await this.clearer.dispatched(written);

      if (conflicts.size > 0 && attempt >= maxAttempts) {
        throw new Error(
          `Revision conflicts on instances ${[...conflicts.keys()].join(', ')} after ${attempt} attempts`,
        );
      }
      // Another writer moved these documents on (a rebalance) or holds their claim for a moment:
      // reload and apply again, after a short pause that grows; commands it already applied are
      // skipped by their ids.
      byInstance = conflicts;
      if (conflicts.size > 0) await pause(20 * attempt);
    }
  }

  /**
   * The documents of these instances: from memory when remembered; not looked for when every
   * command is a create (the insert fails on an existing one, and it is read then); else read.
   */
  private async load(
    byInstance: ReadonlyMap<string, readonly EngineCommand[]>,
  ): Promise<ReadonlyMap<string, InstanceDocument>> {
    const documents = new Map<string, InstanceDocument>();
    const toRead: string[] = [];
    for (const [key, commands] of byInstance) {
      const owned = this.owned.get(key);
      if (owned) documents.set(key, owned);
      else if (!commands.every((command) => command.type === 'CREATE_INSTANCE')) toRead.push(key);
    }
    if (toRead.length > 0)
      for (const [key, document] of await this.options.instances.getMany(toRead))
        documents.set(key, document);
    return documents;
  }

  /** Brings the definitions these commands need into the cache (once per definition: no await after). */
  private async loadDefinitions(
    document: InstanceDocument | undefined,
    commands: readonly EngineCommand[],
  ): Promise<void> {
    const { definitions } = this.options;
    if (document && !definitions.cached(document.processDefinitionKey))
      await definitions.get(document.processDefinitionKey);
    for (const command of commands) {
      if (command.type === 'CREATE_INSTANCE' && !definitions.cached(command.processDefinitionKey))
        await definitions.get(command.processDefinitionKey);
    }
  }

  /** Applies one instance's commands in order; returns the document to write, if anything changed. */
  private applyAll(
    document: InstanceDocument | undefined,
    commands: readonly EngineCommand[],
    receivedOf: ReadonlyMap<EngineCommand, ReceivedCommand>,
  ): InstanceOutcome {
    let state: InstanceState | undefined = document ? stateOf(document) : undefined;
    const appliedIds = [...(document?.appliedCommandIds ?? [])];
    const seen = new Set(appliedIds);
    // Effects of an earlier write not known to be dispatched go out again with this one.
    const outbox: Effect[] =
      document && !this.clearer.wasDispatched(document.processInstanceKey, document.revision)
        ? [...document.outbox]
        : [];
    const looseEffects: Effect[] = [];
    const revision = (document?.revision ?? 0) + 1;
    let changed = false;

    for (const command of commands) {
      if (seen.has(command.commandId)) continue;
      seen.add(command.commandId);
      const result = applyOneCommand(this.applyDeps, state, command, receivedOf.get(command));
      if (result.state) {
        state = result.state;
        appliedIds.push(command.commandId);
        // Instance events carry the revision this write will have: consumers (the socket gateway)
        // order updates by it and drop the ones older than what they have shown.
        outbox.push(
          ...result.effects.map((effect) =>
            effect.type === 'INSTANCE_EVENT' ? { ...effect, event: { ...effect.event, revision } } : effect,
          ),
        );
        changed = true;
      } else {
        looseEffects.push(...result.effects);
      }
    }
    if (!changed || !state) return { looseEffects };
    return {
      looseEffects,
      write: {
        expectedRevision: document?.revision ?? 0,
        document: {
          ...state,
          revision: document?.revision ?? 0,
          outbox,
          appliedCommandIds: appliedIds.slice(-this.idsLimit),
          hasIncident: hasOpenIncident(state),
        },
      },
    };
  }
}

/** The core's view of a stored document: the storage fields stripped. */
function stateOf(document: InstanceDocument): InstanceState {
  const {
    revision: _revision,
    outbox: _outbox,
    appliedCommandIds: _ids,
    hasIncident: _hasIncident,
    ...state
  } = document;
  return state;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
