// Two gateway replicas run as `npm run start:socket-gateway` runs them (configuration from the
// environment, Kafka for the events, the engine's REST API for snapshots and `/v2`), apart from an
// engine on the real Kafka broker: each replica's clients see the instance live to its end.
import {
  createEngineRuntime,
  startHttpServer,
  type EngineRuntime,
  type RunningHttpServer,
} from '@baton/engine';
import type { InstanceLiveState } from '@baton/contracts';
import { readConfig } from '@baton/platform';
import {
  approvalProcessXml,
  connectLiveClient,
  secureKafkaEnvironment,
  testAuthenticator,
  testAuthEnvironment,
  testToken,
  uniqueName,
  waitFor,
  type LiveClient,
} from '@baton/testing';
import { KafkaBus } from '@baton/messaging';
import { instancePartitions } from '@baton/topics';
import { gatewayConfigSchema, startGatewayProcess, type GatewayProcess } from '@baton/socket-gateway';

const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const topicPrefix = `${uniqueName('gateway-int')}.`;
let engineBus: KafkaBus;
let engine: EngineRuntime;
let rest: RunningHttpServer;
const gateways: GatewayProcess[] = [];
const clients: LiveClient[] = [];

beforeAll(async () => {
  // The gateway only needs the engine's events: its instances may stay in the in-memory store here.
  engineBus = new KafkaBus({
    brokers: brokers.split(','),
    clientId: uniqueName('engine'),
    topicPrefix,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
  await engineBus.connect();
  engine = await createEngineRuntime({ bus: engineBus, topicPrefix, partitions: instancePartitions });
  rest = await startHttpServer(engine, {
    port: 0,
    host: '127.0.0.1',
    shutdownGraceMs: 500,
    authenticator: testAuthenticator(),
  });
  for (const replica of ['a', 'b']) {
    const config = readConfig(gatewayConfigSchema, {
      PORT: '0',
      HOST: '127.0.0.1',
      ENGINE_URL: `http://127.0.0.1:${rest.port}`,
      // Over TLS with SCRAM-SHA-256 (the test broker's SASL_SSL listener), as to a secured cluster.
      ...secureKafkaEnvironment('scram-sha-256'),
      TOPIC_PREFIX: topicPrefix,
      REPLICA_ID: uniqueName(`gateway-${replica}`),
      ...testAuthEnvironment,
    });
    gateways.push(await startGatewayProcess(config));
  }
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.close();
  for (const gateway of gateways) await gateway.stop();
  await rest?.close();
  await engine?.close();
  await engineBus?.close();
}, 60_000);

it('answers the readiness probe of each replica once Kafka answers', async () => {
  for (const { gateway } of gateways) {
    const response = await fetch(`http://127.0.0.1:${gateway.port}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'UP', checks: { kafka: { status: 'UP' } } });
    const metrics = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).text();
    expect(metrics).toContain('baton_gateway_socket_clients{service="socket-gateway"} 0');
    expect(metrics).toMatch(
      /^baton_consumer_lag\{group="baton-socket-gateway-[^"]+",topic="baton\.instance\.events\.v1",partition="0"/m,
    );
  }
});

it('pushes the instance to the clients of both replicas, from the user task to the end', async () => {
  const processId = uniqueName('approval');
  await engine.deploy([{ name: 'approval.bpmn', content: approvalProcessXml(processId) }]);
  for (const { gateway } of gateways) {
    const client = await connectLiveClient(gateway.port);
    clients.push(client);
    expect(await client.subscribe({ processDefinitionId: processId })).toEqual({ ok: true, snapshots: [] });
  }
  // A new consumer group starts at the end of the topic once it has its partitions: start instances
  // until both replicas pass one on, then follow the last one.
  let processInstanceKey = '';
  await waitFor(
    async () => {
      processInstanceKey = (await engine.createInstance({ processDefinitionId: processId }))
        .processInstanceKey;
      const seen = (client: LiveClient) =>
        client.waitForUpdate(
          (state) => state.processInstanceKey === processInstanceKey,
          'the new instance',
          3000,
        );
      return Promise.all(clients.map(seen)).then(() => true);
    },
    { description: 'both replicas consuming', timeoutMs: 30_000 },
  );

  const task = await waitFor(
    async () => (await engine.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items[0],
    {
      description: 'the user task',
    },
  );
  await engine.completeUserTask(task.userTaskKey, { approved: true });
  for (const client of clients) {
    const completed = await client.waitForUpdate(
      (state) => state.processInstanceKey === processInstanceKey && state.state === 'COMPLETED',
      'the completed instance',
      15_000,
    );
    expect(completed).toMatchObject({
      processDefinitionId: processId,
      activeElementIds: [],
      completedElementIds: ['Start', 'Approve', 'End'],
    });
  }
  // The console's REST calls go through the gateway to the engine.
  const definitions = await fetch(`http://127.0.0.1:${gateways[0]!.gateway.port}/v2/process-definitions`, {
    headers: { authorization: `Bearer ${await testToken()}` },
  });
  expect(
    ((await definitions.json()) as { items: { processDefinitionId: string }[] }).items.map(
      (d) => d.processDefinitionId,
    ),
  ).toContain(processId);
}, 90_000);

it('resumes a client offline for 2 s on the other replica: exactly the updates it missed, in order', async () => {
  const processId = uniqueName('approval-resume');
  await engine.deploy([{ name: 'approval.bpmn', content: approvalProcessXml(processId) }]);
  const [onA, onB] = gateways.map(({ gateway }) => gateway.port) as [number, number];
  const mobile = await connectLiveClient(onA);
  const observer = await connectLiveClient(onB);
  clients.push(mobile, observer);
  const { processInstanceKey } = await engine.createInstance({ processDefinitionId: processId });
  const forInstance = (state: InstanceLiveState) => state.processInstanceKey === processInstanceKey;
  for (const client of [mobile, observer])
    expect((await client.subscribe({ processInstanceKey })).ok).toBe(true);
  // Both follow the instance from an update on, so the mobile has a cursor of updates.
  await engine.suspendInstance(processInstanceKey, true);
  for (const client of [mobile, observer])
    await client.waitForUpdate((state) => forInstance(state) && state.suspended, 'suspended', 15_000);
  const before = mobile.updates().filter(forInstance);
  const last = before.at(-1)!;
  const cursor = {
    revision: last.revision,
    updatesAtRevision: before.filter((state) => state.revision === last.revision).length,
  };
  const observedBefore = observer.updates().filter(forInstance).length;

  mobile.socket.disconnect();
  expect(mobile.socket.connected).toBe(false);
  const offlineFor2s = new Promise((resolve) => setTimeout(resolve, 2000));
  await engine.suspendInstance(processInstanceKey, false);
  await observer.waitForUpdate((state) => forInstance(state) && !state.suspended, 'activated', 15_000);
  const task = await waitFor(
    async () => (await engine.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items[0],
    { description: 'the user task' },
  );
  await engine.completeUserTask(task.userTaskKey, { approved: true });
  await observer.waitForUpdate(
    (state) => forInstance(state) && state.state === 'COMPLETED',
    'completed',
    15_000,
  );
  const missed = observer.updates().filter(forInstance).slice(observedBefore);
  expect(missed.length).toBeGreaterThanOrEqual(2);
  expect(mobile.socket.connected).toBe(false);
  expect(mobile.updates().filter(forInstance)).toEqual(before);
  await offlineFor2s;

  // Back online, behind the load balancer on the other replica.
  const resumed = await connectLiveClient(onB);
  clients.push(resumed);
  expect(await resumed.subscribe({ processInstanceKey, resumeFrom: cursor })).toEqual({
    ok: true,
    snapshots: [],
    resumed: true,
  });
  await waitFor(() => resumed.updates().filter(forInstance).length >= missed.length, {
    description: 'the missed updates',
  });
  await resumed.unsubscribe({ processInstanceKey });
  expect(resumed.updates().filter(forInstance)).toEqual(missed);
}, 90_000);
