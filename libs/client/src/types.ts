// Request and response shapes of Baton's REST API (Camunda 8 REST API v2, DESIGN §5), taken
// from the zod-inferred types of @baton/contracts so client and server cannot drift. Bodies
// the contracts do not name as types (job failure, BPMN error, assignment) are spelled out here
// to match their schemas, and the problem document is kept loose: a proxy may answer too.
import type {
  ActivateJobsRequestBody,
  ActivateJobsResponse as ContractActivateJobsResponse,
  ActivatedJobResponse,
  CreateProcessInstanceRequestBody,
  CreateProcessInstanceResponse,
  DeploymentResponse as ContractDeploymentResponse,
  ProcessDefinitionSearchRequest as ContractProcessDefinitionSearchRequest,
  ProcessDefinitionSearchResponse as ContractProcessDefinitionSearchResponse,
  ProcessInstanceDetail,
  ProcessInstanceSearchRequest as ContractProcessInstanceSearchRequest,
  ProcessInstanceSearchResponse as ContractProcessInstanceSearchResponse,
  TopologyResponse as ContractTopologyResponse,
  UserTaskResponse,
  UserTaskSearchRequest as ContractUserTaskSearchRequest,
  UserTaskSearchResponse as ContractUserTaskSearchResponse,
  Variables,
} from '@baton/contracts';

/** Process variables: a JSON object, never null. */
export type VariablesObject = Variables;

/** One file to deploy. */
export interface DeploymentResource {
  /** File name, e.g. `order-process.bpmn`; the server reports it as `resourceName`. */
  readonly name: string;
  /** The BPMN XML. */
  readonly content: string | Uint8Array;
}

/** Answer of POST /v2/deployments. */
export type DeploymentResponse = ContractDeploymentResponse;
/** Body of POST /v2/process-instances: `processDefinitionId` or `processDefinitionKey`, and optionally `awaitCompletion`. */
export type CreateInstanceRequest = CreateProcessInstanceRequestBody;
/** Answer of POST /v2/process-instances; `variables` is `{}` unless the creation awaited completion. */
export type CreateInstanceResponse = CreateProcessInstanceResponse;
/** Answer of GET /v2/process-instances/{key}: Camunda's fields plus root variables, active elements and tokens. */
export type ProcessInstance = ProcessInstanceDetail;
/** Body of POST /v2/process-instances/search. */
export type ProcessInstanceSearchRequest = ContractProcessInstanceSearchRequest;
/** Answer of POST /v2/process-instances/search. */
export type ProcessInstanceSearchResponse = ContractProcessInstanceSearchResponse;
/** Body of POST /v2/jobs/activation. */
export type ActivateJobsRequest = ActivateJobsRequestBody;
/** Answer of POST /v2/jobs/activation. */
export type ActivateJobsResponse = ContractActivateJobsResponse;
/** One job as activation answers it, with the Camunda job fields. */
export type ActivatedJob = ActivatedJobResponse;
/** One user task as the search answers it. */
export type UserTask = UserTaskResponse;
/** Body of POST /v2/user-tasks/search. */
export type UserTaskSearchRequest = ContractUserTaskSearchRequest;
/** Answer of POST /v2/user-tasks/search. */
export type UserTaskSearchResponse = ContractUserTaskSearchResponse;
/** Answer of GET /v2/topology. */
export type TopologyResponse = ContractTopologyResponse;
/** Body of POST /v2/process-definitions/search. */
export type ProcessDefinitionSearchRequest = ContractProcessDefinitionSearchRequest;
/** Answer of POST /v2/process-definitions/search. */
export type ProcessDefinitionSearchResponse = ContractProcessDefinitionSearchResponse;

/** Body of POST /v2/jobs/{key}/failure. */
export interface FailJobRequest {
  /** Retries left; 0 raises an incident. */
  readonly retries: number;
  readonly errorMessage?: string;
  /** Delay before the job can be activated again, ms. */
  readonly retryBackOff?: number;
  readonly variables?: VariablesObject;
}

/** Body of POST /v2/jobs/{key}/error. */
export interface ThrowJobErrorRequest {
  /** Matched against the `errorCode` of BPMN error boundary events. */
  readonly errorCode: string;
  readonly errorMessage?: string;
  readonly variables?: VariablesObject;
}

/** Body of POST /v2/user-tasks/{key}/assignment. */
export interface AssignUserTaskRequest {
  readonly assignee: string;
  /** Whether an already assigned task may be re-assigned; the server's default is true. */
  readonly allowOverride?: boolean;
  readonly action?: string;
}

/** An RFC 9457 problem document, as every non-2xx answer carries. */
export interface ProblemDocument {
  readonly type?: string;
  /** A stable code: `NOT_FOUND`, `INVALID_ARGUMENT`, `INVALID_STATE`, … */
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}
