// The engine's log lines about applying commands: each carries the instance's key and the
// traceparent of the command's message (the caller's, or the one the producer generated).
import { apply as applyCommand } from '@baton/engine-core';
import { newCommand } from './new-command';
import { captureLogs, uniqueName, waitFor } from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import { createEngineRuntime, type EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { createLogger } from '@baton/platform';

const traceparentShape = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

async function runtimeWithLogs(level: string, apply = applyCommand) {
  const logs = captureLogs();
  const runtime = await createEngineRuntime({
    replicaId: 'engine-log-test',
    logger: createLogger({
      service: 'engine',
      replicaId: 'engine-log-test',
      level,
      destination: logs.stream,
    }),
    apply,
  });
  return { logs, runtime };
}

async function startInstance(runtime: EngineRuntime, jobType = uniqueName('job')) {
  const processId = uniqueName('proc');
  await runtime.deploy([{ name: 'p.bpmn', content: serviceTaskBpmn(processId, jobType, { retries: 1 }) }]);
  const { processInstanceKey } = await runtime.createInstance({ processDefinitionId: processId });
  return { processInstanceKey, jobType };
}

describe('log lines of applied commands', () => {
  let runtime: EngineRuntime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  it('carry the processInstanceKey and the traceparent the command was sent with', async () => {
    const started = await runtimeWithLogs('debug');
    runtime = started.runtime;
    const { processInstanceKey } = await startInstance(runtime);
    // The creation got a traceparent from the producer: its line carries it.
    await waitFor(() =>
      started.logs.lines.some(
        (line) =>
          line['commandType'] === 'CREATE_INSTANCE' && line['processInstanceKey'] === processInstanceKey,
      ),
    );
    expect(started.logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        service: 'engine',
        replicaId: 'engine-log-test',
        msg: 'command applied',
        commandType: 'CREATE_INSTANCE',
        processInstanceKey,
        traceparent: expect.stringMatching(traceparentShape),
        messageId: expect.any(String),
        state: 'ACTIVE',
      }),
    );

    // A caller's own trace: a command sent with a traceparent header keeps it in the log.
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const command = newCommand({ type: 'CANCEL_INSTANCE', processInstanceKey });
    await runtime.bus.produce(topicName(topics.engineCommands, runtime.topicPrefix), [
      { key: processInstanceKey, value: command, headers: { processInstanceKey, traceparent } },
    ]);
    await waitFor(async () => (await runtime!.getInstance(processInstanceKey))?.state === 'TERMINATED');
    await waitFor(() => started.logs.lines.some((line) => line['commandId'] === command.commandId));
    expect(started.logs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'command applied',
        commandType: 'CANCEL_INSTANCE',
        commandId: command.commandId,
        processInstanceKey,
        traceparent,
        state: 'TERMINATED',
      }),
    );
  });

  it('warn of a new incident at the default level, with the instance and its trace, and stay quiet otherwise', async () => {
    const started = await runtimeWithLogs('info');
    runtime = started.runtime;
    const { processInstanceKey, jobType } = await startInstance(runtime);
    const [activated] = await runtime.activateJobs({
      type: jobType,
      worker: 'w',
      timeoutMs: 30_000,
      maxJobsToActivate: 1,
      requestTimeoutMs: 5000,
    });
    await runtime.failJob(activated!.job.jobKey, { retries: 0, errorMessage: 'the printer is on fire' });

    await waitFor(() => started.logs.lines.some((line) => line['level'] === 'warn'));
    const incidentLines = started.logs.lines.filter((line) => line['level'] === 'warn');
    expect(incidentLines).toEqual([
      expect.objectContaining({
        msg: 'the instance has a new incident',
        processInstanceKey,
        traceparent: expect.stringMatching(traceparentShape),
        commandType: 'FAIL_JOB',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'the printer is on fire',
        incidentKey: expect.any(String),
      }),
    ]);
    expect(started.logs.lines.filter((line) => line['level'] === 'debug')).toEqual([]);
  });

  it('report a command the core threw on as an error, with the instance, trace and stack', async () => {
    const started = await runtimeWithLogs('info', (state, command, ctx) => {
      if (command.type === 'CANCEL_INSTANCE') throw new Error('core bug');
      return applyCommand(state, command, ctx);
    });
    runtime = started.runtime;
    const { processInstanceKey } = await startInstance(runtime);
    await expect(runtime.cancelInstance(processInstanceKey)).rejects.toThrow('core bug');

    expect(started.logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'applying the command failed; it is rejected',
        commandType: 'CANCEL_INSTANCE',
        processInstanceKey,
        traceparent: expect.stringMatching(traceparentShape),
        err: expect.objectContaining({ message: 'core bug', stack: expect.stringContaining('core bug') }),
      }),
    );
  });
});
