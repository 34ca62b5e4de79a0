// Measures how late timers fire (by hand, not in CI): instances wait at a timer catch event whose
// timeDate each one is given, and the lateness of a timer is the time its instance completed (the
// TRIGGER_TIMER applied, engine clock) minus its due date; the scheduler's own lateness (due →
// command appended) is reported beside it. Two phases: timers spread over a few seconds, and a
// burst of timers all due in the same millisecond.
// Run: npx tsx services/engine/scripts/measure-timer-lateness.ts [--real] (env: TIMERS=200)
//   --real: on Kafka + FerretDB (KAFKA_BROKERS, MONGODB_URI; `npm run infra:up`), else embedded.
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../src/engine-runtime';
import { createEngineRuntime } from '../src/engine-runtime';
import { timerCatchBpmn, timerValue } from '../test/fixtures/bpmn-fixtures';
import { realTestSettings, startRealRuntime } from '../test/support/test-runtime';

const COUNT = Number(process.env['TIMERS'] ?? 200);
const real = process.argv.includes('--real');

/** Nearest-rank percentile of the samples. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(samples: readonly number[]): string {
  const format = (value: number) => `${value.toFixed(0)} ms`;
  return `n=${samples.length} p50 ${format(percentile(samples, 50))}, p99 ${format(percentile(samples, 99))}, max ${format(Math.max(...samples))}, min ${format(Math.min(...samples))}`;
}

async function phase(
  engine: EngineRuntime,
  name: string,
  dueDates: (now: number) => number[],
  schedulerLateness: number[],
): Promise<void> {
  const processId = uniqueName(`lateness-${name}`);
  await engine.deploy([
    { name: `${processId}.bpmn`, content: timerCatchBpmn(processId, timerValue('timeDate', '=due')) },
  ]);
  schedulerLateness.length = 0;
  const due = dueDates(Date.now());
  const keys = new Map<string, number>();
  for (const dueDate of due) {
    const created = await engine.createInstance({
      processDefinitionId: processId,
      variables: { due: new Date(dueDate).toISOString() },
    });
    keys.set(created.processInstanceKey, dueDate);
  }
  const done = await waitFor(
    async () => {
      const page = await engine.searchInstances({
        filter: { processDefinitionId: processId, state: 'COMPLETED' },
        page: { limit: COUNT + 1 },
      });
      return page.totalItems === COUNT ? page.items : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 200, description: `${COUNT} instances of ${name} to complete` },
  );
  const lateness = done.map(
    (instance) => Date.parse(instance.endDate ?? '') - keys.get(instance.processInstanceKey)!,
  );
  const early = lateness.filter((value) => value < 0).length;
  console.log(`${name}: due → applied ${summary(lateness)}; early: ${early}`);
  console.log(`${name}: due → command appended ${summary(schedulerLateness)}`);
}

const schedulerLateness: number[] = [];
const onTimerFired = (timer: { dueDate: number }, firedAt: number) =>
  schedulerLateness.push(firedAt - timer.dueDate);
const engine = real
  ? await startRealRuntime(realTestSettings('lateness'), { onTimerFired, logInfo: () => undefined })
  : await createEngineRuntime({ onTimerFired, logInfo: () => undefined });
console.log(`${COUNT} timers per phase, ${real ? 'Kafka + FerretDB' : 'embedded'}`);
try {
  // Spread: due 2 s after the start, one every 5000/COUNT ms over 5 s.
  await phase(
    engine,
    'spread',
    (now) => Array.from({ length: COUNT }, (_, index) => now + 2000 + Math.floor((index * 5000) / COUNT)),
    schedulerLateness,
  );
  // Burst: every timer due at the same millisecond, 2 s after the last instance is created.
  await phase(
    engine,
    'burst',
    (now) => Array.from({ length: COUNT }, () => now + 2000 + COUNT * (real ? 15 : 2)),
    schedulerLateness,
  );
} finally {
  await engine.close();
}
