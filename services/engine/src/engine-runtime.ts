// The engine service wired on its ports (DESIGN §3): the bus, the stores, the command processor
// and the reply router of one replica. Defaults are the embedded in-memory adapters; later issues
// pass Kafka and MongoDB adapters through the same options.
import { randomUUID } from 'node:crypto';
import { BatonError, type EngineCommand, type Variables } from '@baton/contracts';
import { apply as applyCommand, type ReplyBody, type UserTask } from '@baton/engine-core';
import { InMemoryBus, newMessageId, partitionForKey, type MessageBus } from '@baton/messaging';
import {
  InMemoryBusinessIdStore,
  InMemorySuspensionStore,
  InMemoryDefinitionStore,
  InMemoryInstanceStore,
  InMemoryJobStore,
  InMemoryMessageStore,
  InMemoryTimerStore,
  InMemoryUserTaskStore,
  type BusinessIdStore,
  type SuspensionStore,
  type DefinitionStore,
  type InstanceDocument,
  type InstanceStore,
  type JobStore,
  type MessageStore,
  type StoredDefinition,
  type StoredTimer,
  type TimerStore,
  type UserTaskStore,
} from '@baton/store';
import { jobTopic, jobTopicDefinition, topicCatalogue, topicName, topics } from '@baton/topics';
import type {
  ActivateJobsRequest,
  ActivatedJob,
  CorrelateMessageRequest,
  CorrelateMessageResult,
  CreateInstanceRequest,
  CreateInstanceResult,
  DeployResult,
  EngineService,
  InstanceQuery,
  ProcessDefinitionRecord,
  PublishMessageRequest,
  PublishMessageResult,
  SearchResult,
  StoredInstance,
  Topology,
  UserTaskQuery,
} from './engine-service';
import { CommandProcessor, type ApplyFunction } from './runtime/command-processor';
import type { DefinitionCache } from './runtime/definition-cache';
import { Deployer } from './runtime/deployer';
import { EffectDispatcher } from './runtime/effect-dispatcher';
import { JobActivator } from './runtime/job-activator';
import { JobNotificationListener } from './runtime/job-notifications';
import { JobPusher } from './runtime/job-pusher';
import { JobResultConsumer } from './runtime/job-result-consumer';
import { MessagePublicationConsumer } from './runtime/message-publication-consumer';
import { StartRequestConsumer } from './runtime/start-request-consumer';
import { claimStartRequest, type StartRequestClaimDeps } from './runtime/start-request-claims';
import { JobWaiters } from './runtime/job-waiters';
import { KeyGenerator, nodeIdFromReplicaId } from './runtime/key-generator';
import { MessageCorrelator } from './runtime/message-correlator';
import { MessageStarts } from './runtime/message-starts';
import { ReplyRouter } from './runtime/reply-router';
import { ChildInstances } from './runtime/child-instances';
import { resolveDefinition, validateStart } from './runtime/start-validation';
import { inheritedVariables } from './runtime/inherited-variables';
import { staticJobTypes } from './runtime/static-job-types';
import { TimerScheduler } from './runtime/timer-scheduler';
import { AsyncContinuationRunner } from './runtime/async-continuations';
import { jobDefinitionsOf } from './runtime/job-definitions';
import { SuspensionAwareDefinitionCache, SuspensionRegistry } from './runtime/suspension-registry';
import { SuspensionRuntime } from './runtime/suspension-operations';
import type { JobDefinitionQuery, JobQuery } from './suspension-service';
import { createLogger, type Logger } from '@baton/platform';
import { currentTraceparent } from './observability/trace-context';
import { commandMessage } from './runtime/command-messages';

