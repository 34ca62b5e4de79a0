// Signal broadcasts (Zeebe semantics): a signal reaches every signal catch waiting for its name
// in every instance, and starts one instance of the latest version of each process with a signal
// start event of that name, all with the signal's variables; a broadcast nobody waits for still
// succeeds. A broadcast is a DELIVER_SIGNAL command appended to every partition of the commands
// topic, each partition's owner triggering the catches of its partition that wait when it reaches
// it in the log (signal-deliveries.ts: why, and how a catch committed but not stored is reached),
// beside one CREATE_INSTANCE per signal start event (commandId `signal-start:<signalKey>:<key>`),
// made once where the broadcast is made: one instance per definition per broadcast, not one per
// partition.
//
// A REST broadcast appends its commands at once. A signal thrown by an instance is fanned out
// within the Kafka transaction of the batch that threw it: committed with the batch or not at all,
// and a replay after a takeover does not send it again (its commands went out with the commit).
// The owners of the instances store their subscriptions after each batch (effect dispatcher).
import type { EngineCommand } from '@baton/contracts';
import type { MessageBus } from '@baton/messaging';
import type { DefinitionStore, SignalSubscriptionStore, StoredDefinition } from '@baton/store';
import type { TopicAddress } from '@baton/topics';
import { appendCommands } from './command-messages';
import { SignalDeliveries, type CommandPartitions, type SignalDeliveryEffect } from './signal-deliveries';
import type { SignalBroadcast, SignalSubscriptionChange } from './signal-changes';

export type { SignalBroadcast, SignalSubscriptionChange } from './signal-changes';
import { validateStart } from './start-validation';

export interface SignalBroadcasterOptions {
  readonly store: SignalSubscriptionStore;
  /** The partitions of the commands topic (a broadcast is delivered to each), and where a key lands. */
  readonly commandPartitions: CommandPartitions;
  readonly definitions: Pick<DefinitionStore, 'list'>;
  readonly bus: Pick<MessageBus, 'produce'>;
  /** The commands topic, environment prefix included. */
  readonly commandsTopic: TopicAddress<EngineCommand>;
  readonly nextKey: () => string;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * How long the index of signal start events is reused, ms; a deployment on this replica renews it
   * at once (`invalidate`), one on another replica within this time, as for message start events.
   * @default 1000
   */
  readonly indexMaxAgeMs?: number;
  /** Camunda 7: a suspended definition is not started by its signal start events. @default none is */
  readonly isSuspended?: (processDefinitionKey: string) => Promise<boolean>;
}

interface SignalStart {
  readonly definition: StoredDefinition;
  readonly elementId: string;
}

export class SignalBroadcaster {
  private index?: { readonly builtAt: number; readonly byName: ReadonlyMap<string, readonly SignalStart[]> };
  private readonly deliveries: SignalDeliveries;

  constructor(private readonly options: SignalBroadcasterOptions) {
    this.deliveries = new SignalDeliveries(options);
  }

  /** A deployment on this replica: the next broadcast sees the new versions. */
  invalidate(): void {
    this.index = undefined;
  }

  /** A broadcast from outside (REST): its commands are appended now. Returns its key. */
  async broadcast(signal: Omit<SignalBroadcast, 'signalKey'>): Promise<{ signalKey: string }> {
    const signalKey = this.options.nextKey();
    await appendCommands(
      this.options.bus,
      this.options.commandsTopic,
      await this.commandsFor({ ...signal, signalKey }),
    );
    return { signalKey };
  }

  /**
   * A batch's signal output, into `producer` (the batch's transaction): the broadcasts its
   * instances threw, the triggers of the deliveries it reached, and `changes` (its subscription
   * changes) counted as waiting until they are stored.
   */
  async publish(
    broadcasts: readonly SignalBroadcast[],
    deliveries: readonly SignalDeliveryEffect[],
    changes: readonly SignalSubscriptionChange[],
    producer: Pick<MessageBus, 'produce'>,
  ): Promise<void> {
    const commands: EngineCommand[] = [];
    for (const broadcast of broadcasts) commands.push(...(await this.commandsFor(broadcast)));
    for (const delivery of deliveries) commands.push(...(await this.deliveries.triggersFor(delivery)));
    // After the deliveries: theirs are the changes before them (in the effect), not the whole batch's.
    this.deliveries.committed(changes);
    await appendCommands(producer, this.options.commandsTopic, commands);
  }

  /** Stores a batch's subscription changes (the last change of a key wins); safe to repeat. */
  async applySubscriptionChanges(changes: readonly SignalSubscriptionChange[]): Promise<void> {
    if (changes.length === 0) return;
    const last = new Map<string, SignalSubscriptionChange>();
    for (const change of changes) last.set(change.subscription.elementInstanceKey, change);
    const { store } = this.options;
    await Promise.all(
      [...last.values()].map((change) =>
        change.kind === 'open'
          ? store.open(change.subscription)
          : store.close(change.subscription.elementInstanceKey),
      ),
    );
    this.deliveries.stored(changes);
  }

  /** The commands one broadcast sends: a delivery per partition, a create per signal start. */
  async commandsFor(signal: SignalBroadcast): Promise<EngineCommand[]> {
    const commands = this.deliveries.commandsFor(signal);
    for (const start of (await this.startsByName()).get(signal.signalName) ?? []) {
      const command = await this.startCommand(start, signal);
      if (command) commands.push(command);
    }
    return commands;
  }

  private async startCommand(
    start: SignalStart,
    signal: SignalBroadcast,
  ): Promise<EngineCommand | undefined> {
    const { definition, elementId } = start;
    if (await this.options.isSuspended?.(definition.processDefinitionKey)) return undefined;
    const startInstructions = [{ elementId }];
    try {
      validateStart(definition, signal.variables, startInstructions);
    } catch {
      // Mandatory variables missing: this signal cannot start the process.
      return undefined;
    }
    return {
      type: 'CREATE_INSTANCE',
      commandId: `signal-start:${signal.signalKey}:${definition.processDefinitionKey}`,
      processInstanceKey: this.options.nextKey(),
      processDefinitionKey: definition.processDefinitionKey,
      variables: signal.variables,
      startInstructions,
    };
  }

  /** Signal name → the signal start events of the latest version of each process, rebuilt when stale. */
  private async startsByName(): Promise<ReadonlyMap<string, readonly SignalStart[]>> {
    const now = (this.options.clock ?? Date.now)();
    if (this.index && now - this.index.builtAt < (this.options.indexMaxAgeMs ?? 1000))
      return this.index.byName;
    const latest = new Map<string, StoredDefinition>();
    for (const definition of await this.options.definitions.list()) {
      const known = latest.get(definition.processDefinitionId);
      if (!known || known.processDefinitionVersion < definition.processDefinitionVersion)
        latest.set(definition.processDefinitionId, definition);
    }
    const byName = new Map<string, SignalStart[]>();
    for (const definition of latest.values()) {
      const { model } = definition;
      for (const node of Object.values(model.elements)) {
        if (node.kind !== 'startEvent' || node.scopeId !== model.processDefinitionId) continue;
        if (node.signal?.name.kind !== 'static') continue;
        const name = node.signal.name.value;
        byName.set(name, [...(byName.get(name) ?? []), { definition, elementId: node.id }]);
      }
    }
    this.index = { builtAt: now, byName };
    return byName;
  }
}
