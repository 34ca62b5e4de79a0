// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: timers.
// Intermediate timer catch events wait for their duration or date; timer start events create
// instances at their date, cycle or cron times; a new version replaces the start timers of the
// one before. Short timers (PT0.5S, PT1S) and waits with deadlines, never sleeps; every timer is
// checked against its due date: it must never fire early.
import {
  instanceLiveStateSchema,
  processInstanceDetailSchema,
  processInstanceSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { timerBoundaryBpmn, timerCatchBpmn, timerStartBpmn, timerValue } from '../fixtures/bpmn-fixtures';
import { deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestServer, type TestServer } from '../support/test-support';

/** Long enough for a timer to fire on the real infrastructure, group join included. */
const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };

// A cycle of several firings takes seconds; the waits below have their own deadlines.
jest.setTimeout(30_000);

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

async function getInstance(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

async function completedElements(processInstanceKey: string): Promise<string[]> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
  return instanceLiveStateSchema.parse(answer.body).completedElementIds;
}

async function completed(processInstanceKey: string) {
  return waitFor(async () => {
    const instance = await getInstance(processInstanceKey);
    return instance.state === 'COMPLETED' ? instance : undefined;
  }, TIMEOUT);
}

async function instancesOf(processId: string) {
  const answer = await server.call('POST', '/v2/process-instances/search', {
    filter: { processDefinitionId: processId },
    page: { from: 0, limit: 100 },
  });
  return processInstanceSearchResponseSchema.parse(answer.body).items;
}

/** Every timer in the store (all partitions), to see which are still waiting. */
async function storedTimers() {
  const partitions = Array.from({ length: engine.topology().partitionsCount }, (_, index) => index);
  return engine.stores.timers.due(partitions, Number.MAX_SAFE_INTEGER, 10_000);
}

const millis = (iso: string | undefined) => Date.parse(iso ?? '');