/** Options of {@link createEngineRuntime}; every field has an embedded default. */
export interface EngineRuntimeOptions {
  /**
   * Partitions of the commands topic of the default in-memory bus (and the topology's count).
   * Four lets four instances' batches be in flight at once, enough for one process.
   * @default 4
   */
  readonly partitions?: number;
  /**
   * Environment prefix of every topic name.
   * @default process.env.TOPIC_PREFIX ?? ''
   */
  readonly topicPrefix?: string;
  /**
   * This replica's id: where replies to its waiting callers are routed.
   * @default 'engine-' + a random UUID
   */
  readonly replicaId?: string;
  /**
   * Node id in the high bits of the keys this replica makes (0–1023); must differ between live replicas.
   * @default derived from replicaId
   */
  readonly nodeId?: number;
  /** @default a new InMemoryBus, closed with the runtime */
  readonly bus?: MessageBus;
  /**
   * How long a dispatched outbox waits before it is cleared, ms (runtime/outbox-clearer.ts).
   * @default 1000 on a bus passed in (Kafka + MongoDB, where a clear costs a write), 0 embedded
   */
  readonly outboxClearDelayMs?: number;
  /** @default new InMemoryInstanceStore() */
  readonly instanceStore?: InstanceStore;
  /** @default new InMemoryDefinitionStore() */
  readonly definitionStore?: DefinitionStore;
  /** @default new InMemoryJobStore() */
  readonly jobStore?: JobStore;
  /** @default new InMemoryUserTaskStore() */
  readonly userTaskStore?: UserTaskStore;
  /** @default new InMemoryMessageStore() */
  readonly messageStore?: MessageStore;
  /** @default new InMemoryTimerStore() */
  readonly timerStore?: TimerStore;
  /** @default new InMemoryBusinessIdStore() */
  readonly businessIdStore?: BusinessIdStore;
  /** Suspended definitions and the job definitions. @default new InMemorySuspensionStore() */
  readonly suspensionStore?: SuspensionStore;
  /**
   * How often suspensions made through other replicas are read, ms (suspension-registry.ts).
   * @default 1000
   */
  readonly suspensionRefreshMs?: number;
  /**
   * Longest sleep of the timer scheduler, ms: a timer another replica wrote for this one's
   * partitions (start timers of a deployment there) fires at most this late.
   * @default 30000
   */
  readonly timerMaxSleepMs?: number;
  /** Told of every timer this replica fires, with the time it fired it at (to measure lateness). */
  readonly onTimerFired?: (timer: StoredTimer, firedAt: number) => void;
  /**
   * How long a caller waits for an answer (awaited creation, job and user task commands), ms.
   * @default 10000
   */
  readonly requestTimeoutMs?: number;
  /** @default '<default>' */
  readonly tenantId?: string;
  /** @default Date.now */
  readonly clock?: () => number;
  /** The pure core's apply; replaceable for tests. @default engine-core apply */
  readonly apply?: ApplyFunction;
  /**
   * Job types whose jobs are handed to Kafka workers on `baton.jobs.<type>.v1` (locked to them
   * until the job timeout, answered on `baton.jobs.results.v1`); `'*'` for every type deployed
   * with a fixed type. Jobs of other types wait for REST activation.
   * @default []
   */
  readonly kafkaJobTypes?: readonly string[] | '*';
  /**
   * How long a job published to Kafka workers stays theirs before it is published again, ms.
   * @default 300000 (Camunda's default job timeout)
   */
  readonly kafkaJobTimeoutMs?: number;
  /**
   * Announce new jobs on the notifications topic so that REST long polls on other replicas wake.
   * @default true when a bus is passed in (it may be shared with other replicas), false for the embedded one
   */
  readonly crossReplicaJobNotifications?: boolean;
  /**
   * Whether this replica applies commands. A replica with `false` only serves the API (and
   * answers its waiting callers), leaving the command partitions to the others.
   * @default true
   */
  readonly consumeCommands?: boolean;
  /** Called last by `close()`: releases what the caller opened for this runtime (Kafka, MongoDB clients). */
  readonly onClose?: () => Promise<void>;
  /**
   * The replica's JSON log (observability/logger.ts). Lines about an instance carry its
   * processInstanceKey and the traceparent of the command's message.
   * @default createLogger({ service: 'engine', replicaId }): stdout, level LOG_LEVEL (info)
   */
  readonly logger?: Logger;
  /** Where operational news goes (partition assignments). @default the logger, at info */
  readonly logInfo?: (message: string) => void;
  /** Where operational errors go. @default the logger, at error */
  readonly logError?: (message: string, error: unknown) => void;
}

/** A running engine replica: the {@link EngineService} plus the adapters it runs on. */
export interface EngineRuntime extends EngineService {
  readonly replicaId: string;
  readonly bus: MessageBus;
  /** Environment prefix of every topic name (`topicName(topics.x, runtime.topicPrefix)`). */
  readonly topicPrefix: string;
  readonly stores: {
    readonly instances: InstanceStore;
    readonly definitions: DefinitionStore;
    readonly jobs: JobStore;
    readonly userTasks: UserTaskStore;
    readonly messages: MessageStore;
    readonly timers: TimerStore;
    readonly businessIds: BusinessIdStore;
    readonly suspensions: SuspensionStore;
  };
}

const gatewayVersion = '8.8.0';

/** Starts an engine replica: heals outboxes left by a crash, then consumes commands and replies. */
export async function createEngineRuntime(options: EngineRuntimeOptions = {}): Promise<EngineRuntime> {
  const runtime = new EngineRuntimeImpl(options);
  await runtime.start();
  return runtime;
}

