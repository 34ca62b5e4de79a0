// The engine's operations as one in-process interface: the REST API, the CLI's server side,
// the standalone runtime and the benchmark all drive the engine through it. It speaks the
// engine-core types; the REST layer maps them to the Camunda 8 shapes. Failures are BatonErrors.
import type { SuspensionOperations } from './suspension-service';
import type { BatchOperationService } from './batch-operation-service';
import type { InstanceModification } from './instance-modification';
import type { InstanceMigration } from './facades/instance-migration';
import type { MigrationDryRunResponse } from '@baton/contracts';
import type { BroadcastSignalRequest, BroadcastSignalResult } from './facades/signals';
import type { DeploymentWarning, InheritFrom, StartInstruction, Variables } from '@baton/contracts';
import type { HistoryPage, HistoryPageRequest, InstanceFilter } from '@baton/store';
import type { ProcessModel } from '@baton/bpmn';
import type { DecisionEvaluation } from '@baton/bpmn/dmn';
import type { DecisionStore, StoredDecision, StoredDecisionRequirements, StoredForm } from '@baton/store';
import type { InstanceState, Job, UserTask, UserTaskState } from '@baton/engine-core';

export interface DeployedProcess {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly resourceName: string;
  readonly tenantId: string;
}

export interface ProcessDefinitionRecord extends DeployedProcess {
  readonly deploymentKey: string;
  readonly name?: string;
  /** The whole BPMN file the process came from. */
  readonly bpmnXml: string;
  readonly checksum: string;
  readonly model: ProcessModel;
  readonly deployedAt: string;
}

export interface DeployResult {
  readonly deploymentKey: string;
  readonly tenantId: string;
  readonly processes: readonly DeployedProcess[];
  /** The decision requirements graphs of the deployment's DMN resources, and their decisions. */
  readonly decisionRequirements: readonly StoredDecisionRequirements[];
  readonly decisions: readonly StoredDecision[];
  /** The forms of the deployment's `.form` resources. */
  readonly forms: readonly StoredForm[];
  /** What was found that does not stop the deployment (e.g. diagram interchange gaps), per resource. */
  readonly warnings: readonly DeploymentWarning[];
}

/** A decision to evaluate: by id (its latest version) or by key. */
export interface EvaluateDecisionRequest {
  readonly decisionDefinitionId?: string;
  readonly decisionDefinitionKey?: string;
  readonly variables?: Variables;
}

/** An evaluation, with the stored versions of the decisions it evaluated. */
export interface DecisionEvaluationResult {
  readonly decision: StoredDecision;
  readonly evaluation: DecisionEvaluation;
  /** The stored version of each decision of the graph, by decision id. */
  readonly decisionsById: ReadonlyMap<string, StoredDecision>;
  readonly decisionEvaluationKey: string;
}

/** What the decision queries read: deployed decisions and graphs, and the evaluations kept. */
export type DecisionReads = Pick<
  DecisionStore,
  | 'listDecisions'
  | 'getDecisionByKey'
  | 'listRequirements'
  | 'getRequirementsByKey'
  | 'getDecisionInstance'
  | 'searchDecisionInstances'
>;

export interface CreateInstanceRequest {
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  /** -1 or absent: the latest version. */
  readonly processDefinitionVersion?: number;
  readonly variables?: Variables;
  /** Start before/after elements or on flows instead of at the start event (Camunda 7), in order. */
  readonly startInstructions?: readonly StartInstruction[];
  /** FLOWX: picks the none start event whose `baton:startCondition` holds. */
  readonly startCondition?: string;
  /** FLOWX: start with (some of) the root variables of another instance; `variables` win. */
  readonly inheritFrom?: InheritFrom;
  /** Answer once the instance first waits or has ended, with its variables. */
  readonly awaitWaitState?: boolean;
  readonly businessKey?: string;
  /**
   * Idempotent creation: while an ACTIVE instance of the process has this business id, creating
   * another answers ALREADY_EXISTS with that instance's key.
   */
  readonly businessId?: string;
  readonly awaitCompletion?: boolean;
  readonly fetchVariables?: readonly string[];
  /** How long an awaiting caller waits, ms; past it the caller gets DEADLINE_EXCEEDED. */
  readonly requestTimeoutMs?: number;
  /**
   * The caller's permission check (the REST route's starter roles), run on the definition the
   * engine looks up (undefined when none matches) before anything else is checked: the one
   * lookup of the request.
   */
  readonly authorize?: (definition: ProcessDefinitionRecord | undefined) => Promise<void>;
}

