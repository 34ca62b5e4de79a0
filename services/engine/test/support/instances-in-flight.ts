// What the tests that run many instances through replica processes while one of them fails
// (failover: SIGKILL; zombie: SIGSTOP, then SIGCONT) share: REST calls on a replica, the deployment
// of start → service task → end, the partitions a replica logged it applies, the exactly-once
// check on the stored documents, and stopping replicas without leaking them.
import type { InstanceDocument } from '@baton/store';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { jsonLogLines, type ReplicaProcess } from './replica-process';

/** POSTs JSON to the replica's REST API; throws with the answer unless it is 2xx. */
export async function postTo(
  replica: ReplicaProcess,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(replica.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...replica.authHeaders },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Deploys start → service task `work` (of `jobType`) → end as `processId`; answers the HTTP status. */
export async function deployServiceTask(
  replica: ReplicaProcess,
  processId: string,
  jobType: string,
): Promise<number> {
  const form = new FormData();
  form.append(
    'resources',
    new Blob([serviceTaskBpmn(processId, jobType)], { type: 'application/xml' }),
    `${processId}.bpmn`,
  );
  const response = await fetch(`${replica.baseUrl}/v2/deployments`, {
    method: 'POST',
    headers: replica.authHeaders,
    body: form,
  });
  return response.status;
}

/** How many instances of the process the replica's search finds COMPLETED. */
export async function completedCount(replica: ReplicaProcess, processId: string): Promise<number> {
  const answer = await postTo(replica, '/v2/process-instances/search', {
    filter: { processDefinitionId: processId, state: 'COMPLETED' },
    page: { limit: 1 },
  });
  return (answer['page'] as { totalItems: number }).totalItems;
}

/** Every assignment of command partitions the replica logged: the partitions as written, and when. */
export function partitionAssignments(replica: ReplicaProcess): { held: string; at: number }[] {
  const line = /^applies the commands of partitions \[(.*)\] since (\S+)$/;
  return jsonLogLines(replica.output()).flatMap(({ msg }) => {
    const match = line.exec(String(msg));
    return match ? [{ held: match[1] ?? '', at: Date.parse(match[2] ?? '') }] : [];
  });
}

/**
 * What is wrong with instances of the service-task process that must each have ended once: not
 * COMPLETED, the task or the end event completed other than once, the worker's variables missing.
 */
export function exactlyOnceFaults(documents: ReadonlyMap<string, InstanceDocument>): string[] {
  const faults: string[] = [];
  for (const [key, document] of documents) {
    const completions = (id: string) =>
      (document.completedElementIds ?? []).filter((element: string) => element === id).length;
    if (document.state !== 'COMPLETED' || completions('work') !== 1 || completions('end') !== 1)
      faults.push(
        `${key}: ${document.state}, work×${completions('work')}, end×${completions('end')}, revision ${document.revision}`,
      );
    if (document.variables[key]?.['worked'] !== true)
      faults.push(`${key}: the worker's variables are missing`);
  }
  return faults;
}

/**
 * Stops the replicas still running: SIGCONT (one left paused acts on SIGTERM only once resumed),
 * SIGTERM, and SIGKILL with an error past a minute — a replica stops after its batch in flight,
 * so longer means something is wrong, and it must not be leaked.
 */
export async function stopReplicas(replicas: readonly (ReplicaProcess | undefined)[]): Promise<void> {
  for (const replica of replicas) {
    if (!replica || replica.child.exitCode !== null || replica.child.signalCode !== null) continue;
    replica.child.kill('SIGCONT');
    replica.child.kill('SIGTERM');
    const stopped = await Promise.race([
      replica.exited,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 60_000).unref()),
    ]);
    if (stopped === undefined) {
      replica.child.kill('SIGKILL');
      throw new Error(
        `replica ${replica.replicaId} did not stop within 60 s of SIGTERM:\n${replica.output().slice(-2000)}`,
      );
    }
  }
}