class EngineRuntimeImpl implements EngineRuntime {
  readonly replicaId: string;
  readonly bus: MessageBus;
  readonly stores: EngineRuntime['stores'];
  private readonly ownsBus: boolean;
  private readonly partitions: number;
  private readonly tenantId: string;
  private readonly requestTimeoutMs: number;
  private readonly commandsTopic: string;
  private readonly keys: KeyGenerator;
  private readonly cache: DefinitionCache;
  private readonly suspensionRegistry: SuspensionRegistry;
  private readonly suspension: SuspensionRuntime;
  private readonly deployer: Deployer;
  private readonly processor: CommandProcessor;
  private readonly replies: ReplyRouter;
  private readonly activator: JobActivator;
  private readonly notifications?: JobNotificationListener;
  private readonly pusher: JobPusher;
  private readonly results: JobResultConsumer;
  private readonly messagePublications: MessagePublicationConsumer;
  private readonly startRequests: StartRequestConsumer;
  private get startRequestClaims(): StartRequestClaimDeps {
    return {
      businessIds: this.stores.businessIds,
      instances: this.stores.instances,
      clock: this.clock,
      requestTimeoutMs: this.requestTimeoutMs,
    };
  }
  private readonly messages: MessageCorrelator;
  private readonly messageStarts: MessageStarts;
  private readonly timers: TimerScheduler;
  private readonly prefix: string;
  private readonly clock: () => number;

  get topicPrefix(): string {
    return this.prefix;
  }
  private readonly kafkaJobTypes: readonly string[] | '*';
  private readonly onClose?: () => Promise<void>;
  private readonly consumeCommands: boolean;

