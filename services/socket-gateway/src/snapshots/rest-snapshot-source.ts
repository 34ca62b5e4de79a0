// Snapshots read over the engine's REST API, for a gateway running apart from the engine:
// GET /v2/process-instances/{key}/live-state, and the instance search for a process id.
import {
  BatonError,
  instanceLiveStateSchema,
  processDefinitionSchema,
  processInstanceSearchResponseSchema,
  type InstanceLiveState,
} from '@baton/contracts';
import type { ServiceTokenSource } from '@baton/platform';
import type { SnapshotSource } from './snapshot-source';

export interface RestSnapshotSourceOptions {
  /** Base address of the engine's REST API, e.g. `http://engine:8080`. */
  readonly engineUrl: string;
  /**
   * How long one REST call may take, ms.
   * @default 5000
   */
  readonly timeoutMs?: number;
  /**
   * The gateway's own bearer token for the engine (an operator's: it reads every instance and
   * filters per client itself).
   * @default none (an engine with AUTH_MODE=none)
   */
  readonly token?: ServiceTokenSource;
}

export function restSnapshotSource(options: RestSnapshotSourceOptions): SnapshotSource {
  const base = options.engineUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;

  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    try {
      const token = await options.token?.();
      const headers = {
        ...(init.headers as Record<string, string> | undefined),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      };
      return await fetch(base + path, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BatonError('INTERNAL', `The engine at ${base} did not answer ${path}: ${reason}`);
    }
  };
  const failure = async (response: Response, path: string): Promise<BatonError> =>
    new BatonError(
      'INTERNAL',
      `The engine answered ${response.status} to ${path}: ${(await response.text()).slice(0, 300)}`,
    );

  const instance = async (processInstanceKey: string): Promise<InstanceLiveState | undefined> => {
    const path = `/v2/process-instances/${encodeURIComponent(processInstanceKey)}/live-state`;
    const response = await call(path);
    if (response.status === 404) return undefined;
    if (!response.ok) throw await failure(response, path);
    return instanceLiveStateSchema.parse(await response.json());
  };

  return {
    instance,
    activeInstances: async (processDefinitionId, limit) => {
      const path = '/v2/process-instances/search';
      const response = await call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processDefinitionId, state: 'ACTIVE' }, page: { limit } }),
      });
      if (!response.ok) throw await failure(response, path);
      const found = processInstanceSearchResponseSchema.parse(await response.json());
      const states = await Promise.all(found.items.map((item) => instance(item.processInstanceKey)));
      return states.filter((state): state is InstanceLiveState => state !== undefined);
    },
    starterRoles: async (processDefinitionKey) => {
      const path = `/v2/process-definitions/${encodeURIComponent(processDefinitionKey)}`;
      const response = await call(path);
      if (response.status === 404) return undefined;
      if (!response.ok) throw await failure(response, path);
      return processDefinitionSchema.parse(await response.json()).starterRoles ?? [];
    },
  };
}
