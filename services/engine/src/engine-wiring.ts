// The wiring of one engine replica (DESIGN §3): every component built on the ports the options
// name (the embedded in-memory adapters by default) and connected to the others. Nothing here
// decides anything; the rules live in the components and the facades (facades/).
import { randomUUID } from 'node:crypto';
import type { EngineCommand } from '@baton/contracts';
import { apply as applyCommand } from '@baton/engine-core';
import { InMemoryBus, partitionForKey, type TransactionalMessageBus } from '@baton/messaging';
import { createLogger } from '@baton/platform';
import { batonTopics } from '@baton/topics';
import type { EngineRuntimeOptions } from './engine-runtime-options';
import { replicaStores } from './replica-stores';
import { BatchOperationsFacade } from './facades/batch-operations';
import { DecisionsFacade } from './facades/decisions';
import { DeploymentsFacade } from './facades/deployments';
import { FormsFacade } from './facades/forms';
import { JobsFacade } from './facades/jobs';
import { MessagesFacade } from './facades/messages';
import { SignalsFacade } from './facades/signals';
import { UserTasksFacade } from './facades/user-tasks';
import { AsyncContinuationRunner } from './runtime/async-continuations';
import { BatchOperationDriver } from './runtime/batch-operation-driver';
import { BpmnCompilePool } from './runtime/bpmn-compile-pool';
import { ChildInstances } from './runtime/child-instances';
import { DecisionDeployer } from './runtime/decision-deployer';
import { DecisionEvaluations } from './runtime/decision-evaluations';
import { FormDeployer } from './runtime/form-deployer';
import { CommandProcessor } from './runtime/command-processor';
import { CommandSender } from './runtime/command-sender';
import { DefinitionChanges } from './runtime/definition-changes';
import { EngineClock } from './runtime/engine-clock';
import { stampPinnedClock } from './runtime/clock-stamping-bus';
import { ClockFacade } from './facades/clock';
import { ResourcesFacade } from './facades/resources';
import { Deployer } from './runtime/deployer';
import { EffectDispatcher } from './runtime/effect-dispatcher';
import { JobActivator } from './runtime/job-activator';
import { JobNotificationListener } from './runtime/job-notifications';
import { JobPusher } from './runtime/job-pusher';
import { JobResultConsumer } from './runtime/job-result-consumer';
import { JobWaiters } from './runtime/job-waiters';
import { KeyGenerator, nodeIdFromReplicaId } from './runtime/key-generator';
import { wireInstances } from './instances-wiring';
import { KnownDefinitions } from './runtime/known-definitions';
import { MessageCorrelator } from './runtime/message-correlator';
import { MessagePublicationConsumer } from './runtime/message-publication-consumer';
import { MessageStarts } from './runtime/message-starts';
import { SignalBroadcaster } from './runtime/signal-broadcaster';
import { ReplyRouter } from './runtime/reply-router';
import { StartRequestConsumer } from './runtime/start-request-consumer';
import { SuspensionRuntime } from './runtime/suspension-operations';
import { SuspensionAwareDefinitionCache, SuspensionRegistry } from './runtime/suspension-registry';
import { TimerScheduler } from './runtime/timer-scheduler';
import { defaultMaxInstanceVariablesBytes, limitVariablesDocument } from './runtime/variables-document-limit';
import { exitOnStoreFailure } from './runtime/exit-on-store-failure';

/** Everything a replica runs, started and closed by the runtime in dependency order. */
export type EngineComponents = ReturnType<typeof wireEngine>;