  constructor(options: EngineRuntimeOptions) {
    const prefix = options.topicPrefix ?? process.env['TOPIC_PREFIX'] ?? '';
    const clock = options.clock ?? Date.now;
    this.clock = clock;
    this.replicaId = options.replicaId ?? `engine-${randomUUID()}`;
    const logger = options.logger ?? createLogger({ service: 'engine', replicaId: this.replicaId });
    const logError =
      options.logError ?? ((message: string, error: unknown) => logger.error({ err: error }, message));
    this.prefix = prefix;
    this.kafkaJobTypes = options.kafkaJobTypes ?? [];
    this.onClose = options.onClose;
    this.consumeCommands = options.consumeCommands ?? true;
    this.partitions = options.partitions ?? 4;
    this.tenantId = options.tenantId ?? '<default>';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.ownsBus = options.bus === undefined;
    this.bus = options.bus ?? new InMemoryBus({ partitions: this.partitions, topicPrefix: prefix });
    this.stores = {
      instances: options.instanceStore ?? new InMemoryInstanceStore(),
      definitions: options.definitionStore ?? new InMemoryDefinitionStore(),
      jobs: options.jobStore ?? new InMemoryJobStore(),
      userTasks: options.userTaskStore ?? new InMemoryUserTaskStore(),
      messages: options.messageStore ?? new InMemoryMessageStore(),
      timers: options.timerStore ?? new InMemoryTimerStore(),
      businessIds: options.businessIdStore ?? new InMemoryBusinessIdStore(),
      suspensions: options.suspensionStore ?? new InMemorySuspensionStore(),
    };
    this.commandsTopic = topicName(topics.engineCommands, prefix);
    this.keys = new KeyGenerator({ nodeId: options.nodeId ?? nodeIdFromReplicaId(this.replicaId), clock });
    const nextKey = () => this.keys.next();
    this.suspensionRegistry = new SuspensionRegistry({
      store: this.stores.suspensions,
      ...(options.suspensionRefreshMs === undefined ? {} : { refreshMs: options.suspensionRefreshMs }),
      onError: (error) => logError('reading suspensions failed; trying again', error),
    });
    this.cache = new SuspensionAwareDefinitionCache(this.stores.definitions, this.suspensionRegistry);
    this.deployer = new Deployer({
      definitions: this.stores.definitions,
      cache: this.cache,
      nextKey,
      tenantId: this.tenantId,
      clock,
    });
    this.messageStarts = new MessageStarts({
      definitions: this.stores.definitions,
      instances: this.stores.instances,
      businessIds: this.stores.businessIds,
      messages: this.stores.messages,
      nextKey,
      clock,
      tenantId: this.tenantId,
      creationGraceMs: this.requestTimeoutMs,
      isSuspended: (processDefinitionKey) =>
        this.stores.suspensions.isDefinitionSuspended(processDefinitionKey),
    });
    this.messages = new MessageCorrelator({
      store: this.stores.messages,
      bus: this.bus,
      commandsTopic: this.commandsTopic,
      nextKey,
      clock,
      tenantId: this.tenantId,
      onSweepError: (error) => logError('deleting expired messages failed; trying again later', error),
      starts: this.messageStarts,
    });
    this.timers = new TimerScheduler({
      store: this.stores.timers,
      bus: this.bus,
      commandsTopic: this.commandsTopic,
      partitionOf: (key) =>
        this.bus.partitionForKey?.(key, this.partitions) ?? partitionForKey(key, this.partitions),
      nextKey,
      clock,
      ...(options.timerMaxSleepMs === undefined ? {} : { maxSleepMs: options.timerMaxSleepMs }),
      ...(options.onTimerFired ? { onFired: options.onTimerFired } : {}),
      armsSuspended: (timer) =>
        this.suspensionRegistry.isJobSlotSuspended(timer.processDefinitionKey, timer.elementId),
      onError: (error) => logError('firing timers failed; trying again', error),
    });
    const waiters = new JobWaiters();
    const crossReplica = options.crossReplicaJobNotifications ?? !this.ownsBus;
    const notificationsTopic = topicName(topics.jobNotifications, prefix);
    const dispatcher = new EffectDispatcher({
      bus: this.bus,
      jobs: this.stores.jobs,
      userTasks: this.stores.userTasks,
      messages: this.messages,
      timers: this.timers,
      childInstances: new ChildInstances({
        bus: this.bus,
        definitions: this.stores.definitions,
        commandsTopic: this.commandsTopic,
        isSuspended: (processDefinitionKey) =>
          this.stores.suspensions.isDefinitionSuspended(processDefinitionKey),
      }),
      asyncContinuations: new AsyncContinuationRunner({ bus: this.bus, commandsTopic: this.commandsTopic }),
      waiters,
      topics: {
        instanceEvents: topicName(topics.instanceEvents, prefix),
        replies: topicName(topics.engineReplies, prefix),
        ...(crossReplica ? { jobNotifications: notificationsTopic } : {}),
      },
    });
    if (crossReplica) {
      this.notifications = new JobNotificationListener({
        bus: this.bus,
        topic: notificationsTopic,
        replicaId: this.replicaId,
        waiters,
      });
    }
    this.processor = new CommandProcessor({
      bus: this.bus,
      topic: this.commandsTopic,
      // Consumer groups take the environment prefix too: environments sharing a cluster stay apart.
      groupId: `${prefix}baton-engine`,
      instances: this.stores.instances,
      definitions: this.cache,
      dispatcher,
      apply: options.apply ?? applyCommand,
      nextKey,
      clock,
      outboxClearDelayMs: options.outboxClearDelayMs ?? (options.bus === undefined ? 0 : 1000),
      logger,
      ...(options.logError
        ? {
            onCommandError: (error: unknown, command: EngineCommand) =>
              logError(`${command.type} on ${command.processInstanceKey} failed`, error),
          }
        : {}),
      onSweepError: (error) => logError('healing outboxes left behind failed; trying again', error),
      onAssignment: (partitions) => {
        // Operators and the failover test read this text (replica-process.ts parses the JSON line).
        const message = `applies the commands of partitions [${partitions.join(', ')}] since ${new Date().toISOString()}`;
        if (options.logInfo) options.logInfo(`Baton engine ${this.replicaId}: ${message}`);
        else logger.info({ partitions }, message);
        this.timers.assign(partitions);
      },
    });
    this.suspension = new SuspensionRuntime({
      suspensions: this.stores.suspensions,
      definitions: this.stores.definitions,
      instances: this.stores.instances,
      jobs: this.stores.jobs,
      timers: this.stores.timers,
      timerActivated: (timer) => this.timers.stored(timer),
      registry: this.suspensionRegistry,
      sendAndAwait: async (command) => {
        await this.sendAndAwait(command);
      },
      clock,
    });
    this.replies = new ReplyRouter({
      bus: this.bus,
      topic: topicName(topics.engineReplies, prefix),
      replicaId: this.replicaId,
    });
    this.activator = new JobActivator({
      jobs: this.stores.jobs,
      instances: this.stores.instances,
      waiters,
      clock,
    });
    this.pusher = new JobPusher({
      bus: this.bus,
      activate: (request) => this.activator.activate(request),
      topicOf: (type) => topicName(jobTopic(type), prefix),
      jobTimeoutMs: options.kafkaJobTimeoutMs ?? 300_000,
      onError: (error, type) =>
        logError(
          `publishing jobs of type ${type} failed; they are published again when their lock ends`,
          error,
        ),
    });
    this.results = new JobResultConsumer({
      bus: this.bus,
      resultsTopic: topicName(topics.jobResults, prefix),
      commandsTopic: this.commandsTopic,
      groupId: `${prefix}baton-engine-job-results`,
    });
    this.messagePublications = new MessagePublicationConsumer({
      bus: this.bus,
      topic: topicName(topics.messages, prefix),
      groupId: `${prefix}baton-engine-messages`,
      publish: (request) => this.publishMessage(request),
    });
    this.startRequests = new StartRequestConsumer({
      bus: this.bus,
      topic: topicName(topics.engineStart, prefix),
      confirmTopic: topicName(topics.engineStartConfirm, prefix),
      groupId: `${prefix}baton-engine-starts`,
      create: (request, requestId) => this.createInstance(request, requestId),
    });
  }

