// Issue 18 end to end on the embedded runtime: a gateway condition that would run for days is cut
// off at its FEEL step limit into an incident, and a regular expression that backtracks
// exponentially in V8 answers at once (or, on a long enough input, is cut by its steps), while the
// replica goes on serving — other instances complete and GET /v2/topology answers within 100 ms.
// Embedded only (not a rest-* file): the latencies it asserts are the event loop's, not Kafka's or
// FerretDB's.
import { configureFeelLimits } from '@baton/bpmn';
import { incidentSearchResponseSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { deployProcess } from '../support/rest-scenario-steps';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

/**
 * One cut-off evaluation holds the loop for this many steps: 10–30 ms under jest on 2 cores, below
 * the 100 ms the topology must answer within (the default, 100,000, takes 120–180 ms here).
 */
const MAX_STEPS = 5000;
/** Doubles its work per level: with depth 40 it would run for days; only the budget ends it. */
const RUNAWAY = '{f: function(n) if n &lt; 1 then 1 else f(n - 1) + f(n - 1), r: f(depth)}.r &gt; 1';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  configureFeelLimits({ maxSteps: MAX_STEPS });
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
  configureFeelLimits({});
});

/** start → gw: [=condition] → yes | default → no. */
function gatewayProcess(processId: string, condition: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:exclusiveGateway id="gw" default="to-no" />
    <bpmn:endEvent id="yes" />
    <bpmn:endEvent id="no" />
    <bpmn:sequenceFlow id="to-gw" sourceRef="start" targetRef="gw" />
    <bpmn:sequenceFlow id="to-yes" sourceRef="gw" targetRef="yes"><bpmn:conditionExpression>=${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to-no" sourceRef="gw" targetRef="no" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function activeIncidentOf(processInstanceKey: string) {
  const answer = await server.call('POST', '/v2/incidents/search', {
    filter: { processInstanceKey, state: 'ACTIVE' },
  });
  return incidentSearchResponseSchema.parse(answer.body).items[0];
}

async function startInstance(processId: string, variables: Record<string, unknown>): Promise<string> {
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables,
  });
  expect(created.status).toBe(200);
  return created.body.processInstanceKey as string;
}

/** Polls GET /v2/topology one request after another until stopped; answers every latency, ms. */
function pollTopology(): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const answer = await server.call('GET', '/v2/topology');
      latencies.push(performance.now() - started);
      expect(answer.status).toBe(200);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/** Creates instances awaiting their completion, one after another, until stopped; answers each one's latency, ms. */
