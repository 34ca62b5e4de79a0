// Message start events (Zeebe semantics, DESIGN §1): a published message whose name matches a
// message start event of the LATEST version of a process creates a new instance there, with the
// message's variables — one instance per message and process. Deploying a new version moves the
// start to it (only latest versions are looked at); messages published before a deployment do
// not start it. With a correlation key, no instance starts while an instance of the process
// started from a message with the same key is ACTIVE: the message stays buffered (TTL > 0) and
// starts the next instance when that one ends (MESSAGE_START_RELEASED).
//
// The correlation-key lock is a business-id claim under a name no user business id has; a
// buffered message records its correlation to the definition (message store), so that it starts
// one instance of it and no catch event of that definition takes it afterwards.
import { type EngineCommand, type Variables } from '@baton/contracts';
import type {
  BusinessIdStore,
  DefinitionStore,
  InstanceStore,
  MessageStore,
  StoredDefinition,
} from '@baton/store';
import { validateStart } from './start-validation';

export type CreateInstanceCommand = Extract<EngineCommand, { type: 'CREATE_INSTANCE' }>;

export interface MessageStartsOptions {
  readonly definitions: DefinitionStore;
  readonly instances: InstanceStore;
  readonly businessIds: BusinessIdStore;
  readonly messages: MessageStore;
  readonly nextKey: () => string;
  readonly clock: () => number;
  readonly tenantId: string;
  /** A lock younger than this whose instance is not stored yet counts as held (being created), ms. */
  readonly creationGraceMs: number;
  /**
   * How long the index of message start events is reused, ms; a deployment on this replica renews
   * it at once, one on another replica within this time.
   * @default 1000
   */
  readonly indexMaxAgeMs?: number;
  /** Camunda 7: a suspended definition is not started by its message start events. @default none is */
  readonly isSuspended?: (processDefinitionKey: string) => Promise<boolean>;
}

/** A message that may start instances: published now, or buffered and looked at again. */
export interface StartingMessage {
  readonly messageKey: string;
  readonly name: string;
  readonly correlationKey: string;
  readonly variables: Variables;
  /** Epoch ms; with `buffered`, its correlations are recorded until then. */
  readonly expiresAt: number;
  readonly buffered: boolean;
}

interface MessageStart {
  readonly definition: StoredDefinition;
  readonly elementId: string;
}

/** The business id under which a correlation key's lock is claimed: no user business id looks so. */
function lockName(correlationKey: string): string {
  return `\u0000message-start\u0000${correlationKey}`;
}

/** The message start events of a definition: message name → start event id. */
function messageStartsOf(definition: StoredDefinition): Map<string, string> {
  const starts = new Map<string, string>();
  const { model } = definition;
  for (const node of Object.values(model.elements)) {
    if (node.kind !== 'startEvent' || node.scopeId !== model.processDefinitionId) continue;
    if (node.message?.name.kind === 'static') starts.set(node.message.name.value, node.id);
  }
  return starts;
}

export class MessageStarts {
  private index?: { readonly builtAt: number; readonly byName: ReadonlyMap<string, readonly MessageStart[]> };

  constructor(private readonly options: MessageStartsOptions) {}

  /** A deployment on this replica: the next message sees the new versions. */
  invalidate(): void {
    this.index = undefined;
  }

  /** The CREATE_INSTANCE commands a message triggers: one per process it may start now. */
  async commandsFor(message: StartingMessage): Promise<CreateInstanceCommand[]> {
    const starts = (await this.byName()).get(message.name) ?? [];
    const commands: CreateInstanceCommand[] = [];
    for (const start of starts) {
      const command = await this.tryStart(start, message);
      if (command) commands.push(command);
    }
    return commands;
  }

