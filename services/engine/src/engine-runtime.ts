// The engine service wired on its ports (DESIGN §3): the composition root of one replica. The
// components are built in engine-wiring.ts; each operation is delegated to the facade of its
// resource (facades/: deployments, instances, jobs, user tasks, messages) or to the suspension
// runtime. Here: the order in which a replica starts and stops.
import type { Variables } from '@baton/contracts';
import type { UserTask } from '@baton/engine-core';
import type { TransactionalMessageBus } from '@baton/messaging';
import {
  InMemoryHistoryStore,
  type HistoryPage,
  type HistoryPageRequest,
  type StoredForm,
} from '@baton/store';
import { batonTopics } from '@baton/topics';
import type { BatchOperationService } from './batch-operation-service';
import type { EngineRuntime, EngineRuntimeOptions } from './engine-runtime-options';
import type {
  ActivateJobsRequest,
  ActivatedJob,
  CorrelateMessageRequest,
  CorrelateMessageResult,
  CreateInstanceRequest,
  CreateInstanceResult,
  DecisionEvaluationResult,
  DecisionReads,
  DeployResult,
  EvaluateDecisionRequest,
  InstanceQuery,
  ProcessDefinitionRecord,
  PublishMessageRequest,
  PublishMessageResult,
  SearchResult,
  StoredInstance,
  Topology,
  UserTaskQuery,
} from './engine-service';
import { wireEngine, type EngineComponents } from './engine-wiring';
import { HistoryProjector } from './history/history-projector';
import type { BroadcastSignalRequest, BroadcastSignalResult } from './facades/signals';
import { topologyOf } from './facades/topology';
import type { InstanceModification } from './instance-modification';
import type { InstanceMigration } from './facades/instance-migration';
import type { MigrationDryRunResponse } from '@baton/contracts';
import type { JobDefinitionQuery, JobQuery } from './suspension-service';

export type { EngineRuntime, EngineRuntimeOptions } from './engine-runtime-options';

/** Starts an engine replica: consumes replies, commands (replaying what a crash left unstored) and the rest. */
export async function createEngineRuntime(options: EngineRuntimeOptions = {}): Promise<EngineRuntime> {
  const runtime = new EngineRuntimeImpl(options);
  await runtime.start();
  return runtime;
}

class EngineRuntimeImpl implements EngineRuntime {
  readonly replicaId: string;
  readonly bus: TransactionalMessageBus;
  readonly topicPrefix: string;
  readonly stores: EngineRuntime['stores'];
  private readonly parts: EngineComponents;
  /** Writes the instance history from the instance events, beside the command path. */
  private readonly history: HistoryProjector;

  constructor(private readonly options: EngineRuntimeOptions) {
    this.parts = wireEngine(options);
    this.replicaId = this.parts.replicaId;
    this.bus = this.parts.bus;
    this.topicPrefix = this.parts.prefix;
    const history = options.historyStore ?? new InMemoryHistoryStore();
    this.stores = { ...this.parts.stores, history };
    this.history = new HistoryProjector({
      bus: this.parts.bus,
      topic: batonTopics(this.parts.prefix).instanceEvents,
      // One group of all replicas: each event is written once, by the replica holding its partition.
      groupId: `${this.parts.prefix}baton-engine-history`,
      store: history,
      logError: this.parts.logError,
      // Its own in-memory bus carries only this replica's events; another bus may bring others'.
      inProcessEvents: this.parts.ownsBus,
    });
  }

  /** Creates missing topics, then consumes replies, notifications, commands, job results and messages. */
  async start(): Promise<void> {
    const { parts } = this;
    const jobTypes = await parts.deployments.ensureStartupTopics();
    await parts.suspensionRegistry.start();
    await parts.replies.start();
    await parts.notifications?.start();
    await parts.definitionChanges.start();
    if (this.options.consumeCommands ?? true) await parts.processor.start();
    await parts.results.start();
    await parts.messagePublications.start();
    await parts.startRequests.start();
    parts.batchDriver.start();
    await this.history.start();
    parts.deployments.startPushing(jobTypes);
  }

  /** Stops in dependency order: pollers and pushers, consumers (each finishing its batch), the bus. */
  async close(): Promise<void> {
    const { parts } = this;
    parts.suspensionRegistry.close();
    parts.activator.close();
    // First: the items in flight are answered by the processor, which still runs.
    await parts.batchDriver.close();
    await parts.timers.close();
    await parts.pusher.close();
    await parts.results.close();
    await parts.messagePublications.close();
    await parts.startRequests.close();
    await this.history.close();
    await parts.processor.close();
    await parts.notifications?.close();
    await parts.definitionChanges.close();
    await parts.replies.close();
    await parts.compilePool.close();
    if (parts.ownsBus) await parts.bus.close();
    await this.options.onClose?.();
  }

  topology(): Topology {
    return topologyOf(this.parts.partitions);
  }

  deploy(resources: readonly { readonly name: string; readonly content: string }[]): Promise<DeployResult> {
    return this.parts.deployments.deploy(resources);
  }
  evaluateDecision(request: EvaluateDecisionRequest): Promise<DecisionEvaluationResult> {
    return this.parts.decisions.evaluate(request);
  }
  decisionReads(): DecisionReads {
    return this.parts.decisions.reads;
  }
  userTaskForm(userTaskKey: string): Promise<StoredForm | undefined> {
    return this.parts.forms.userTaskForm(userTaskKey);
  }
  startForm(processDefinitionKey: string): Promise<StoredForm | undefined> {
    return this.parts.forms.startForm(processDefinitionKey);
  }

