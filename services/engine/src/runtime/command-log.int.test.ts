// On Kafka + FerretDB: the engine's line about a command carries the traceparent of the Kafka
// message the command arrived in, as a producer set it in the record's headers.
import { newCommand } from './new-command';
import { captureLogs, uniqueName, waitFor } from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { createLogger } from '@baton/platform';
import { realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const logs = captureLogs();
let runtime: EngineRuntime;

beforeAll(async () => {
  runtime = await startRealRuntime(realTestSettings('command-log'), {
    logger: createLogger({
      service: 'engine',
      replicaId: 'command-log',
      level: 'debug',
      destination: logs.stream,
    }),
  });
}, 60_000);
afterAll(async () => {
  await runtime?.close();
}, 60_000);

it('logs a command read from Kafka with its instance and the traceparent of its record', async () => {
  const processId = uniqueName('proc');
  await runtime.deploy([{ name: 'p.bpmn', content: serviceTaskBpmn(processId, uniqueName('job')) }]);
  const { processInstanceKey } = await runtime.createInstance({ processDefinitionId: processId });

  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const command = newCommand({ type: 'CANCEL_INSTANCE', processInstanceKey });
  await runtime.bus.produce(topicName(topics.engineCommands, runtime.topicPrefix), [
    { key: processInstanceKey, value: command, headers: { processInstanceKey, traceparent } },
  ]);

  await waitFor(() => logs.lines.some((line) => line['commandId'] === command.commandId), {
    timeoutMs: 30_000,
  });
  expect(logs.lines).toContainEqual(
    expect.objectContaining({
      level: 'debug',
      msg: 'command applied',
      commandType: 'CANCEL_INSTANCE',
      processInstanceKey,
      traceparent,
      state: 'TERMINATED',
    }),
  );
  expect(logs.lines).toContainEqual(
    expect.objectContaining({
      msg: 'command applied',
      commandType: 'CREATE_INSTANCE',
      processInstanceKey,
      traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
    }),
  );
});