  /** Creates missing topics, then consumes replies, notifications, commands, job results and messages. */
  async start(): Promise<void> {
    const deployed = await this.stores.definitions.list();
    const jobTypes = new Set(deployed.flatMap((definition) => staticJobTypes(definition.model)));
    await this.ensureTopics([...Object.values(topicCatalogue), ...[...jobTypes].map(jobTopicDefinition)]);
    await this.suspensionRegistry.start();
    await this.replies.start();
    await this.notifications?.start();
    if (this.consumeCommands) await this.processor.start();
    await this.results.start();
    await this.messagePublications.start();
    await this.startRequests.start();
    this.startPushing(jobTypes);
  }

  private async ensureTopics(definitions: readonly { name: string; partitions: number }[]): Promise<void> {
    if (!this.bus.ensureTopics) return;
    await this.bus.ensureTopics(
      definitions.map(({ name, partitions }) => ({ name: topicName(name, this.prefix), partitions })),
    );
  }

  /** Starts the Kafka publishing loops: the configured types, or with `'*'` every fixed type deployed. */
  private startPushing(deployedTypes: Iterable<string>): void {
    const types = this.kafkaJobTypes === '*' ? deployedTypes : this.kafkaJobTypes;
    for (const type of types) this.pusher.push(type);
  }

  topology(): Topology {
    return {
      clusterSize: 1,
      partitionsCount: this.partitions,
      replicationFactor: 1,
      gatewayVersion,
      brokers: [
        {
          nodeId: 0,
          host: 'localhost',
          port: 26501,
          version: gatewayVersion,
          partitions: Array.from({ length: this.partitions }, (_, index) => ({
            partitionId: index + 1,
            role: 'leader',
            health: 'healthy',
          })),
        },
      ],
    };
  }

  async deploy(
    resources: readonly { readonly name: string; readonly content: string }[],
  ): Promise<DeployResult> {
    const { deploymentKey, definitions } = await this.deployer.deploy(resources);
    // Message start events follow the latest versions: the next message sees this deployment.
    this.messageStarts.invalidate();
    // A new version replaces the start timers of the earlier ones; a re-deployment of the same file changes nothing.
    for (const definition of definitions)
      if (definition.deploymentKey === deploymentKey) {
        await this.timers.deployed(definition);
        await this.stores.suspensions.insertJobDefinitions(
          jobDefinitionsOf(definition, () => this.keys.next()),
        );
      }
    const jobTypes = new Set(definitions.flatMap((definition) => staticJobTypes(definition.model)));
    await this.ensureTopics([...jobTypes].map(jobTopicDefinition));
    this.startPushing(jobTypes);
    return {
      deploymentKey,
      tenantId: this.tenantId,
      processes: definitions.map((d) => ({
        processDefinitionKey: d.processDefinitionKey,
        processDefinitionId: d.processDefinitionId,
        processDefinitionVersion: d.processDefinitionVersion,
        resourceName: d.resourceName,
        tenantId: d.tenantId,
      })),
    };
  }

  async getDefinition(processDefinitionKey: string): Promise<ProcessDefinitionRecord | undefined> {
    return this.stores.definitions.getByKey(processDefinitionKey);
  }

  async listDefinitions(): Promise<readonly ProcessDefinitionRecord[]> {
    return this.stores.definitions.list();
  }

