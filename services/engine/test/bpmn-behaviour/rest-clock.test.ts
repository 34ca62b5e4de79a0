// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: PUT
// /v2/clock pins the engine clock (instances start and timers fire by it), POST /v2/clock/reset
// lets it tick again, and both are refused with 403 on an engine without ENGINE_CLOCK_CONTROL.
import { processInstanceDetailSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { timerCatchBpmn, timerValue } from '../fixtures/bpmn-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime({ clockControl: true });
  server = await startTestServer(engine);
});
afterEach(async () => {
  expect((await server.call('POST', '/v2/clock/reset')).status).toBe(204);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

const pinnedStart = Date.parse('2031-03-01T08:00:00.000Z');

async function instance(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  return answer.status === 200 ? processInstanceDetailSchema.parse(answer.body) : undefined;
}

async function startTimerInstance(duration: string): Promise<string> {
  const processId = uniqueName('clock');
  await deployThroughApi(server, [
    { name: 'p.bpmn', content: timerCatchBpmn(processId, timerValue('timeDuration', duration)) },
  ]);
  const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
  expect(created.status).toBe(200);
  return created.body.processInstanceKey as string;
}

it('starts instances at the pinned time and fires their timers once the clock is pinned past them', async () => {
  expect((await server.call('PUT', '/v2/clock', { timestamp: pinnedStart })).status).toBe(204);
  const processInstanceKey = await startTimerInstance('PT1H');
  const waiting = await waitFor(async () => {
    const found = await instance(processInstanceKey);
    return found?.activeElementIds.includes('wait') ? found : undefined;
  });
  expect(waiting).toMatchObject({ state: 'ACTIVE', startDate: '2031-03-01T08:00:00.000Z' });

  // Pinned past the due date: the timer fires, and the instance ends at the pinned time.
  expect((await server.call('PUT', '/v2/clock', { timestamp: pinnedStart + 3_600_000 })).status).toBe(204);
  const done = await waitFor(async () => {
    const found = await instance(processInstanceKey);
    return found?.state === 'COMPLETED' ? found : undefined;
  });
  expect(done.endDate).toBe('2031-03-01T09:00:00.000Z');
});

it('does not fire a timer the pinned clock has not reached, and ticks with the system time after a reset', async () => {
  expect((await server.call('PUT', '/v2/clock', { timestamp: pinnedStart })).status).toBe(204);
  const pinnedKey = await startTimerInstance('PT1H');
  // Pinned 59 minutes later: the timer stays, while a second instance passes a PT0S timer at once
  // (the scheduler has looked at its timers by the new time when that instance completes).
  expect((await server.call('PUT', '/v2/clock', { timestamp: pinnedStart + 3_540_000 })).status).toBe(204);
  const quickKey = await startTimerInstance('PT0S');
  await waitFor(async () => (await instance(quickKey))?.state === 'COMPLETED');
  expect(await instance(pinnedKey)).toMatchObject({ state: 'ACTIVE', activeElementIds: ['wait'] });

  expect((await server.call('POST', '/v2/clock/reset')).status).toBe(204);
  const before = Date.now();
  const tickingKey = await startTimerInstance('PT0S');
  const ticking = await waitFor(async () => {
    const found = await instance(tickingKey);
    return found?.state === 'COMPLETED' ? found : undefined;
  });
  expect(Date.parse(ticking.startDate)).toBeGreaterThanOrEqual(before - 1000);
  // Reset: the real time, years before 2031, has not reached the PT1H timer's due date.
  expect((await instance(pinnedKey))?.state).toBe('ACTIVE');
});

it('refuses a missing or negative timestamp with 400', async () => {
  for (const body of [{}, { timestamp: -1 }, { timestamp: 'soon' }]) {
    const answer = await server.call('PUT', '/v2/clock', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ title: 'INVALID_ARGUMENT', status: 400 });
  }
});

describe('without ENGINE_CLOCK_CONTROL', () => {
  let fixedEngine: EngineRuntime;
  let fixedServer: TestServer;
  beforeAll(async () => {
    fixedEngine = await startTestRuntime();
    fixedServer = await startTestServer(fixedEngine);
  });
  afterAll(async () => {
    await fixedServer.close();
    await fixedEngine.close();
  });

  it('refuses to pin or reset the clock with 403, naming the setting', async () => {
    for (const [method, path, body] of [
      ['PUT', '/v2/clock', { timestamp: pinnedStart }],
      ['POST', '/v2/clock/reset', undefined],
    ] as const) {
      const answer = await fixedServer.call(method, path, body);
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ title: 'FORBIDDEN', status: 403 });
      expect(answer.body.detail).toContain('ENGINE_CLOCK_CONTROL=true');
    }
  });
});