export function wireEngine(options: EngineRuntimeOptions) {
  const prefix = options.topicPrefix ?? '';
  const topics = batonTopics(prefix);
  // Pinned by PUT /v2/clock (ENGINE_CLOCK_CONTROL); everything below reads the time through it.
  const engineClock = new EngineClock(options.clock ?? Date.now);
  const clock = engineClock.now;
  const replicaId = options.replicaId ?? `engine-${randomUUID()}`;
  const logger = options.logger ?? createLogger({ service: 'engine', replicaId });
  const logError =
    options.logError ?? ((message: string, error: unknown) => logger.error({ err: error }, message));
  const partitions = options.partitions ?? 4;
  const tenantId = options.tenantId ?? '<default>';
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const ownsBus = options.bus === undefined;
  // Commands appended while the clock is pinned carry the pinned time (clock-stamping-bus.ts).
  const bus: TransactionalMessageBus = stampPinnedClock(
    options.bus ?? new InMemoryBus({ partitions, topicPrefix: prefix, clock }),
    topics.engineCommands.name,
    engineClock,
  );
  const stores = replicaStores(options);
  const commandsTopic = topics.engineCommands;
  /** The partition of the commands topic an instance key is on, as the bus's producer places it. */
  const partitionOf = (key: string) =>
    bus.partitionForKey?.(key, partitions) ?? partitionForKey(key, partitions);
  const keys = new KeyGenerator({ nodeId: options.nodeId ?? nodeIdFromReplicaId(replicaId), clock });
  const nextKey = () => keys.next();
  const isSuspended = (processDefinitionKey: string) =>
    stores.suspensions.isDefinitionSuspended(processDefinitionKey);
  const suspensionRegistry = new SuspensionRegistry({
    store: stores.suspensions,
    ...(options.suspensionRefreshMs === undefined ? {} : { refreshMs: options.suspensionRefreshMs }),
    onError: (error) => logError('reading suspensions failed; trying again', error),
  });
  const known = new KnownDefinitions(stores.definitions);
  // The processor's definitions come through `known`: a definition a create looked up is not read again.
  const cache = new SuspensionAwareDefinitionCache(known, suspensionRegistry, stores.definitions);
  const crossReplica = options.crossReplicaJobNotifications ?? !ownsBus;
  const definitionChanges = new DefinitionChanges({
    bus,
    topic: topics.definitionChanges,
    replicaId,
    crossReplica,
    onDeployedElsewhere: (ids) => known.forgetLatest(ids),
    onSuspensionChangedElsewhere: () => suspensionRegistry.refresh(),
    onDeletedElsewhere: (ids, keys) => {
      known.deleted(ids, keys);
      for (const key of keys) cache.forget(key);
      messageStarts.invalidate();
      signalBroadcaster.invalidate();
    },
    onClockChangedElsewhere: (pinnedAt) =>
      pinnedAt === null ? engineClock.reset() : engineClock.pin(pinnedAt),
  });
  const compilePool = new BpmnCompilePool();
  const deployer = new Deployer({
    definitions: stores.definitions,
    cache,
    nextKey,
    tenantId,
    clock,
    compile: (xml, resourceName) => compilePool.compile(xml, resourceName),
    decisions: new DecisionDeployer({ decisions: stores.decisions, nextKey, tenantId, clock }),
    forms: new FormDeployer({ forms: stores.forms, nextKey, tenantId, clock }),
  });
  const decisions = new DecisionsFacade({ decisions: stores.decisions, nextKey, clock });
  const forms = new FormsFacade({
    forms: stores.forms,
    userTasks: stores.userTasks,
    definitions: stores.definitions,
    clock,
  });
  const messageStarts = new MessageStarts({
    definitions: stores.definitions,
    instances: stores.instances,
    businessIds: stores.businessIds,
    messages: stores.messages,
    nextKey,
    clock,
    tenantId,
    creationGraceMs: requestTimeoutMs,
    isSuspended,
  });
  const correlator = new MessageCorrelator({
    store: stores.messages,
    bus,
    commandsTopic,
    nextKey,
    clock,
    tenantId,
    onSweepError: (error) => logError('deleting expired messages failed; trying again later', error),
    starts: messageStarts,
  });
  const timers = new TimerScheduler({
    store: stores.timers,
    bus,
    commandsTopic,
    partitionOf,
    nextKey,
    clock,
    ...(options.timerMaxSleepMs === undefined ? {} : { maxSleepMs: options.timerMaxSleepMs }),
    ...(options.onTimerFired ? { onFired: options.onTimerFired } : {}),
    armsSuspended: (timer) =>
      suspensionRegistry.isJobSlotSuspended(timer.processDefinitionKey, timer.elementId),
    onError: (error) => logError('firing timers failed; trying again', error),
  });
  engineClock.onChange(() => timers.clockMoved());
  const clockControl = new ClockFacade({
    clock: engineClock,
    enabled: options.clockControl ?? false,
    announce: (pinnedAt) => definitionChanges.clockChanged(pinnedAt),
  });
  const waiters = new JobWaiters();
  const notificationsTopic = topics.jobNotifications;
  const activator = new JobActivator({ jobs: stores.jobs, instances: stores.instances, waiters, clock });
  const pusher = new JobPusher({
    bus,
    activate: (request) => activator.activate(request),
    topicOf: topics.job,
    jobTimeoutMs: options.kafkaJobTimeoutMs ?? 300_000,
    onError: (error, type) =>
      logError(
        `publishing jobs of type ${type} failed; they are published again when their lock ends`,
        error,
      ),
  });
  const signalBroadcaster = new SignalBroadcaster({
    store: stores.signalSubscriptions,
    commandPartitions: { count: partitions, of: partitionOf },
    definitions: stores.definitions,
    bus,
    commandsTopic,
    nextKey,
    clock: Date.now, // only its index's age: real time, which a pinned clock (PUT /v2/clock) does not freeze
    isSuspended,
  });
  const dispatcher = new EffectDispatcher({
    bus,
    signals: signalBroadcaster,
    jobs: stores.jobs,
    userTasks: stores.userTasks,
    messages: correlator,
    timers,
    childInstances: new ChildInstances({ bus, definitions: known, commandsTopic, isSuspended }),
    decisionEvaluations: new DecisionEvaluations({
      bus,
      decisions: stores.decisions,
      definitions: known,
      commandsTopic,
      clock,
    }),
    asyncContinuations: new AsyncContinuationRunner({ bus, commandsTopic }),
    waiters,
    kafkaJobs: pusher,
    clock,
    // The router is made below; replies are only announced once the engine runs.
    ownReplies: (reply) => replies.settleOwn(reply),
    topics: {
      instanceEvents: topics.instanceEvents,
      engineReplies: topics.engineReplies,
      ...(crossReplica ? { jobNotifications: notificationsTopic } : {}),
    },
  });
  const notifications = crossReplica
    ? new JobNotificationListener({ bus, topic: notificationsTopic, replicaId, waiters })
    : undefined;
  const processor = new CommandProcessor({
    bus,
    topic: commandsTopic,
    partitionOf,
    // Consumer groups take the environment prefix too: environments sharing a cluster stay apart.
    groupId: `${prefix}baton-engine`,
    instances: stores.instances,
    jobs: stores.jobs,
    checkpoints: stores.checkpoints,
    definitions: cache,
    dispatcher,
    apply: limitVariablesDocument(
      options.apply ?? applyCommand,
      options.maxInstanceVariablesBytes ?? defaultMaxInstanceVariablesBytes,
    ),
    nextKey,
    clock,
    logger,
    ...(options.snapshotLeaseMs === undefined ? {} : { snapshotLeaseMs: options.snapshotLeaseMs }),
    holdHandedOverJobsMs: options.holdHandedOverJobsMs ?? 0,
    checkpointIntervalMs: options.checkpointIntervalMs ?? 0,
    pipelined: options.pipelineSnapshots ?? false,
    onLeaseExpired: options.onLeaseExpired ?? exitOnStoreFailure(logError),
    ...(options.logError && {
      onCommandError: (error: unknown, command: EngineCommand) =>
        logError(`${command.type} on ${command.processInstanceKey} failed`, error),
    }),
    onSnapshotError: (error) => logError('writing the snapshot failed; trying again', error),
    onAssignment: (assigned) => {
      // Operators and the failover test read this text (replica-process.ts parses the JSON line).
      const message = `applies the commands of partitions [${assigned.join(', ')}] since ${new Date().toISOString()}`;
      if (options.logInfo) options.logInfo(`Baton engine ${replicaId}: ${message}`);
      else logger.info({ partitions: assigned }, message);
      timers.assign(assigned);
    },
  });
  const replies = new ReplyRouter({ bus, topic: topics.engineReplies, replicaId });
  const commands = new CommandSender({ bus, commandsTopic, replies, requestTimeoutMs });
  const suspension = new SuspensionRuntime({
    suspensions: stores.suspensions,
    definitions: stores.definitions,
    instances: stores.instances,
    jobs: stores.jobs,
    timers: stores.timers,
    timerActivated: (timer) => timers.stored(timer),
    timerParked: (timer) => timers.parked(timer),
    registry: suspensionRegistry,
    suspensionChanged: () => definitionChanges.suspensionChanged(),
    sendAndAwait: async (command) => {
      await commands.sendAndAwait(command);
    },
    clock,
  });
  const resources = new ResourcesFacade({
    stores,
    known,
    cache,
    timers,
    startIndexes: [messageStarts, signalBroadcaster],
    announce: (ids, keys) => definitionChanges.deleted(ids, keys),
    clock,
  });
  const deployments = new DeploymentsFacade({
    bus,
    topicPrefix: prefix,
    definitions: stores.definitions,
    suspensions: stores.suspensions,
    deployer,
    messageStarts,
    timers,
    pusher,
    nextKey,
    tenantId,
    kafkaJobTypes: options.kafkaJobTypes ?? [],
    deployed: async (definitions) => {
      known.deployed(definitions);
      signalBroadcaster.invalidate();
      await definitionChanges.deployed(definitions.map((definition) => definition.processDefinitionId));
    },
  });
  const { instances, answered } = wireInstances(options, {
    stores,
    known,
    suspension,
    keys,
    commands,
    clock,
    requestTimeoutMs,
    logger,
  });
  const batchDriver = new BatchOperationDriver({
    store: stores.batchOperations,
    instances: stores.instances,
    // At most 10 s: an item left unanswered (a copy of a command a dead driver sent, which the
    // owner skips) is looked at again and retried, not waited on for the whole request timeout.
    sendAndAwait: async (command) => {
      await commands.sendAndAwait(command, Math.min(requestTimeoutMs, 10_000));
    },
    replicaId,
    clock,
    onError: logError,
  });
  const batchOperations = new BatchOperationsFacade({
    store: stores.batchOperations,
    instances: stores.instances,
    nextKey,
    clock,
    drive: (batchOperationKey) => batchDriver.drive(batchOperationKey),
  });
  const jobs = new JobsFacade({ jobs: stores.jobs, instances: stores.instances, activator, commands, clock });
  const userTasks = new UserTasksFacade({ userTasks: stores.userTasks, commands });
  const messages = new MessagesFacade({ correlator, commands, tenantId });
  const signals = new SignalsFacade({ broadcaster: signalBroadcaster, tenantId });
  const results = new JobResultConsumer({
    bus,
    resultsTopic: topics.jobResults,
    commandsTopic,
    groupId: `${prefix}baton-engine-job-results`,
  });
  const messagePublications = new MessagePublicationConsumer({
    bus,
    topic: topics.messages,
    groupId: `${prefix}baton-engine-messages`,
    publish: (request) => messages.publishMessage(request),
  });
  const startRequests = new StartRequestConsumer({
    bus,
    topic: topics.engineStart,
    confirmTopic: topics.engineStartConfirm,
    groupId: `${prefix}baton-engine-starts`,
    create: (request, requestId) => instances.createInstance(request, requestId),
  });
  return {
    replicaId,
    prefix,
    logError,
    partitions,
    ownsBus,
    bus,
    stores,
    suspensionRegistry,
    suspension,
    processor,
    replies,
    notifications,
    definitionChanges,
    clockControl,
    resources,
    activator,
    timers,
    pusher,
    results,
    messagePublications,
    startRequests,
    compilePool,
    deployments,
    decisions,
    forms,
    instances,
    answered,
    batchDriver,
    batchOperations,
    jobs,
    userTasks,
    messages,
    signals,
  };
}