export interface CreateInstanceResult {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly processInstanceKey: string;
  readonly tenantId: string;
  /** `{}` unless awaited. */
  readonly variables: Variables;
}

export interface StoredInstance extends InstanceState {
  readonly revision: number;
  /** Whether an incident of the instance is ACTIVE (the runtime always sets it). */
  readonly hasIncident?: boolean;
}

export interface InstanceQuery {
  readonly filter?: InstanceFilter;
  readonly page?: { readonly from?: number; readonly limit?: number };
  readonly sort?: readonly { readonly field: string; readonly order?: 'ASC' | 'DESC' }[];
}

export interface ActivateJobsRequest {
  readonly type: string;
  readonly worker: string;
  /** How long the job is locked to this worker, ms. */
  readonly timeoutMs: number;
  readonly maxJobsToActivate: number;
  readonly fetchVariable?: readonly string[];
  /** Long-poll: wait up to this long for a job when none is available; ≤ 0 answers at once. */
  readonly requestTimeoutMs?: number;
}

export interface ActivatedJob {
  readonly job: Job;
  readonly worker: string;
  /** Epoch ms when the lock ends. */
  readonly deadline: number;
  readonly variables: Variables;
}

export interface UserTaskQuery {
  readonly filter?: {
    readonly processInstanceKey?: string;
    readonly state?: UserTaskState;
    readonly assignee?: string;
    readonly elementId?: string;
    readonly userTaskKey?: string;
  };
  readonly page?: { readonly from?: number; readonly limit?: number };
}

export interface SearchResult<T> {
  readonly items: readonly T[];
  readonly totalItems: number;
}

export interface PublishMessageRequest {
  readonly name: string;
  /** @default '' */
  readonly correlationKey?: string;
  /** How long the message waits for a subscription, ms. @default 0: only open subscriptions get it */
  readonly timeToLiveMs?: number;
  /** While a message with the same name, correlation key and id is buffered, another is refused. */
  readonly messageId?: string;
  readonly variables?: Variables;
}

export interface PublishMessageResult {
  readonly messageKey: string;
  readonly tenantId: string;
}

export interface CorrelateMessageRequest {
  readonly name: string;
  /** @default '' */
  readonly correlationKey?: string;
  readonly variables?: Variables;
}

export interface CorrelateMessageResult {
  readonly messageKey: string;
  readonly tenantId: string;
  /** The (first) instance the message was correlated to. */
  readonly processInstanceKey: string;
}

export interface Topology {
  readonly clusterSize: number;
  readonly partitionsCount: number;
  readonly replicationFactor: number;
  readonly gatewayVersion: string;
  readonly brokers: readonly {
    readonly nodeId: number;
    readonly host: string;
    readonly port: number;
    readonly version: string;
    readonly partitions: readonly {
      readonly partitionId: number;
      readonly role: 'leader';
      readonly health: 'healthy';
    }[];
  }[];
}

