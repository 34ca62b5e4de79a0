// The gateway on the real embedded engine: an instance's states as the engine applies its commands,
// through the embedded gateway (snapshots in-process) and through a second replica that reads its
// snapshots over REST like a separately running gateway; plus the proxied REST API.
import { instanceLiveStateSchema, type InstanceLiveState } from '@baton/contracts';
import { signedServiceToken } from '@baton/platform';
import {
  approvalProcessXml,
  connectLiveClient,
  testAuthenticator,
  testAuthSecret,
  uniqueName,
  waitFor,
  type LiveClient,
} from '@baton/testing';
import { startSocketGateway, type RunningSocketGateway, restSnapshotSource } from '@baton/socket-gateway';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
let separate: RunningSocketGateway;
const clients: LiveClient[] = [];

beforeAll(async () => {
  stack = await startInProcessStack();
  separate = await startSocketGateway({
    port: 0,
    host: '127.0.0.1',
    bus: stack.engine.bus,
    snapshots: restSnapshotSource({
      engineUrl: stack.engineUrl,
      token: signedServiceToken(testAuthSecret, 'socket-gateway'),
    }),
    engineUrl: stack.engineUrl,
    replicaId: uniqueName('separate-gateway'),
    serveConsole: false,
    authenticator: testAuthenticator(),
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await separate?.close();
  await stack?.close();
});

async function connect(gateway: RunningSocketGateway): Promise<LiveClient> {
  const client = await connectLiveClient(gateway.port);
  clients.push(client);
  return client;
}

/** Every state a client got for the instance, from its subscribe answer and its updates, in order. */
function statesOf(
  answerSnapshots: readonly InstanceLiveState[],
  client: LiveClient,
  processInstanceKey: string,
): InstanceLiveState[] {
  return [...answerSnapshots, ...client.updates()].filter(
    (state) => state.processInstanceKey === processInstanceKey,
  );
}

it('pushes an instance from its user task to its completion, to both replicas, in revision order', async () => {
  const processId = uniqueName('approval');
  const deployed = await stack.engine.deploy([
    { name: 'approval.bpmn', content: approvalProcessXml(processId) },
  ]);
  expect(deployed.processes).toHaveLength(1);
  const embeddedClient = await connect(stack.gateway);
  const separateClient = await connect(separate);
  const byProcess = await separateClient.subscribe({ processDefinitionId: processId });
  expect(byProcess).toEqual({ ok: true, snapshots: [] });

  const { processInstanceKey } = await stack.engine.createInstance({
    processDefinitionId: processId,
    variables: { amount: 120 },
  });
  const byInstance = await embeddedClient.subscribe({ processInstanceKey });
  if (!byInstance.ok) throw new Error(byInstance.error.message);

  const waiting = (state: InstanceLiveState) => state.activeElementIds.includes('Approve');
  const atTask =
    byInstance.snapshots.find(waiting) ??
    (await embeddedClient.waitForUpdate(waiting, 'the user task active'));
  expect(atTask).toMatchObject({
    processInstanceKey,
    processDefinitionId: processId,
    state: 'ACTIVE',
    activeElementIds: ['Approve'],
    completedElementIds: ['Start'],
    tokens: [expect.objectContaining({ elementId: 'Approve', state: 'ACTIVE', parentTokenKey: null })],
  });
  await separateClient.waitForUpdate(waiting, 'the user task active, by process id');

  const task = await waitFor(
    async () =>
      (await stack.engine.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items[0],
    {
      description: 'the user task',
    },
  );
  await stack.engine.completeUserTask(task.userTaskKey, { approved: true });

  for (const [client, answer] of [
    [embeddedClient, byInstance.snapshots],
    [separateClient, []],
  ] as const) {
    const completed = await client.waitForUpdate(
      (state) => state.state === 'COMPLETED',
      'the completed state',
    );
    expect(completed).toMatchObject({
      activeElementIds: [],
      completedElementIds: ['Start', 'Approve', 'End'],
    });
    const revisions = statesOf(answer, client, processInstanceKey).map((state) => state.revision);
    expect(revisions).toEqual([...revisions].sort((left, right) => left - right));
    for (const state of statesOf(answer, client, processInstanceKey))
      expect(instanceLiveStateSchema.safeParse(state).success).toBe(true);
  }
});

it('serves the live state over REST, the route a separate gateway reads its snapshots from', async () => {
  const processId = uniqueName('approval');
  await stack.engine.deploy([{ name: 'approval.bpmn', content: approvalProcessXml(processId) }]);
  const { processInstanceKey } = await stack.engine.createInstance({ processDefinitionId: processId });
  const stored = await waitFor(() => stack.engine.getInstance(processInstanceKey), {
    description: 'the stored instance',
  });

  const response = await fetch(`${stack.engineUrl}/v2/process-instances/${processInstanceKey}/live-state`, {
    headers: stack.authHeaders,
  });
  expect(response.status).toBe(200);
  expect(instanceLiveStateSchema.parse(await response.json())).toEqual({
    processInstanceKey,
    processDefinitionKey: stored.processDefinitionKey,
    processDefinitionId: processId,
    revision: stored.revision,
    state: 'ACTIVE',
    activeElementIds: ['Approve'],
    completedElementIds: ['Start'],
    tokens: [expect.objectContaining({ elementId: 'Approve', state: 'ACTIVE' })],
    hasIncident: false,
    suspended: false,
  });
  const missing = await fetch(`${stack.engineUrl}/v2/process-instances/999999999/live-state`, {
    headers: stack.authHeaders,
  });
  expect(missing.status).toBe(404);
  const source = restSnapshotSource({
    engineUrl: stack.engineUrl,
    token: signedServiceToken(testAuthSecret, 'socket-gateway'),
  });
  expect(await source.instance('999999999')).toBeUndefined();
});

it('tells subscribers when an instance is suspended and activated, and shows it in snapshots', async () => {
  const processId = uniqueName('approval');
  await stack.engine.deploy([{ name: 'approval.bpmn', content: approvalProcessXml(processId) }]);
  const { processInstanceKey } = await stack.engine.createInstance({ processDefinitionId: processId });
  const client = await connect(separate);
  const subscribed = await client.subscribe({ processInstanceKey });
  if (!subscribed.ok) throw new Error(subscribed.error.message);

  expect(await stack.setSuspended(processInstanceKey, true)).toBe(204);
  const suspended = await client.waitForUpdate((state) => state.suspended, 'the instance suspended');
  expect(suspended).toMatchObject({ processInstanceKey, state: 'ACTIVE', activeElementIds: ['Approve'] });
  const snapshot = await client.subscribe({ processDefinitionId: processId });
  expect(snapshot).toEqual({
    ok: true,
    snapshots: [expect.objectContaining({ processInstanceKey, suspended: true })],
  });

  expect(await stack.setSuspended(processInstanceKey, false)).toBe(204);
  const activated = await client.waitForUpdate(
    (state) => state.revision > suspended.revision && !state.suspended,
    'the instance activated again',
  );
  expect(activated).toMatchObject({ processInstanceKey, suspended: false });
});

it('proxies the REST API at /v2 and answers its own health', async () => {
  const topology = await fetch(`${stack.gatewayUrl}/v2/topology`, { headers: stack.authHeaders });
  expect(topology.status).toBe(200);
  expect(await topology.json()).toMatchObject({ clusterSize: 1, gatewayVersion: expect.any(String) });

  const search = await fetch(`${stack.gatewayUrl}/v2/process-instances/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.authHeaders },
    body: JSON.stringify({ filter: { state: 'NOT_A_STATE' } }),
  });
  expect(search.status).toBe(400);
  expect(search.headers.get('content-type')).toMatch(/^application\/problem\+json/);

  const health = await fetch(`${stack.gatewayUrl}/health`);
  expect(await health.json()).toMatchObject({
    status: 'UP',
    replicaId: stack.gateway.replicaId,
    connectedClients: expect.any(Number),
  });
});

it('answers 502 with a problem document when the engine cannot be reached', async () => {
  const logged: string[] = [];
  const orphan = await startSocketGateway({
    logError: (message) => logged.push(message),
    port: 0,
    host: '127.0.0.1',
    bus: stack.engine.bus,
    snapshots: restSnapshotSource({ engineUrl: 'http://127.0.0.1:9' }),
    engineUrl: 'http://127.0.0.1:9',
    serveConsole: false,
    authenticator: testAuthenticator(),
  });
  try {
    const response = await fetch(`http://127.0.0.1:${orphan.port}/v2/topology`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      status: 502,
      detail: expect.stringContaining('cannot be reached'),
    });
    const client = await connect(orphan);
    expect(await client.subscribe({ processInstanceKey: '123' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('did not answer'), retriable: true },
    });
    expect(logged).toEqual(['reading a subscribe snapshot failed']);
  } finally {
    await orphan.close();
  }
});