function runOrdinaryInstances(processId: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const answer = await server.call('POST', '/v2/process-instances', {
        processDefinitionId: processId,
        variables: { amount: 5 },
        awaitCompletion: true,
        requestTimeout: 5000,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.variables).toEqual({ amount: 5 });
      latencies.push(performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

describe('a runaway expression', () => {
  it('is refused at deploy when it is a constant certain to exceed its limits, naming the flow', async () => {
    const processId = uniqueName('runaway-constant');
    const answer = await deployThroughApi(server, [
      {
        name: `${processId}.bpmn`,
        content: gatewayProcess(processId, 'count(for i in 1..10000000 return i) &gt; 1'),
      },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("condition of 'to-yes' is refused");
    expect(answer.body.detail).toContain('FEEL_MAX_LIST_SIZE');
  });

  it('driven by a variable, raises an incident at once when it builds too large a list', async () => {
    const processId = uniqueName('runaway-range');
    await deployProcess(server, processId, gatewayProcess(processId, 'count(for i in 1..n return i) &gt; 1'));
    const processInstanceKey = await startInstance(processId, { n: 10_000_000 });
    const incident = await waitFor(() => activeIncidentOf(processInstanceKey));
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'gw' });
    expect(incident.errorMessage).toContain('built more than 100000 list items (FEEL_MAX_LIST_SIZE)');
  });

  it('is cut off at its budget while other instances complete and the topology answers within 100 ms', async () => {
    const runawayId = uniqueName('runaway');
    const ordinaryId = uniqueName('ordinary');
    await deployProcess(server, runawayId, gatewayProcess(runawayId, RUNAWAY));
    await deployProcess(server, ordinaryId, gatewayProcess(ordinaryId, 'amount &gt; 1'));

    // one of each first, outside the measurement: a cold engine's first instances run unoptimised code
    await startInstance(ordinaryId, { amount: 5 });
    const warmUp = await startInstance(runawayId, { depth: 40 });
    await waitFor(() => activeIncidentOf(warmUp));

    const topology = pollTopology();
    const ordinary = runOrdinaryInstances(ordinaryId);
    const runaways: string[] = [];
    // one at a time: a batch applies its commands in one go, so two runaways in one batch hold the loop twice as long
    for (let round = 0; round < 5; round += 1) {
      const processInstanceKey = await startInstance(runawayId, { depth: 40 });
      const incident = await waitFor(() => activeIncidentOf(processInstanceKey));
      expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'gw' });
      expect(incident.errorMessage).toContain(`took more than ${MAX_STEPS} steps (FEEL_MAX_STEPS)`);
      runaways.push(processInstanceKey);
    }
    const ordinaryLatencies = await ordinary.stop();
    const topologyLatencies = await topology.stop();

    expect(ordinaryLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...ordinaryLatencies)).toBeLessThan(1000); // the issue saw every instance wait 5 s
    expect(topologyLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...topologyLatencies)).toBeLessThan(100);

    // fixed variables, the incident resolved: the condition is evaluated again and the instance goes on
    const [first] = runaways;
    const incident = await activeIncidentOf(first!);
    const fixed = await server.call('PUT', `/v2/element-instances/${first!}/variables`, {
      variables: { depth: 3 },
    });
    expect(fixed.status).toBe(204);
    expect((await server.call('POST', `/v2/incidents/${incident!.incidentKey}/resolution`)).status).toBe(204);
    await waitFor(async () => {
      const answer = await server.call('GET', `/v2/process-instances/${first!}`);
      return answer.body.state === 'COMPLETED';
    });
  });

  it('as a regular expression that backtracks exponentially in V8, answers at once or is cut by its steps, while the topology answers within 100 ms', async () => {
    const hostileId = uniqueName('runaway-regex');
    const ordinaryId = uniqueName('ordinary-regex');
    // matches(x, "(a|a)*b") on 28 characters held V8's backtracking engine 47 s
    await deployProcess(server, hostileId, gatewayProcess(hostileId, 'matches(x, "(a|a)*b")'));
    await deployProcess(server, ordinaryId, gatewayProcess(ordinaryId, 'amount &gt; 1'));
    await startInstance(ordinaryId, { amount: 5 });

    const topology = pollTopology();
    const ordinary = runOrdinaryInstances(ordinaryId);
    for (const length of [28, 2000]) {
      const answered = await server.call('POST', '/v2/process-instances', {
        processDefinitionId: hostileId,
        variables: { x: 'a'.repeat(length) },
        awaitCompletion: true,
        requestTimeout: 5000,
      });
      expect(answered.status).toBe(200); // no match: the default flow, to the end
    }
    // long enough that the search would take more steps than allowed: refused before it runs
    const cutOff = await startInstance(hostileId, { x: 'a'.repeat(50_000) });
    const incident = await waitFor(() => activeIncidentOf(cutOff));
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'gw' });
    expect(incident.errorMessage).toContain(`took more than ${MAX_STEPS} steps (FEEL_MAX_STEPS)`);
    const ordinaryLatencies = await ordinary.stop();
    const topologyLatencies = await topology.stop();

    expect(ordinaryLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...ordinaryLatencies)).toBeLessThan(1000);
    expect(topologyLatencies.length).toBeGreaterThan(0);
    expect(Math.max(...topologyLatencies)).toBeLessThan(100);
  });
});