export interface EngineService extends SuspensionOperations {
  topology(): Topology;
  deploy(resources: readonly { readonly name: string; readonly content: string }[]): Promise<DeployResult>;
  getDefinition(processDefinitionKey: string): Promise<ProcessDefinitionRecord | undefined>;
  /** Evaluates a deployed decision; a failed evaluation is an answer, an unknown decision NOT_FOUND. */
  evaluateDecision(request: EvaluateDecisionRequest): Promise<DecisionEvaluationResult>;
  /** The deployed decisions, their requirements graphs and their evaluations, for the queries. */
  decisionReads(): DecisionReads;
  /** The deployed form a user task links to (formId); undefined when none; NOT_FOUND for an unknown task. */
  userTaskForm(userTaskKey: string): Promise<StoredForm | undefined>;
  /** The deployed form a definition's start event links to; undefined when none; NOT_FOUND for an unknown definition. */
  startForm(processDefinitionKey: string): Promise<StoredForm | undefined>;
  /** Every version of every process, newest first within a process id. */
  listDefinitions(): Promise<readonly ProcessDefinitionRecord[]>;
  createInstance(request: CreateInstanceRequest): Promise<CreateInstanceResult>;
  /**
   * Settles once every create this replica answered before the call, once its command was in the
   * log, is stored (docs/architecture.md, step 7): a read after it sees them.
   */
  earlierCreatesStored(): Promise<void>;
  getInstance(processInstanceKey: string): Promise<StoredInstance | undefined>;
  searchInstances(query: InstanceQuery): Promise<SearchResult<StoredInstance>>;
  /**
   * The instance's history, oldest first (issue 17): one entry per applied command, written from
   * the instance events a little after they happen. Empty for an instance it does not know.
   */
  instanceHistory(processInstanceKey: string, page: HistoryPageRequest): Promise<HistoryPage>;
  /** `actor`: who asked (the caller's token subject), recorded in the instance's history. */
  cancelInstance(processInstanceKey: string, actor?: string): Promise<void>;
  /**
   * Camunda 8 modification of an ACTIVE instance: every activation, then every termination, as one
   * command (all applied or none; INVALID_ARGUMENT names the instruction that cannot be followed).
   */
  modifyInstance(
    processInstanceKey: string,
    modification: InstanceModification,
    actor?: string,
  ): Promise<void>;
  /**
   * Camunda 8 migration of an ACTIVE instance to another definition, as one command (all of it or
   * nothing; the rejection names every active element that cannot be migrated).
   */
  migrateInstance(processInstanceKey: string, migration: InstanceMigration, actor?: string): Promise<void>;
  /** Baton's dry run of migrateInstance: its plan for the instance as stored, or its rejection; nothing changes. */
  dryRunMigration(processInstanceKey: string, migration: InstanceMigration): Promise<MigrationDryRunResponse>;
  activateJobs(request: ActivateJobsRequest): Promise<readonly ActivatedJob[]>;
  completeJob(jobKey: string, variables?: Variables): Promise<void>;
  failJob(
    jobKey: string,
    failure: { retries: number; errorMessage?: string; retryBackOffMs?: number; variables?: Variables },
  ): Promise<void>;
  throwJobError(
    jobKey: string,
    error: { errorCode: string; errorMessage?: string; variables?: Variables },
  ): Promise<void>;
  /**
   * PATCH /v2/jobs/{key}: new retries (an incident of the job is resolved separately) and/or a new
   * timeout for an activated job (its lock then ends `timeoutMs` from now; INVALID_STATE when it is
   * not activated).
   */
  updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void>;
  /** Resolves an ACTIVE incident: what failed runs again (a job out of retries needs its retries raised first). */
  resolveIncident(incidentKey: string, actor?: string): Promise<void>;
  /**
   * Sets variables in the scope of an active element instance (the processInstanceKey for the
   * root): `local` in that scope, else propagated like job variables.
   */
  setVariables(
    elementInstanceKey: string,
    variables: Variables,
    local: boolean,
    actor?: string,
  ): Promise<void>;
  searchUserTasks(query: UserTaskQuery): Promise<SearchResult<UserTask>>;
  /** `actor`: who completed it (the caller's token subject), recorded in the instance's history. */
  completeUserTask(
    userTaskKey: string,
    variables?: Variables,
    action?: string,
    actor?: string,
  ): Promise<void>;
  assignUserTask(
    userTaskKey: string,
    assignee: string | null,
    allowOverride?: boolean,
    actor?: string,
  ): Promise<void>;
  /**
   * Publishes a message: correlated to one waiting instance per process definition, and buffered
   * for its time to live. ALREADY_EXISTS when its messageId is still buffered.
   */
  publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult>;
  /** Correlates a message to waiting instances now, without buffering; NOT_FOUND when none takes it. */
  correlateMessage(request: CorrelateMessageRequest): Promise<CorrelateMessageResult>;
  /** Broadcasts a signal to every waiting signal catch and signal start event; nothing waiting is fine. */
  broadcastSignal(request: BroadcastSignalRequest): Promise<BroadcastSignalResult>;
  /**
   * PUT /v2/clock: pins the engine clock at `epochMs` (timers fire by it); FORBIDDEN unless
   * ENGINE_CLOCK_CONTROL is on.
   */
  pinClock(epochMs: number): Promise<void>;
  /** POST /v2/clock/reset: the clock ticks again; FORBIDDEN unless ENGINE_CLOCK_CONTROL is on. */
  resetClock(): Promise<void>;
  /**
   * POST /v2/resources/{key}/deletion: deletes a process definition version; INVALID_STATE while
   * instances of it run, NOT_FOUND for any other key.
   */
  deleteResource(resourceKey: string): Promise<void>;
  /** Batch operations over instance filters (Camunda 8.8): create, read, suspend, resume, cancel. */
  batchOperations(): BatchOperationService;
  /** Stops consuming, lets in-flight commands finish and releases resources. */
  close(): Promise<void>;
}