  getDefinition(processDefinitionKey: string): Promise<ProcessDefinitionRecord | undefined> {
    return this.parts.deployments.getDefinition(processDefinitionKey);
  }
  listDefinitions(): Promise<readonly ProcessDefinitionRecord[]> {
    return this.parts.deployments.listDefinitions();
  }

  createInstance(request: CreateInstanceRequest, startRequestId?: string): Promise<CreateInstanceResult> {
    return this.parts.instances.createInstance(request, startRequestId);
  }
  earlierCreatesStored(): Promise<void> {
    return this.parts.answered.earlierStored();
  }
  getInstance(processInstanceKey: string): Promise<StoredInstance | undefined> {
    return this.parts.instances.getInstance(processInstanceKey);
  }
  searchInstances(query: InstanceQuery): Promise<SearchResult<StoredInstance>> {
    return this.parts.instances.searchInstances(query);
  }
  instanceHistory(processInstanceKey: string, page: HistoryPageRequest): Promise<HistoryPage> {
    return this.stores.history.list(processInstanceKey, page);
  }
  cancelInstance(processInstanceKey: string, actor?: string): Promise<void> {
    return this.parts.instances.cancelInstance(processInstanceKey, actor);
  }
  modifyInstance(
    processInstanceKey: string,
    modification: InstanceModification,
    actor?: string,
  ): Promise<void> {
    return this.parts.instances.modifyInstance(processInstanceKey, modification, actor);
  }
  migrateInstance(processInstanceKey: string, migration: InstanceMigration, actor?: string): Promise<void> {
    return this.parts.instances.migrateInstance(processInstanceKey, migration, actor);
  }
  dryRunMigration(
    processInstanceKey: string,
    migration: InstanceMigration,
  ): Promise<MigrationDryRunResponse> {
    return this.parts.instances.dryRunMigration(processInstanceKey, migration);
  }
  resolveIncident(incidentKey: string, actor?: string): Promise<void> {
    return this.parts.instances.resolveIncident(incidentKey, actor);
  }
  setVariables(
    elementInstanceKey: string,
    variables: Variables,
    local: boolean,
    actor?: string,
  ): Promise<void> {
    return this.parts.instances.setVariables(elementInstanceKey, variables, local, actor);
  }

  activateJobs(request: ActivateJobsRequest): Promise<readonly ActivatedJob[]> {
    return this.parts.jobs.activateJobs(request);
  }
  updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void> {
    return this.parts.jobs.updateJob(jobKey, changes);
  }
  completeJob(jobKey: string, variables?: Variables): Promise<void> {
    return this.parts.jobs.completeJob(jobKey, variables);
  }
  failJob(
    jobKey: string,
    failure: { retries: number; errorMessage?: string; retryBackOffMs?: number; variables?: Variables },
  ): Promise<void> {
    return this.parts.jobs.failJob(jobKey, failure);
  }
  throwJobError(
    jobKey: string,
    error: { errorCode: string; errorMessage?: string; variables?: Variables },
  ): Promise<void> {
    return this.parts.jobs.throwJobError(jobKey, error);
  }

  searchUserTasks(query: UserTaskQuery): Promise<SearchResult<UserTask>> {
    return this.parts.userTasks.searchUserTasks(query);
  }
  completeUserTask(
    userTaskKey: string,
    variables?: Variables,
    action?: string,
    actor?: string,
  ): Promise<void> {
    return this.parts.userTasks.completeUserTask(userTaskKey, variables, action, actor);
  }
  assignUserTask(
    userTaskKey: string,
    assignee: string | null,
    allowOverride?: boolean,
    actor?: string,
  ): Promise<void> {
    return this.parts.userTasks.assignUserTask(userTaskKey, assignee, allowOverride, actor);
  }

  publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
    return this.parts.messages.publishMessage(request);
  }
  correlateMessage(request: CorrelateMessageRequest): Promise<CorrelateMessageResult> {
    return this.parts.messages.correlateMessage(request);
  }
  broadcastSignal(request: BroadcastSignalRequest): Promise<BroadcastSignalResult> {
    return this.parts.signals.broadcastSignal(request);
  }

  pinClock(epochMs: number): Promise<void> {
    return this.parts.clockControl.pin(epochMs);
  }
  resetClock(): Promise<void> {
    return this.parts.clockControl.reset();
  }
  deleteResource(resourceKey: string): Promise<void> {
    return this.parts.resources.deleteResource(resourceKey);
  }
  batchOperations(): BatchOperationService {
    return this.parts.batchOperations;
  }

  suspendDefinition(
    processDefinitionKey: string,
    change: { suspended: boolean; includeProcessInstances?: boolean },
  ): Promise<{ processInstancesChanged: number }> {
    return this.parts.suspension.suspendDefinition(processDefinitionKey, change);
  }
  suspendInstance(processInstanceKey: string, suspended: boolean, actor?: string): Promise<void> {
    return this.parts.suspension.suspendInstance(processInstanceKey, suspended, actor);
  }
  searchJobDefinitions(query: JobDefinitionQuery) {
    return this.parts.suspension.searchJobDefinitions(query);
  }
  suspendJobDefinition(
    jobDefinitionKey: string,
    change: { suspended: boolean; includeJobs?: boolean },
  ): Promise<{ jobsChanged: number }> {
    return this.parts.suspension.suspendJobDefinition(jobDefinitionKey, change);
  }
  suspendJob(jobKey: string, suspended: boolean): Promise<void> {
    return this.parts.suspension.suspendJob(jobKey, suspended);
  }
  searchJobs(query: JobQuery) {
    return this.parts.suspension.searchJobs(query);
  }
}