  /** `startRequestId`: a Kafka start request, which creates one instance however often it is delivered. */
  async createInstance(
    request: CreateInstanceRequest,
    startRequestId?: string,
  ): Promise<CreateInstanceResult> {
    const definition: StoredDefinition = await resolveDefinition(this.stores.definitions, request);
    await this.suspension.assertStartable(definition);
    const inherited = request.inheritFrom
      ? await inheritedVariables(this.stores.instances, request.inheritFrom)
      : {};
    const variables = { ...inherited, ...(request.variables ?? {}) };
    validateStart(definition, variables, request.startInstructions, request.startCondition);
    const processInstanceKey = this.keys.next();
    if (startRequestId !== undefined) {
      const earlier = await claimStartRequest(this.startRequestClaims, startRequestId, processInstanceKey);
      if (earlier) return { ...resultOf(earlier), variables: {} };
    }
    if (request.businessId !== undefined)
      await this.claimBusinessId(definition.processDefinitionId, request.businessId, processInstanceKey);
    const command: EngineCommand = {
      type: 'CREATE_INSTANCE',
      commandId: newMessageId(),
      processInstanceKey,
      processDefinitionKey: definition.processDefinitionKey,
      variables,
      ...(request.startInstructions ? { startInstructions: [...request.startInstructions] } : {}),
      ...(request.startCondition !== undefined ? { startCondition: request.startCondition } : {}),
      ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
      ...(request.businessId !== undefined ? { businessId: request.businessId } : {}),
    };
    const result = {
      processDefinitionKey: definition.processDefinitionKey,
      processDefinitionId: definition.processDefinitionId,
      processDefinitionVersion: definition.processDefinitionVersion,
      processInstanceKey,
      tenantId: definition.tenantId,
    };
    if (request.awaitWaitState && !request.awaitCompletion) {
      const body = await this.sendAndAwait(command, request.requestTimeoutMs, {
        awaitWaitState: true,
        ...(request.fetchVariables ? { fetchVariables: [...request.fetchVariables] } : {}),
      });
      return { ...result, variables: body.variables ?? {} };
    }
    if (!request.awaitCompletion) {
      // Answered once the instance is stored, as Zeebe answers once the command is processed: a
      // client may act on the key it gets back (set variables, cancel) at once.
      await this.sendAndAwait(command, request.requestTimeoutMs);
      return { ...result, variables: {} };
    }
    const body = await this.sendAndAwait(command, request.requestTimeoutMs, {
      awaitCompletion: true,
      ...(request.fetchVariables ? { fetchVariables: [...request.fetchVariables] } : {}),
    });
    return { ...result, variables: body.variables ?? {} };
  }

  /**
   * Claims a business id for a new instance. ALREADY_EXISTS naming the holder while it is ACTIVE
   * (or being created: a claim younger than the request timeout whose instance is not stored
   * yet); a holder that has ended hands the id over.
   */
  private async claimBusinessId(
    processDefinitionId: string,
    businessId: string,
    processInstanceKey: string,
  ): Promise<void> {
    const mine = { processDefinitionId, businessId, processInstanceKey, claimedAt: this.clock() };
    let held = await this.stores.businessIds.claim(mine);
    while (held.processInstanceKey !== processInstanceKey) {
      const holder = await this.stores.instances.get(held.processInstanceKey);
      const beingCreated = !holder && mine.claimedAt - held.claimedAt < this.requestTimeoutMs;
      if (holder?.state === 'ACTIVE' || beingCreated)
        throw new BatonError(
          'ALREADY_EXISTS',
          `Expected to create an instance of process '${processDefinitionId}' with business id '${businessId}', but instance '${held.processInstanceKey}' has it and is still active.`,
          { processInstanceKey: held.processInstanceKey },
        );
      held = await this.stores.businessIds.takeOver(held, mine);
    }
  }

  async getInstance(processInstanceKey: string): Promise<StoredInstance | undefined> {
    const document = await this.stores.instances.get(processInstanceKey);
    return document ? toStoredInstance(document) : undefined;
  }

  async searchInstances(query: InstanceQuery): Promise<SearchResult<StoredInstance>> {
    const page = await this.stores.instances.search(query);
    return { items: page.items.map(toStoredInstance), totalItems: page.totalItems };
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    const instance = await this.stores.instances.get(processInstanceKey);
    if (!instance) {
      throw new BatonError('NOT_FOUND', `Process instance with key '${processInstanceKey}' not found.`);
    }
    // As in Zeebe: a call activity's child ends with its parent, never alone (the parent would wait forever).
    if (instance.state === 'ACTIVE' && instance.parentProcessInstanceKey !== undefined) {
      throw new BatonError(
        'INVALID_STATE',
        `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${instance.parentProcessInstanceKey}' instead.`,
      );
    }
    await this.sendAndAwait({ type: 'CANCEL_INSTANCE', commandId: newMessageId(), processInstanceKey });
  }

  activateJobs(request: ActivateJobsRequest): Promise<readonly ActivatedJob[]> {
    return this.activator.activate(request);
  }

