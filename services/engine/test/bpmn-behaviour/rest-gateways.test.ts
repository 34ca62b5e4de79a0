// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: the
// inclusive gateway (fork on every true condition, else the default; the join waits for every
// token that can still arrive), link events, and a terminate end event inside a subprocess.
import {
  activateJobsResponseSchema,
  incidentSearchResponseSchema,
  instanceLiveStateSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import {
  inclusiveGatewayBpmn,
  linkEventsBpmn,
  terminateInSubprocessBpmn,
} from '../fixtures/gateway-fixtures';
import {
  activateOneJob,
  completeJobOf,
  deployProcess,
  startInstanceOf,
} from '../support/rest-scenario-steps';
import { startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

const deploy = (processId: string, content: string) => deployProcess(server, processId, content);

const startInstance = (processId: string, variables: Record<string, unknown> = {}) =>
  startInstanceOf(server, processId, variables);

/** Long-polls for one job of a type. */
const activateOne = (type: string) => activateOneJob(server, type, 'gateway-test');

const complete = (jobKey: string, variables: Record<string, unknown> = {}) =>
  completeJobOf(server, jobKey, variables);

async function liveState(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
  return instanceLiveStateSchema.parse(answer.body);
}

describe('inclusive gateway', () => {
  it('forks along every true condition and joins once both branches arrived', async () => {
    const processId = uniqueName('inclusive');
    const prefix = uniqueName('inc');
    await deploy(processId, inclusiveGatewayBpmn(processId, prefix));
    const processInstanceKey = await startInstance(processId, { amount: 50, vip: true });

    const a = await activateOne(`${prefix}-a`);
    const b = await activateOne(`${prefix}-b`);
    expect([a.processInstanceKey, b.processInstanceKey]).toEqual([processInstanceKey, processInstanceKey]);

    await complete(a.jobKey);
    const waiting = await waitFor(async () => {
      const state = await liveState(processInstanceKey);
      return state.tokens.some((token) => token.elementId === 'join' && token.state === 'INACTIVE')
        ? state
        : undefined;
    });
    expect(waiting.activeElementIds).toEqual(['b']);

    await complete(b.jobKey, { fromB: 'yes' });
    const after = await activateOne(`${prefix}-after`);
    expect(after.processInstanceKey).toBe(processInstanceKey);
    await complete(after.jobKey);
    const done = await waitFor(async () => {
      const state = await liveState(processInstanceKey);
      return state.state === 'COMPLETED' ? state : undefined;
    });
    expect(done.completedElementIds).toEqual(
      expect.arrayContaining(['fork', 'a', 'b', 'join', 'after', 'end']),
    );
    expect(done.completedElementIds).not.toContain('c');
  });

  it('takes the default flow when no condition is true', async () => {
    const processId = uniqueName('inclusive-default');
    const prefix = uniqueName('inc');
    await deploy(processId, inclusiveGatewayBpmn(processId, prefix));
    const processInstanceKey = await startInstance(processId, { amount: 1, vip: false });
    const c = await activateOne(`${prefix}-c`);
    expect(c.processInstanceKey).toBe(processInstanceKey);
    await complete(c.jobKey);
    const after = await activateOne(`${prefix}-after`);
    await complete(after.jobKey);
    await waitFor(async () => (await liveState(processInstanceKey)).state === 'COMPLETED');
  });

  it('raises a CONDITION_ERROR incident when a condition cannot be evaluated', async () => {
    const processId = uniqueName('inclusive-incident');
    await deploy(processId, inclusiveGatewayBpmn(processId, uniqueName('inc')));
    const processInstanceKey = await startInstance(processId, { amount: 50 });
    const incidents = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
      const found = incidentSearchResponseSchema.parse(answer.body).items;
      return found.length > 0 ? found : undefined;
    });
    expect(incidents).toEqual([
      expect.objectContaining({ errorType: 'CONDITION_ERROR', elementId: 'fork', state: 'ACTIVE' }),
    ]);
    expect(incidents[0]?.errorMessage).toContain('vip');
  });
});

describe('link events', () => {
  it('continue at the catch link of the same name', async () => {
    const processId = uniqueName('links');
    const prefix = uniqueName('link');
    await deploy(processId, linkEventsBpmn(processId, prefix));
    const processInstanceKey = await startInstance(processId);
    await complete((await activateOne(`${prefix}-work`)).jobKey);
    const review = await activateOne(`${prefix}-review`);
    expect(review.processInstanceKey).toBe(processInstanceKey);
    await complete(review.jobKey);
    const done = await waitFor(async () => {
      const state = await liveState(processInstanceKey);
      return state.state === 'COMPLETED' ? state : undefined;
    });
    expect(done.completedElementIds).toEqual(['start', 'work', 'jump', 'land', 'review', 'end']);
  });
});

describe('terminate end event inside an embedded subprocess', () => {
  it('ends only the subprocess; the parallel branch outside runs on', async () => {
    const processId = uniqueName('terminate-sub');
    const prefix = uniqueName('term');
    await deploy(processId, terminateInSubprocessBpmn(processId, prefix));
    const processInstanceKey = await startInstance(processId);
    const outer = await activateOne(`${prefix}-outer`);
    const afterTerminate = await waitFor(async () => {
      const state = await liveState(processInstanceKey);
      return state.completedElementIds.includes('sub') ? state : undefined;
    });
    expect(afterTerminate.state).toBe('ACTIVE');
    expect(afterTerminate.activeElementIds).toEqual(['outer']);
    expect(afterTerminate.completedElementIds).toContain('kill');
    expect(afterTerminate.completedElementIds).not.toContain('inner');
    // The inner job was withdrawn with its subprocess: no worker can take it (no long poll).
    const inner = await server.call('POST', '/v2/jobs/activation', {
      type: `${prefix}-inner`,
      worker: 'gateway-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: -1,
    });
    expect(activateJobsResponseSchema.parse(inner.body).jobs).toEqual([]);

    await complete(outer.jobKey);
    await waitFor(async () => (await liveState(processInstanceKey)).state === 'COMPLETED');
  });
});
