// Signal broadcasts across a replica failover, on Kafka + FerretDB: two engine replicas share the
// command partitions, many instances wait at a non-interrupting signal boundary event, and a run
// of broadcasts is made while one replica is killed with SIGKILL. The survivor takes over the dead
// replica's partitions, replaying the batches it committed but did not store without sending their
// triggers again, and applying again those it never committed (signal-deliveries.ts): every
// instance must count exactly one trigger per broadcast — each trigger passes the end event
// `noted` once (counted in the instance's completed tokens, written with its snapshot).
import { uniqueName, waitFor } from '@baton/testing';
import { partitionAssignments, postTo, stopReplicas } from '../../test/support/instances-in-flight';
import { startReplicaProcess, type ReplicaProcess } from '../../test/support/replica-process';
import { realTestSettings } from '../../test/support/test-runtime';

const settings = realTestSettings('signal-failover');
const processId = uniqueName('signal-failover');
const signalName = uniqueName('go');
const instanceCount = 100;
const broadcasts = 10;
const replicaEnv = { KAFKA_SESSION_TIMEOUT_MS: '6000', REQUEST_TIMEOUT_MS: '30000' };

let victim: ReplicaProcess;
let survivor: ReplicaProcess;

beforeAll(async () => {
  [victim, survivor] = await Promise.all([
    startReplicaProcess(settings, uniqueName('victim'), replicaEnv),
    startReplicaProcess(settings, uniqueName('survivor'), replicaEnv),
  ]);
}, 120_000);

afterAll(async () => {
  await stopReplicas([victim, survivor]);
}, 130_000);

const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;
const flow = (from: string, to: string) =>
  `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}" />`;

/** start → user task `work` with a non-interrupting signal boundary → end event `noted` per trigger. */
const watcherXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t"><bpmn:process id="${processId}" isExecutable="true"><bpmn:startEvent id="start" />${userTask('work')}<bpmn:boundaryEvent id="notice" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="noted" />${flow('start', 'work')}${flow('work', 'end')}${flow('notice', 'noted')}</bpmn:process><bpmn:signal id="sig" name="${signalName}" /></bpmn:definitions>`;

async function deploy(): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([watcherXml], { type: 'application/xml' }), `${processId}.bpmn`);
  const response = await fetch(`${survivor.baseUrl}/v2/deployments`, {
    method: 'POST',
    headers: survivor.authHeaders,
    body: form,
  });
  expect(response.status).toBe(200);
}

/** The active element instances at `elementId` of this test's process, per instance. */
async function elementsPerInstance(elementId: string): Promise<Map<string, number>> {
  const answer = await postTo(survivor, '/v2/element-instances/search', {
    filter: { processDefinitionId: processId, elementId },
    page: { from: 0, limit: 10_000 },
  });
  const counts = new Map<string, number>();
  for (const element of answer['items'] as { processInstanceKey: string }[])
    counts.set(element.processInstanceKey, (counts.get(element.processInstanceKey) ?? 0) + 1);
  return counts;
}

/** How many tokens passed the end event `noted` in each instance (read 20 instances at a time). */
async function notedPerInstance(instances: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let from = 0; from < instances.length; from += 20) {
    const keys = instances.slice(from, from + 20);
    const details = await Promise.all(
      keys.map(async (key) => {
        const response = await fetch(`${survivor.baseUrl}/v2/process-instances/${key}`, {
          headers: survivor.authHeaders,
        });
        expect(response.status).toBe(200);
        return (await response.json()) as { tokens: { elementId: string; state: string }[] };
      }),
    );
    keys.forEach((key, n) =>
      counts.set(key, details[n]!.tokens.filter((token) => token.elementId === 'noted').length),
    );
  }
  return counts;
}

it('triggers every waiting catch once per broadcast when a replica is killed during the broadcasts', async () => {
  await deploy();
  const instances: string[] = [];
  for (let n = 0; n < instanceCount; n++) {
    const created = await postTo(survivor, '/v2/process-instances', { processDefinitionId: processId });
    instances.push(created['processInstanceKey'] as string);
  }
  // Each instance's catch is committed once its document is stored waiting at work.
  await waitFor(async () => (await elementsPerInstance('work')).size === instanceCount, {
    timeoutMs: 60_000,
    intervalMs: 200,
    description: `all ${instanceCount} instances waiting at work`,
  });

  let killedAt = 0;
  for (let n = 1; n <= broadcasts; n++) {
    await postTo(survivor, '/v2/signals/broadcast', { signalName, variables: { n } });
    if (n === 3) {
      victim.child.kill('SIGKILL');
      killedAt = Date.now();
    }
  }
  expect(await victim.exited).toBe('SIGKILL');
  await waitFor(
    () =>
      partitionAssignments(survivor).find(
        ({ held, at }) => held === '0, 1, 2, 3, 4, 5, 6, 7' && at >= killedAt,
      )?.at,
    { timeoutMs: 60_000, intervalMs: 100, description: 'the survivor to take over every partition' },
  );

  // Every trigger of every broadcast, then a look at whether any came twice.
  const counts = await waitFor(
    async () => {
      const found = await notedPerInstance(instances);
      return instances.every((key) => (found.get(key) ?? 0) >= broadcasts) ? found : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 2000, description: `${broadcasts} triggers in every instance` },
  );
  expect(instances.filter((key) => counts.get(key) !== broadcasts)).toEqual([]);
}, 420_000);