  async updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void> {
    const processInstanceKey = await this.instanceOfJob(jobKey);
    if (changes.retries !== undefined) {
      const { retries } = changes;
      await this.sendAndAwait({
        type: 'UPDATE_JOB_RETRIES',
        commandId: newMessageId(),
        processInstanceKey,
        jobKey,
        retries,
      });
    }
    if (changes.timeoutMs !== undefined) {
      const now = this.clock();
      if (!(await this.stores.jobs.updateLockDeadline(jobKey, now + changes.timeoutMs, now)))
        throw new BatonError(
          'INVALID_STATE',
          `Expected to update the timeout of job with key '${jobKey}', but it is not activated.`,
        );
    }
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    const processInstanceKey = await this.instanceHolding(
      { incidentKey },
      `Incident with key '${incidentKey}'`,
    );
    await this.sendAndAwait({
      type: 'RESOLVE_INCIDENT',
      commandId: newMessageId(),
      processInstanceKey,
      incidentKey,
    });
  }

  async setVariables(elementInstanceKey: string, variables: Variables, local: boolean): Promise<void> {
    const processInstanceKey = await this.instanceHolding(
      { elementInstanceKey },
      `Element instance with key '${elementInstanceKey}'`,
    );
    await this.sendAndAwait({
      type: 'SET_VARIABLES',
      commandId: newMessageId(),
      processInstanceKey,
      elementInstanceKey,
      variables,
      ...(local ? { local } : {}),
    });
  }

  /** The instance holding an active incident or element instance; NOT_FOUND when none does. */
  private async instanceHolding(
    filter: { incidentKey: string } | { elementInstanceKey: string } | { jobKey: string },
    what: string,
    why = 'it is resolved, ended or never existed',
  ): Promise<string> {
    const { items } = await this.stores.instances.search({ filter, page: { from: 0, limit: 1 } });
    const instance = items[0];
    if (!instance) throw new BatonError('NOT_FOUND', `${what} not found: ${why}.`);
    return instance.processInstanceKey;
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    const processInstanceKey = await this.instanceOfJob(jobKey);
    await this.sendAndAwait({
      type: 'COMPLETE_JOB',
      commandId: newMessageId(),
      processInstanceKey,
      jobKey,
      variables,
    });
  }

  async failJob(
    jobKey: string,
    failure: { retries: number; errorMessage?: string; retryBackOffMs?: number; variables?: Variables },
  ): Promise<void> {
    const processInstanceKey = await this.instanceOfJob(jobKey);
    await this.sendAndAwait({
      type: 'FAIL_JOB',
      commandId: newMessageId(),
      processInstanceKey,
      jobKey,
      retries: failure.retries,
      ...(failure.errorMessage !== undefined ? { errorMessage: failure.errorMessage } : {}),
      ...(failure.retryBackOffMs !== undefined ? { retryBackOff: failure.retryBackOffMs } : {}),
      ...(failure.variables !== undefined ? { variables: failure.variables } : {}),
    });
  }

  async throwJobError(
    jobKey: string,
    error: { errorCode: string; errorMessage?: string; variables?: Variables },
  ): Promise<void> {
    const processInstanceKey = await this.instanceOfJob(jobKey);
    await this.sendAndAwait({
      type: 'THROW_ERROR',
      commandId: newMessageId(),
      processInstanceKey,
      jobKey,
      errorCode: error.errorCode,
      ...(error.errorMessage !== undefined ? { errorMessage: error.errorMessage } : {}),
      ...(error.variables !== undefined ? { variables: error.variables } : {}),
    });
  }

  async searchUserTasks(query: UserTaskQuery): Promise<SearchResult<UserTask>> {
    const page = await this.stores.userTasks.search(query);
    return { items: page.items, totalItems: page.totalItems };
  }

  async completeUserTask(userTaskKey: string, variables: Variables = {}, action?: string): Promise<void> {
    const processInstanceKey = await this.instanceOfUserTask(userTaskKey);
    await this.sendAndAwait({
      type: 'COMPLETE_USER_TASK',
      commandId: newMessageId(),
      processInstanceKey,
      userTaskKey,
      variables,
      ...(action !== undefined ? { action } : {}),
    });
  }

  async assignUserTask(userTaskKey: string, assignee: string | null, allowOverride?: boolean): Promise<void> {
    const processInstanceKey = await this.instanceOfUserTask(userTaskKey);
    await this.sendAndAwait({
      type: 'ASSIGN_USER_TASK',
      commandId: newMessageId(),
      processInstanceKey,
      userTaskKey,
      assignee,
      ...(allowOverride !== undefined ? { allowOverride } : {}),
    });
  }