  /**
   * An instance started from a message with `correlationKey` ended: the oldest message with that
   * key buffered for a message start of the process's latest version starts the next instance.
   */
  async released(processDefinitionId: string, correlationKey: string): Promise<CreateInstanceCommand[]> {
    const definition = await this.options.definitions.getLatest(processDefinitionId);
    if (!definition) return [];
    const now = this.options.clock();
    for (const [name, elementId] of messageStartsOf(definition)) {
      const buffered = await this.options.messages.findBuffered(
        { name, correlationKey, tenantId: this.options.tenantId },
        now,
      );
      // Messages published before the deployment never start it (Zeebe's rule).
      const deployedAt = Date.parse(definition.deployedAt);
      for (const message of buffered.filter((one) => !(one.publishedAt < deployedAt))) {
        // Record first: most buffered messages went to an instance already (the one that ended, too).
        const command = await this.tryStart({ definition, elementId }, { ...message, buffered: true }, true);
        if (command) return [command];
      }
    }
    return [];
  }

  /**
   * The command starting the process from the message, if it may: the correlation key's lock is
   * free and (buffered) the message has not gone to the definition yet. A new message takes the
   * lock first, so that a message waiting for the lock stays free for later; a buffered message
   * looked at again (`recordFirst`) is recorded first, so that those gone already take no lock.
   */
  private async tryStart(
    start: MessageStart,
    message: StartingMessage,
    recordFirst = false,
  ): Promise<CreateInstanceCommand | undefined> {
    const { definition, elementId } = start;
    if (await this.options.isSuspended?.(definition.processDefinitionKey)) return undefined;
    const startInstructions = [{ elementId }];
    try {
      validateStart(definition, message.variables, startInstructions);
    } catch {
      // Mandatory variables missing: this message cannot start the process.
      return undefined;
    }
    const processInstanceKey = this.options.nextKey();
    const locked = async () =>
      message.correlationKey === '' ||
      (await this.lock(definition, message.correlationKey, processInstanceKey));
    const recorded = async () =>
      !message.buffered ||
      (await this.options.messages.recordCorrelation(
        message,
        definition.processDefinitionKey,
        processInstanceKey,
      )) === processInstanceKey;
    const mayStart = recordFirst
      ? (await recorded()) && (await locked())
      : (await locked()) && (await recorded());
    if (!mayStart) return undefined;
    return {
      type: 'CREATE_INSTANCE',
      commandId: `message-start:${message.messageKey}:${definition.processDefinitionKey}`,
      processInstanceKey,
      processDefinitionKey: definition.processDefinitionKey,
      variables: message.variables,
      startInstructions,
      ...(message.correlationKey !== '' ? { messageCorrelationKey: message.correlationKey } : {}),
    };
  }

  /** Takes the correlation key's lock for a new instance unless an ACTIVE (or just created) instance holds it. */
  private async lock(
    definition: StoredDefinition,
    correlationKey: string,
    processInstanceKey: string,
  ): Promise<boolean> {
    const { businessIds, instances } = this.options;
    const mine = {
      processDefinitionId: definition.processDefinitionId,
      businessId: lockName(correlationKey),
      processInstanceKey,
      claimedAt: this.options.clock(),
    };
    let held = await businessIds.claim(mine);
    while (held.processInstanceKey !== processInstanceKey) {
      const holder = await instances.get(held.processInstanceKey);
      const beingCreated = !holder && mine.claimedAt - held.claimedAt < this.options.creationGraceMs;
      if (holder?.state === 'ACTIVE' || beingCreated) return false;
      held = await businessIds.takeOver(held, mine);
    }
    return true;
  }

  /** Message name → the message start events of the latest versions, rebuilt when stale. */
  private async byName(): Promise<ReadonlyMap<string, readonly MessageStart[]>> {
    // The index's age in real time: the engine clock may be pinned (PUT /v2/clock), and a
    // deployment on another replica must still be seen within indexMaxAgeMs.
    const now = performance.now();
    if (this.index && now - this.index.builtAt < (this.options.indexMaxAgeMs ?? 1000))
      return this.index.byName;
    const latest = new Map<string, StoredDefinition>();
    for (const definition of await this.options.definitions.list()) {
      const known = latest.get(definition.processDefinitionId);
      if (!known || known.processDefinitionVersion < definition.processDefinitionVersion)
        latest.set(definition.processDefinitionId, definition);
    }
    const byName = new Map<string, MessageStart[]>();
    for (const definition of latest.values())
      for (const [name, elementId] of messageStartsOf(definition))
        byName.set(name, [...(byName.get(name) ?? []), { definition, elementId }]);
    this.index = { builtAt: now, byName };
    return byName;
  }
}
