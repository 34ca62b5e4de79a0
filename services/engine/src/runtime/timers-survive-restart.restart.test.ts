// Timers are durable (DESIGN §3.7): armed before the engine replica, the Kafka broker and the
// MongoDB-wire database are all stopped, they fire once after everything is started again, never
// before their due date — an instance's timer catch event and a process's timer start event alike.
// Runs alone, after the integration suite (`npm run test:integration`), since it stops the
// infrastructure the other suites use.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { StoredTimer } from '@baton/store';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { timerCatchBpmn, timerStartBpmn, timerValue } from '../../test/fixtures/bpmn-fixtures';
import { realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('timer-restart');
const infra = (script: 'up' | 'down') =>
  execFileSync('bash', [path.resolve(import.meta.dirname, '../../../../infra', `${script}.sh`)], {
    stdio: 'inherit',
    timeout: 300_000,
  });

let engine: EngineRuntime | undefined;
afterAll(async () => {
  await engine?.close();
});

it('fires a timer catch event and a timer start event armed before every process was restarted, once each, never early', async () => {
  const catchProcess = uniqueName('restart-catch');
  const startProcess = uniqueName('restart-start');
  engine = await startRealRuntime(settings);
  await engine.deploy([
    { name: 'catch.bpmn', content: timerCatchBpmn(catchProcess, timerValue('timeDuration', 'PT5S')) },
  ]);
  const created = await engine.createInstance({
    processDefinitionId: catchProcess,
    variables: { before: 'restart' },
  });
  const startDate = new Date(Date.now() + 8000).toISOString();
  await engine.deploy([
    { name: 'start.bpmn', content: timerStartBpmn(startProcess, timerValue('timeDate', startDate)) },
  ]);
  const armed = await waitFor(
    async () => (await engine!.getInstance(created.processInstanceKey))?.elementInstances,
    { timeoutMs: 30_000, description: 'the instance to wait at its timer' },
  );
  const waiting = Object.values(armed).find((instance) => instance.elementId === 'wait');
  const catchDue = waiting?.timer?.dueDate;
  expect(catchDue).toBeGreaterThan(Date.now() - 5000);
  await engine.close();
  engine = undefined;

  infra('down');
  infra('up');

  const fired: { timer: StoredTimer; firedAt: number }[] = [];
  engine = await startRealRuntime(settings, {
    onTimerFired: (timer, firedAt) => fired.push({ timer, firedAt }),
  });
  const done = await waitFor(
    async () => {
      const instance = await engine!.getInstance(created.processInstanceKey);
      return instance?.state === 'COMPLETED' ? instance : undefined;
    },
    { timeoutMs: 60_000, description: 'the waiting instance to complete' },
  );
  expect(done.variables[done.processInstanceKey]).toEqual({ before: 'restart' });
  expect(Date.parse(done.endDate ?? '')).toBeGreaterThanOrEqual(catchDue!);

  const started = await waitFor(
    async () => {
      const page = await engine!.searchInstances({ filter: { processDefinitionId: startProcess } });
      return page.items.length > 0 && page.items.every((item) => item.state === 'COMPLETED')
        ? page.items
        : undefined;
    },
    { timeoutMs: 60_000, description: 'the timer start event to create its instance' },
  );
  expect(started).toHaveLength(1);
  expect(Date.parse(started[0]!.startDate)).toBeGreaterThanOrEqual(Date.parse(startDate));

  // Each timer fired once on the new replica, and none is left to fire again.
  expect(fired.map(({ timer }) => timer.kind).sort()).toEqual(['instance', 'start']);
  for (const { timer, firedAt } of fired) expect(firedAt).toBeGreaterThanOrEqual(timer.dueDate);
  const partitions = Array.from({ length: engine.topology().partitionsCount }, (_, index) => index);
  expect(await engine.stores.timers.due(partitions, Number.MAX_SAFE_INTEGER, 100)).toEqual([]);
}, 600_000);