  async publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
    const { messageKey } = await this.messages.publish({
      name: request.name,
      correlationKey: request.correlationKey ?? '',
      timeToLiveMs: request.timeToLiveMs ?? 0,
      ...(request.messageId !== undefined ? { messageId: request.messageId } : {}),
      variables: request.variables ?? {},
    });
    return { messageKey, tenantId: this.tenantId };
  }

  async correlateMessage(request: CorrelateMessageRequest): Promise<CorrelateMessageResult> {
    const { messageKey, processInstanceKey } = await this.messages.correlate(
      {
        name: request.name,
        correlationKey: request.correlationKey ?? '',
        variables: request.variables ?? {},
      },
      (command) => this.sendAndAwait(command),
    );
    return { messageKey, tenantId: this.tenantId, processInstanceKey };
  }

  /** Stops in dependency order: pollers and pushers, consumers (each finishing its batch), the bus. */
  suspendDefinition(
    processDefinitionKey: string,
    change: { suspended: boolean; includeProcessInstances?: boolean },
  ): Promise<{ processInstancesChanged: number }> {
    return this.suspension.suspendDefinition(processDefinitionKey, change);
  }

  suspendInstance(processInstanceKey: string, suspended: boolean): Promise<void> {
    return this.suspension.suspendInstance(processInstanceKey, suspended);
  }

  searchJobDefinitions(query: JobDefinitionQuery) {
    return this.suspension.searchJobDefinitions(query);
  }

  suspendJobDefinition(
    jobDefinitionKey: string,
    change: { suspended: boolean; includeJobs?: boolean },
  ): Promise<{ jobsChanged: number }> {
    return this.suspension.suspendJobDefinition(jobDefinitionKey, change);
  }

  suspendJob(jobKey: string, suspended: boolean): Promise<void> {
    return this.suspension.suspendJob(jobKey, suspended);
  }

  searchJobs(query: JobQuery) {
    return this.suspension.searchJobs(query);
  }

  async close(): Promise<void> {
    this.suspensionRegistry.close();
    this.activator.close();
    await this.timers.close();
    await this.pusher.close();
    await this.results.close();
    await this.messagePublications.close();
    await this.startRequests.close();
    await this.processor.close();
    await this.notifications?.close();
    await this.replies.close();
    if (this.ownsBus) await this.bus.close();
    await this.onClose?.();
  }

  private async instanceOfJob(jobKey: string): Promise<string> {
    const record = await this.stores.jobs.get(jobKey);
    if (record) return record.job.processInstanceKey;
    // Out of the job store but not closed: parked in an incident (retries exhausted).
    return this.instanceHolding(
      { jobKey },
      `Job with key '${jobKey}'`,
      'it was completed, canceled or never existed',
    );
  }

  private async instanceOfUserTask(userTaskKey: string): Promise<string> {
    const task = await this.stores.userTasks.get(userTaskKey);
    if (!task) throw new BatonError('NOT_FOUND', `User task with key '${userTaskKey}' not found.`);
    return task.processInstanceKey;
  }

  /** Sends a command; one sent while serving a REST request carries that request's traceparent. */
  private send(command: EngineCommand): Promise<void> {
    return this.bus.produce(this.commandsTopic, [commandMessage(command, currentTraceparent())]);
  }

  /** Sends a command with this replica as reply target and waits for its answer; REJECTED → BatonError. */
  private async sendAndAwait(
    command: EngineCommand,
    timeoutMs = this.requestTimeoutMs,
    extra: { awaitCompletion?: boolean; awaitWaitState?: boolean; fetchVariables?: string[] } = {},
  ): Promise<Extract<ReplyBody, { status: 'OK' }>> {
    const pending = this.replies.expect(timeoutMs, extra);
    try {
      await this.send(Object.assign({}, command, { reply: pending.target }));
    } catch (error) {
      pending.cancel();
      throw error;
    }
    const body = await pending.reply;
    if (body.status === 'REJECTED') throw new BatonError(body.code, body.message);
    return body;
  }
}

/** The keys of a stored instance, as a create request answers them. */
function resultOf(instance: InstanceDocument): Omit<CreateInstanceResult, 'variables'> {
  return {
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    processDefinitionVersion: instance.processDefinitionVersion,
    processInstanceKey: instance.processInstanceKey,
    tenantId: instance.tenantId,
  };
}

function toStoredInstance(document: InstanceDocument): StoredInstance {
  const { outbox: _outbox, appliedCommandIds: _ids, ...instance } = document;
  return instance;
}
