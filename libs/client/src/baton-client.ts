// Typed client of Baton's REST API (Camunda 8 REST API v2, DESIGN §5) over global fetch.
// One method per route; non-2xx answers and unreachable servers become BatonClientErrors.
import { BatonClientError } from './baton-client-error';
import type {
  ActivateJobsRequest,
  ActivateJobsResponse,
  AssignUserTaskRequest,
  CreateInstanceRequest,
  CreateInstanceResponse,
  DeploymentResource,
  DeploymentResponse,
  FailJobRequest,
  ProcessDefinitionSearchRequest,
  ProcessDefinitionSearchResponse,
  ProcessInstance,
  ProcessInstanceSearchRequest,
  ProcessInstanceSearchResponse,
  ThrowJobErrorRequest,
  TopologyResponse,
  UserTaskSearchRequest,
  UserTaskSearchResponse,
  VariablesObject,
} from './types';

/** The address used when neither the options nor `BATON_ADDRESS` name one. */
export const defaultBatonAddress = 'http://localhost:8080';

/** Options of {@link BatonClient}. */
export interface BatonClientOptions {
  /**
   * Base URL of the Baton REST API.
   * @default process.env.BATON_ADDRESS ?? 'http://localhost:8080'
   */
  readonly address?: string;
  /** A bearer token sent as `Authorization: Bearer …` (DESIGN §6). */
  readonly token?: string;
  /**
   * The fetch implementation, e.g. to add tracing or for tests.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
}

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A typed client of Baton's REST API.
 * @example
 * const baton = new BatonClient({ address: 'http://localhost:8080' });
 * await baton.deploy([{ name: 'order.bpmn', content: xml }]);
 * const { processInstanceKey } = await baton.createInstance({ processDefinitionId: 'order-process' });
 */
export class BatonClient {
  /** The base URL requests go to, without a trailing slash. */
  readonly address: string;
  private readonly token: string | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: BatonClientOptions = {}) {
    this.address = (options.address ?? process.env.BATON_ADDRESS ?? defaultBatonAddress).replace(/\/+$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** GET /v2/topology: the cluster's brokers and partitions. */
  topology(): Promise<TopologyResponse> {
    return this.request('GET', '/v2/topology');
  }

  /** POST /v2/deployments: deploys BPMN files, one multipart part `resources` per file. */
  deploy(resources: readonly DeploymentResource[]): Promise<DeploymentResponse> {
    const form = new FormData();
    for (const resource of resources) {
      const blob = new Blob([resource.content], { type: 'application/xml' });
      form.append('resources', blob, resource.name);
    }
    return this.request('POST', '/v2/deployments', form);
  }

  /** POST /v2/process-definitions/search: the deployed process definitions. */
  listDefinitions(query: ProcessDefinitionSearchRequest = {}): Promise<ProcessDefinitionSearchResponse> {
    return this.request('POST', '/v2/process-definitions/search', query);
  }

  /** POST /v2/process-instances: starts an instance, optionally awaiting its completion. */
  createInstance(request: CreateInstanceRequest): Promise<CreateInstanceResponse> {
    return this.request('POST', '/v2/process-instances', request);
  }

  /** GET /v2/process-instances/{key}. */
  getInstance(processInstanceKey: string): Promise<ProcessInstance> {
    return this.request('GET', `/v2/process-instances/${encodeURIComponent(processInstanceKey)}`);
  }

  /** POST /v2/process-instances/search. */
  searchInstances(query: ProcessInstanceSearchRequest = {}): Promise<ProcessInstanceSearchResponse> {
    return this.request('POST', '/v2/process-instances/search', query);
  }

  /** POST /v2/process-instances/{key}/cancellation. */
  async cancelInstance(processInstanceKey: string): Promise<void> {
    await this.request(
      'POST',
      `/v2/process-instances/${encodeURIComponent(processInstanceKey)}/cancellation`,
      {},
    );
  }

  /** POST /v2/jobs/activation: locks up to `maxJobsToActivate` jobs of a type to a worker (long poll). */
  activateJobs(request: ActivateJobsRequest): Promise<ActivateJobsResponse> {
    return this.request('POST', '/v2/jobs/activation', request);
  }

  /** POST /v2/jobs/{key}/completion. */
  async completeJob(jobKey: string, variables: VariablesObject = {}): Promise<void> {
    await this.request('POST', `/v2/jobs/${encodeURIComponent(jobKey)}/completion`, { variables });
  }

  /** POST /v2/jobs/{key}/failure: retries 0 raises an incident. */
  async failJob(jobKey: string, failure: FailJobRequest): Promise<void> {
    await this.request('POST', `/v2/jobs/${encodeURIComponent(jobKey)}/failure`, failure);
  }

  /** POST /v2/jobs/{key}/error: throws a BPMN error from the job's task. */
  async throwJobError(jobKey: string, error: ThrowJobErrorRequest): Promise<void> {
    await this.request('POST', `/v2/jobs/${encodeURIComponent(jobKey)}/error`, error);
  }

  /** POST /v2/user-tasks/search. */
  searchUserTasks(query: UserTaskSearchRequest = {}): Promise<UserTaskSearchResponse> {
    return this.request('POST', '/v2/user-tasks/search', query);
  }

  /** POST /v2/user-tasks/{key}/completion. */
  async completeUserTask(
    userTaskKey: string,
    variables: VariablesObject = {},
    action?: string,
  ): Promise<void> {
    const body = action === undefined ? { variables } : { variables, action };
    await this.request('POST', `/v2/user-tasks/${encodeURIComponent(userTaskKey)}/completion`, body);
  }

  /** POST /v2/user-tasks/{key}/assignment. */
  async assignUserTask(userTaskKey: string, assignment: AssignUserTaskRequest): Promise<void> {
    await this.request('POST', `/v2/user-tasks/${encodeURIComponent(userTaskKey)}/assignment`, assignment);
  }

  /**
   * Sends one request and decodes the answer: JSON for 2xx with a body, undefined for 204,
   * a {@link BatonClientError} for anything else.
   */
  private async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) {
      payload = body; // fetch sets the multipart boundary itself
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }

    let response: Response;
    try {
      response = await this.fetchImpl(`${this.address}${path}`, { method, headers, body: payload });
    } catch (error) {
      throw BatonClientError.unreachable(this.address, error);
    }
    const text = await response.text();
    if (!response.ok) throw BatonClientError.fromResponse(response.status, response.statusText, text);
    if (text.length === 0) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new BatonClientError(
        'INVALID_RESPONSE',
        `${method} ${path} answered ${response.status} with a body that is not JSON`,
        response.status,
        undefined,
        {
          cause: error,
        },
      );
    }
  }
}
