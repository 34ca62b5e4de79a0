// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: the W3C
// traceparent a client sends with a REST call goes on to the command the call sends, so the
// engine's log lines about applying it carry the caller's trace; a call without one gets its own.
import { captureLogs, uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { createLogger } from '@baton/platform';
import { startTestRuntime } from '../support/test-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const createTrace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const cancelTrace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const logs = captureLogs();
let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime({
    logger: createLogger({ service: 'engine', level: 'debug', destination: logs.stream }),
  });
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** The traceparent of the engine's line about applying a command of this type to the instance. */
function appliedTrace(processInstanceKey: string, commandType: string): unknown {
  return logs.lines.find(
    (line) =>
      line['msg'] === 'command applied' &&
      line['processInstanceKey'] === processInstanceKey &&
      line['commandType'] === commandType,
  )?.['traceparent'];
}

async function post(path: string, body: unknown, traceparent?: string) {
  const answer = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      ...server.authHeaders,
      'content-type': 'application/json',
      ...(traceparent ? { traceparent } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: (await answer.json().catch(() => ({}))) as Record<string, unknown> };
}

it('carries a REST call’s traceparent to the engine’s log lines of the command it sent', async () => {
  const processId = uniqueName('traced');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, uniqueName('work')) },
  ]);
  expect(deployed.status).toBe(200);

  const created = await post('/v2/process-instances', { processDefinitionId: processId }, createTrace);
  expect(created.status).toBe(200);
  const key = created.body['processInstanceKey'] as string;
  const untraced = await post('/v2/process-instances', { processDefinitionId: processId });
  const untracedKey = untraced.body['processInstanceKey'] as string;
  expect((await post(`/v2/process-instances/${key}/cancellation`, {}, cancelTrace)).status).toBe(204);

  await waitFor(
    () =>
      [
        appliedTrace(key, 'CREATE_INSTANCE'),
        appliedTrace(key, 'CANCEL_INSTANCE'),
        appliedTrace(untracedKey, 'CREATE_INSTANCE'),
      ].every((trace) => trace !== undefined),
    { timeoutMs: 20_000, intervalMs: 25 },
  );
  expect(appliedTrace(key, 'CREATE_INSTANCE')).toBe(createTrace);
  expect(appliedTrace(key, 'CANCEL_INSTANCE')).toBe(cancelTrace);
  const ownTrace = appliedTrace(untracedKey, 'CREATE_INSTANCE');
  expect(ownTrace).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  expect([createTrace, cancelTrace]).not.toContain(ownTrace);
});