describe('intermediate timer catch events', () => {
  it('wait for their duration, then the instance moves on; never early', async () => {
    const processId = uniqueName('timer-catch');
    await deploy(processId, timerCatchBpmn(processId, timerValue('timeDuration', 'PT1S')));
    const processInstanceKey = await startInstance(processId, { note: 'kept' });
    const waiting = await waitFor(async () => {
      const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
      const live = instanceLiveStateSchema.parse(answer.body);
      return live.activeElementIds.includes('wait') ? live : undefined;
    }, TIMEOUT);
    expect(waiting.state).toBe('ACTIVE');
    expect(
      (await storedTimers()).filter(
        (timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey,
      ),
    ).toHaveLength(1);

    const done = await completed(processInstanceKey);
    expect(done.variables).toEqual({ note: 'kept' });
    // The timer was armed when the instance started (one command): it fired no earlier than 1 s later.
    expect(millis(done.endDate) - millis(done.startDate)).toBeGreaterThanOrEqual(1000);
    expect(
      (await storedTimers()).filter(
        (timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey,
      ),
    ).toEqual([]);
  });

  it('wait until a date computed by FEEL from the variables', async () => {
    const processId = uniqueName('timer-date');
    await deploy(processId, timerCatchBpmn(processId, timerValue('timeDate', '=deadline')));
    const deadline = new Date(Date.now() + 800).toISOString();
    const done = await completed(await startInstance(processId, { deadline }));
    expect(millis(done.endDate)).toBeGreaterThanOrEqual(millis(deadline));
  });

  it('are canceled with their instance: the timer no longer waits', async () => {
    const processId = uniqueName('timer-cancel');
    await deploy(processId, timerCatchBpmn(processId, timerValue('timeDuration', 'PT1M')));
    const processInstanceKey = await startInstance(processId);
    await waitFor(
      async () =>
        (await storedTimers()).some(
          (timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey,
        ),
      TIMEOUT,
    );
    expect(
      (await server.call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`)).status,
    ).toBe(204);
    expect((await getInstance(processInstanceKey)).state).toBe('TERMINATED');
    expect(
      (await storedTimers()).filter(
        (timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey,
      ),
    ).toEqual([]);
  });
});

describe('timer start events', () => {
  it('R3/PT0.5S creates three instances, due half a second apart, never early, then stops', async () => {
    const processId = uniqueName('timer-cycle');
    const before = Date.now();
    await deploy(processId, timerStartBpmn(processId, timerValue('timeCycle', 'R3/PT0.5S')));
    const instances = await waitFor(async () => {
      const found = await instancesOf(processId);
      return found.length === 3 && found.every((instance) => instance.state === 'COMPLETED')
        ? found
        : undefined;
    }, TIMEOUT);
    const starts = instances.map((instance) => millis(instance.startDate)).sort((a, b) => a - b);
    // Never early: the n-th firing is due n × 500 ms after the deployment. (The gap between two
    // starts is not asserted: it is the due dates' gap plus the difference of two command latencies.)
    starts.forEach((start, index) => expect(start).toBeGreaterThanOrEqual(before + (index + 1) * 500));
    // The third firing was the last: no start timer of the process is left to fire a fourth.
    expect(
      (await storedTimers()).filter(
        (timer) => timer.kind === 'start' && timer.processDefinitionId === processId,
      ),
    ).toEqual([]);
    expect(await completedElements(instances[0]!.processInstanceKey)).toEqual(['tick', 'end']);
  });

  it('timeDate creates one instance at the date', async () => {
    const processId = uniqueName('timer-start-date');
    const date = new Date(Date.now() + 700).toISOString();
    await deploy(processId, timerStartBpmn(processId, timerValue('timeDate', date)));
    const [instance] = await waitFor(async () => {
      const found = await instancesOf(processId);
      return found.length === 1 ? found : undefined;
    }, TIMEOUT);
    expect(millis(instance!.startDate)).toBeGreaterThanOrEqual(millis(date));
    expect(
      (await storedTimers()).filter(
        (timer) => timer.kind === 'start' && timer.processDefinitionId === processId,
      ),
    ).toEqual([]);
  });

  it('a cron cycle fires on the second it names, and a new version without a timer stops it', async () => {
    const processId = uniqueName('timer-cron');
    const first = await deploy(processId, timerStartBpmn(processId, timerValue('timeCycle', '* * * * * *')));
    const instances = await waitFor(async () => {
      const found = await instancesOf(processId);
      return found.length >= 2 ? found : undefined;
    }, TIMEOUT);
    const seconds = new Set(instances.map((instance) => Math.floor(millis(instance.startDate) / 1000)));
    expect(seconds.size).toBe(instances.length);
    expect(instances.every((instance) => instance.processDefinitionKey === first.processDefinitionKey)).toBe(
      true,
    );

    const second = await deploy(
      processId,
      timerStartBpmn(processId, timerValue('timeDate', '2099-01-01T00:00:00Z')),
    );
    expect(second.processDefinitionVersion).toBe(first.processDefinitionVersion + 1);
    const left = (await storedTimers()).filter(
      (timer) => timer.kind === 'start' && timer.processDefinitionId === processId,
    );
    expect(left.map((timer) => [timer.processDefinitionKey, timer.dueDate])).toEqual([
      [second.processDefinitionKey, Date.parse('2099-01-01T00:00:00Z')],
    ]);
    // Deploying the same file again is no new version: the timer stays as it was.
    await deploy(processId, timerStartBpmn(processId, timerValue('timeDate', '2099-01-01T00:00:00Z')));
    expect(
      (await storedTimers()).filter(
        (timer) => timer.kind === 'start' && timer.processDefinitionId === processId,
      ),
    ).toEqual(left);
  });

  it('leave a plain start to the none start event, and a process with only timer starts cannot be started by hand', async () => {
    const both = uniqueName('timer-and-none');
    await deploy(
      both,
      timerStartBpmn(both, timerValue('timeDate', '2099-01-01T00:00:00Z'), { noneStart: true }),
    );
    const started = await startInstance(both);
    await completed(started);
    expect(await completedElements(started)).toEqual(['start', 'end']);

    const timerOnly = uniqueName('timer-only');
    await deploy(timerOnly, timerStartBpmn(timerOnly, timerValue('timeDate', '2099-01-01T00:00:00Z')));
    const refused = await server.call('POST', '/v2/process-instances', { processDefinitionId: timerOnly });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe('Start node for process definition not found.');
  });
});

describe('timer boundary events', () => {
  async function openJobs(jobType: string) {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type: jobType,
      worker: 'timer-test',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: -1,
    });
    expect(answer.status).toBe(200);
    return answer.body.jobs as { jobKey: string; processInstanceKey: string }[];
  }

  it('interrupting: the task is left through the boundary event when its timer fires, never early', async () => {
    const processId = uniqueName('timer-boundary');
    const jobType = uniqueName('slow');
    await deploy(processId, timerBoundaryBpmn(processId, jobType, timerValue('timeDuration', 'PT0.5S')));
    const processInstanceKey = await startInstance(processId);
    const done = await completed(processInstanceKey);
    expect(millis(done.endDate) - millis(done.startDate)).toBeGreaterThanOrEqual(500);
    expect(await completedElements(processInstanceKey)).toEqual(['start', 'timer', 'after-timer']);
    expect(await openJobs(jobType)).toEqual([]);
  });

  it('non-interrupting cycle: fires for each repetition while the task waits, which then completes', async () => {
    const processId = uniqueName('timer-reminder');
    const [jobType, reminderType] = [uniqueName('slow'), uniqueName('remind')];
    await deploy(
      processId,
      timerBoundaryBpmn(processId, jobType, timerValue('timeCycle', 'R2/PT0.5S'), false, reminderType),
    );
    const processInstanceKey = await startInstance(processId);
    // Each firing leaves a reminder job: both repetitions fired once two are there.
    const reminders: { jobKey: string; processInstanceKey: string }[] = [];
    await waitFor(async () => {
      reminders.push(...(await openJobs(reminderType)));
      return reminders.length >= 2;
    }, TIMEOUT);
    expect(reminders.map((reminder) => reminder.processInstanceKey)).toEqual([
      processInstanceKey,
      processInstanceKey,
    ]);
    // The last repetition arms nothing: once its removal is written, no timer of it is left.
    await waitFor(
      async () =>
        !(await storedTimers()).some(
          (timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey,
        ),
      TIMEOUT,
    );
    for (const reminder of reminders)
      expect((await server.call('POST', `/v2/jobs/${reminder.jobKey}/completion`, {})).status).toBe(204);
    const [job] = await openJobs(jobType);
    expect(job?.processInstanceKey).toBe(processInstanceKey);
    expect((await server.call('POST', `/v2/jobs/${job!.jobKey}/completion`, {})).status).toBe(204);
    const done = await completed(processInstanceKey);
    expect(millis(done.endDate) - millis(done.startDate)).toBeGreaterThanOrEqual(1000);
    expect(await openJobs(reminderType)).toEqual([]);
    expect(await completedElements(processInstanceKey)).toEqual([
      'start',
      'timer',
      'remind',
      'after-timer',
      'work',
      'end',
    ]);
  });
});
