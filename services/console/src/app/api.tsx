// The engine's REST API (Camunda 8 v2 shapes) as the console uses it, on the gateway's origin.
import type {
  CreateProcessInstanceResponse,
  CurrentUserResponse,
  DeploymentResponse,
  FormResponse,
  IncidentDto,
  InstanceHistoryResponse,
  ProcessDefinitionResponse,
  ProcessDefinitionSearchResponse,
  ProcessDefinitionStatisticsResponse,
  ProcessElementStatistics,
  ProcessInstanceDetail,
  ProcessInstanceSearchResponse,
  ProcessInstanceSummary,
  UserTaskResponse,
  UserTaskSearchResponse,
  VariableResponse,
} from '@baton/contracts';

/** A failed call, with the problem document's detail as its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ConsoleApiOptions {
  /** The bearer token to send, read at each call. */
  readonly token: () => string | undefined;
  /** Called on a 401: the token is missing, expired or not accepted (any more). */
  readonly onUnauthorized: (detail: string) => void;
}

export class ConsoleApi {
  constructor(
    private readonly options: ConsoleApiOptions,
    private readonly baseUrl = '',
  ) {}

  async listDefinitions(): Promise<ProcessDefinitionResponse[]> {
    return (await this.json<ProcessDefinitionSearchResponse>('GET', '/v2/process-definitions')).items;
  }

  async definitionXml(processDefinitionKey: string): Promise<string> {
    const response = await this.send('GET', `/v2/process-definitions/${processDefinitionKey}/xml`);
    return response.text();
  }

  /** Camunda 8.8's per-element counts over every instance of the definition. */
  async definitionStatistics(processDefinitionKey: string): Promise<ProcessElementStatistics[]> {
    const path = `/v2/process-definitions/${processDefinitionKey}/statistics/element-instances`;
    return (await this.json<ProcessDefinitionStatisticsResponse>('POST', path, {})).items;
  }

  async deploy(files: readonly File[]): Promise<DeploymentResponse> {
    const form = new FormData();
    for (const file of files) form.append('resources', file, file.name);
    return (await this.send('POST', '/v2/deployments', form)).json() as Promise<DeploymentResponse>;
  }

  createInstance(request: {
    processDefinitionKey: string;
    variables: Record<string, unknown>;
  }): Promise<CreateProcessInstanceResponse> {
    return this.json('POST', '/v2/process-instances', request);
  }

  async searchInstances(
    filter: { state?: string; processDefinitionId?: string } = {},
  ): Promise<ProcessInstanceSummary[]> {
    const body = { filter, page: { limit: 200 }, sort: [{ field: 'startDate', order: 'DESC' }] };
    return (await this.json<ProcessInstanceSearchResponse>('POST', '/v2/process-instances/search', body))
      .items;
  }

  getInstance(processInstanceKey: string): Promise<ProcessInstanceDetail> {
    return this.json('GET', `/v2/process-instances/${processInstanceKey}`);
  }

  async searchUserTasks(
    filter: { processInstanceKey?: string; state?: string } = {},
  ): Promise<UserTaskResponse[]> {
    return (
      await this.json<UserTaskSearchResponse>('POST', '/v2/user-tasks/search', {
        filter,
        page: { limit: 200 },
      })
    ).items;
  }

  /** The deployed form a user task links to; undefined when it links none (204). */
  userTaskForm(userTaskKey: string): Promise<FormResponse | undefined> {
    return this.optionalJson(`/v2/user-tasks/${userTaskKey}/form`);
  }

  /** The start form of a process definition; undefined when it has none (204). */
  startForm(processDefinitionKey: string): Promise<FormResponse | undefined> {
    return this.optionalJson(`/v2/process-definitions/${processDefinitionKey}/form`);
  }

  async completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.send('POST', `/v2/user-tasks/${userTaskKey}/completion`, { variables });
  }

  /** Who the caller is and its roles, as the engine reads the token (GET /v2/authentication/me). */
  currentUser(): Promise<CurrentUserResponse> {
    return this.json('GET', '/v2/authentication/me');
  }

  /** Incidents, oldest first: of one instance, or across the instances with an active one. */
  async searchIncidents(filter: {
    processInstanceKey?: string;
    processDefinitionId?: string;
    state?: 'ACTIVE' | 'RESOLVED';
  }): Promise<IncidentDto[]> {
    const body = { filter, page: { limit: 500 } };
    return (await this.json<{ items: IncidentDto[] }>('POST', '/v2/incidents/search', body)).items;
  }

  async resolveIncident(incidentKey: string): Promise<void> {
    await this.send('POST', `/v2/incidents/${incidentKey}/resolution`, {});
  }

  async updateJobRetries(jobKey: string, retries: number): Promise<void> {
    await this.send('PATCH', `/v2/jobs/${jobKey}`, { changeset: { retries } });
  }

  /** The variables held by one scope (an element instance, or the instance itself), whole values. */
  async scopeVariables(processInstanceKey: string, scopeKey: string): Promise<VariableResponse[]> {
    const body = { filter: { processInstanceKey, scopeKey }, page: { limit: 1000 } };
    const { items } = await this.json<{ items: VariableResponse[] }>('POST', '/v2/variables/search', body);
    // A search cuts long values; a get by key answers them whole.
    return Promise.all(
      items.map((item) =>
        item.isTruncated
          ? this.json<VariableResponse>('GET', `/v2/variables/${item.variableKey}`)
          : Promise.resolve(item),
      ),
    );
  }

  /** Sets variables in one scope only (`local`), as an operator fixing an incident's data does. */
  async setLocalVariables(scopeKey: string, variables: Record<string, unknown>): Promise<void> {
    await this.send('PUT', `/v2/element-instances/${scopeKey}/variables`, { variables, local: true });
  }

  /** One page of an instance's history, oldest first (`after`: the previous page's endCursor). */
  async instanceHistory(
    processInstanceKey: string,
    page: { readonly limit: number; readonly after?: string | undefined },
  ): Promise<InstanceHistoryResponse> {
    const query = new URLSearchParams({ limit: String(page.limit) });
    if (page.after !== undefined) query.set('after', page.after);
    return this.json('GET', `/v2/process-instances/${processInstanceKey}/history?${query}`);
  }

  private async optionalJson<T>(path: string): Promise<T | undefined> {
    const response = await this.send('GET', path);
    return response.status === 204 ? undefined : (response.json() as Promise<T>);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.send(method, path, body)).json() as Promise<T>;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const token = this.options.token();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const init: RequestInit = { method, headers };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.baseUrl + path, init);
    if (response.status === 401) {
      const detail = await problemDetail(response);
      this.options.onUnauthorized(detail);
      throw new ApiError(401, `Not signed in: ${detail}`);
    }
    if (response.status === 403) {
      throw new ApiError(403, `Not allowed: ${await problemDetail(response)}`);
    }
    if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
    return response;
  }
}

async function problemDetail(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? text;
  } catch {
    return text || `${response.status} ${response.statusText}`;
  }
}
