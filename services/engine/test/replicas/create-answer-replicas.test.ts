// When a create is answered (docs/architecture.md, step 7), seen with two replicas on one bus and
// one set of stores, as on Kafka + MongoDB: replica A only serves the API, replica B applies the
// commands and is started when the test says. A create that waits for nothing is answered once its
// command is in the log, before anything applied it; what the caller reads afterwards still
// includes it: a read by its key on either replica, a search on the replica that answered.
import { InMemoryBus } from '@baton/messaging';
import { uniqueName } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime, type EngineRuntimeOptions } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { eventSubprocessBpmn } from '../fixtures/event-fixtures';
import { startTestServer, type TestServer } from '../support/test-support';
import { sharedEmbeddedStores } from '../support/shared-embedded-stores';

const partitions = 4;
let bus: InMemoryBus;
let shared: EngineRuntimeOptions;
const running: EngineRuntime[] = [];
let server: TestServer | undefined;

beforeEach(() => {
  bus = new InMemoryBus({ partitions, topicPrefix: '' });
  shared = sharedEmbeddedStores(bus, partitions);
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const runtime of running.splice(0).reverse()) await runtime.close();
  await bus.close();
});

async function replica(name: string, options: EngineRuntimeOptions = {}): Promise<EngineRuntime> {
  const runtime = await createEngineRuntime({ ...shared, replicaId: uniqueName(name), ...options });
  running.push(runtime);
  return runtime;
}

/** Settles with 'settled', or with 'pending' if it has not once the bus had time to deliver. */
async function stateOf(promise: Promise<unknown>): Promise<'settled' | 'pending'> {
  const settled = promise.then(() => 'settled' as const);
  const later = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 200));
  return Promise.race([settled, later]);
}

async function deployed(runtime: EngineRuntime, bpmn: (id: string) => string): Promise<string> {
  const processId = uniqueName('answer');
  await runtime.deploy([{ name: `${processId}.bpmn`, content: bpmn(processId) }]);
  return processId;
}

it('answers a create once its command is in the log; a read by its key waits until it is stored', async () => {
  const api = await replica('api', { consumeCommands: false });
  const processId = await deployed(api, (id) => serviceTaskBpmn(id, 'pack'));
  // Nothing applies commands yet: the answer cannot have waited for the instance.
  const created = await api.createInstance({ processDefinitionId: processId, variables: { n: 1 } });
  const read = api.getInstance(created.processInstanceKey);
  expect(await stateOf(read)).toBe('pending');
  await replica('applier');
  expect(await read).toMatchObject({ processInstanceKey: created.processInstanceKey, state: 'ACTIVE' });
});

it('finds on the applying replica an instance the other replica answered a moment ago', async () => {
  const api = await replica('api', { consumeCommands: false });
  const applier = await replica('applier');
  const processId = await deployed(api, (id) => serviceTaskBpmn(id, 'pack'));
  const created = await api.createInstance({ processDefinitionId: processId });
  expect(await applier.getInstance(created.processInstanceKey)).toMatchObject({
    processInstanceKey: created.processInstanceKey,
  });
});

it('has a search over REST on the answering replica wait for the creates it answered before', async () => {
  const api = await replica('api', { consumeCommands: false });
  server = await startTestServer(api);
  const processId = await deployed(api, (id) => serviceTaskBpmn(id, 'pack'));
  const post = (path: string, body: unknown) =>
    fetch(`${server!.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...server!.authHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const create = await post('/v2/process-instances', { processDefinitionId: processId });
  expect(create.status).toBe(200);
  const { processInstanceKey } = (await create.json()) as { processInstanceKey: string };
  const search = post('/v2/process-instances/search', { filter: { processDefinitionId: processId } });
  expect(await stateOf(search)).toBe('pending');
  await replica('applier');
  const found = (await (await search).json()) as { items: { processInstanceKey: string }[] };
  expect(found.items.map((item) => item.processInstanceKey)).toEqual([processInstanceKey]);
});

it('answers once stored what waits, what arms event subprocesses, large variables, and everything when told to', async () => {
  const api = await replica('api', { consumeCommands: false, maxInstanceVariablesBytes: 4096 });
  const plain = await deployed(api, (id) => serviceTaskBpmn(id, 'pack'));
  const armed = await deployed(api, (id) =>
    eventSubprocessBpmn(id, { update: uniqueName('update'), cancel: uniqueName('cancel') }, 'R/PT1H'),
  );
  const creates = [
    api.createInstance({ processDefinitionId: plain, awaitCompletion: true, requestTimeoutMs: 2500 }),
    api.createInstance({ processDefinitionId: armed, variables: { orderId: 'o-1' } }),
    // Over a quarter of the 4 KiB limit: its first steps could cross the limit.
    api.createInstance({ processDefinitionId: plain, variables: { text: 'x'.repeat(1500) } }),
  ];
  const storedOnly = await replica('stored-only', { consumeCommands: false, createAnswer: 'stored' });
  creates.push(storedOnly.createInstance({ processDefinitionId: plain }));
  for (const create of creates) expect(await stateOf(create)).toBe('pending');
  // Under the limit, nothing to wait for: answered on append.
  await api.createInstance({ processDefinitionId: plain, variables: { text: 'x'.repeat(500) } });
  await replica('applier');
  const [awaited, ...others] = await Promise.allSettled(creates);
  // The awaited one waits for its job, and times out; the others are answered once stored.
  expect(awaited?.status).toBe('rejected');
  for (const other of others) expect(other.status).toBe('fulfilled');
});

it('runs a create answered before its version was deleted through another replica', async () => {
  const api = await replica('api', { consumeCommands: false });
  const deleter = await replica('deleter', { consumeCommands: false });
  const processId = await deployed(api, (id) => serviceTaskBpmn(id, 'pack'));
  const version = (await api.listDefinitions()).find((d) => d.processDefinitionId === processId)!;
  const created = await api.createInstance({ processDefinitionKey: version.processDefinitionKey });
  // Not stored yet, so not a running instance that would refuse the deletion.
  await deleter.deleteResource(version.processDefinitionKey);
  await replica('applier');
  expect(await api.getInstance(created.processInstanceKey)).toMatchObject({
    processDefinitionKey: version.processDefinitionKey,
    state: 'ACTIVE',
  });
});
