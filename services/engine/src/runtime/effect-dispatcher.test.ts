import type { Effect, Job } from '@baton/engine-core';
import { InMemoryBus } from '@baton/messaging';
import { InMemoryJobStore, InMemoryUserTaskStore } from '@baton/store';
import { batonTopics } from '@baton/topics';
import { EffectDispatcher } from './effect-dispatcher';
import type { HandedOverJob } from './job-pusher';
import { JobWaiters } from './job-waiters';

const now = 1_000_000;

function job(jobKey: string, fields: Partial<Job> = {}): Job {
  return {
    jobKey,
    type: 'charge',
    processInstanceKey: `instance-${jobKey}`,
    processDefinitionKey: '100',
    processDefinitionId: 'order',
    processDefinitionVersion: 1,
    elementId: 'charge',
    elementInstanceKey: `element-${jobKey}`,
    customHeaders: {},
    retries: 3,
    state: 'ACTIVATABLE',
    tenantId: '<default>',
    ...fields,
  };
}

function setUp() {
  const jobs = new InMemoryJobStore();
  const waiters = new JobWaiters();
  const woken: string[] = [];
  jest.spyOn(waiters, 'notify').mockImplementation((types) => void woken.push(...types));
  const handed: HandedOverJob[] = [];
  const dispatcher = new EffectDispatcher({
    bus: new InMemoryBus({ partitions: 1, topicPrefix: '' }),
    jobs,
    userTasks: new InMemoryUserTaskStore(),
    waiters,
    topics: batonTopics(''),
    clock: () => now,
    kafkaJobs: {
      serves: (type) => type === 'charge',
      lockFrom: (at) => ({ worker: 'kafka', deadline: at + 60_000 }),
      handOver: (jobs) => {
        handed.push(...jobs);
        return Promise.resolve();
      },
    },
  });
  return { dispatcher, jobs, woken, handed };
}

const created = (j: Job): Effect => ({ type: 'JOB_CREATED', job: j });

describe('EffectDispatcher: jobs of Kafka workers', () => {
  it('hands a new job straight over with the variables its owner holds, stored locked, waking no poller', async () => {
    const { dispatcher, jobs, woken, handed } = setUp();
    await dispatcher.dispatch([created(job('1'))], { variablesOf: () => ({ amount: 42 }) });
    expect(handed).toEqual([{ job: job('1'), variables: { amount: 42 }, deadline: now + 60_000 }]);
    expect(await jobs.get('1')).toEqual({ job: job('1'), worker: 'kafka', deadline: now + 60_000 });
    expect(await jobs.activate({ type: 'charge', worker: 'rest', timeoutMs: 1, maxJobs: 9, now })).toEqual(
      [],
    );
    expect(woken).toEqual([]);
  });

  it('leaves to activation what the owner cannot hand over now', async () => {
    const { dispatcher, jobs, woken, handed } = setUp();
    const effects: Effect[] = [
      created(job('later', { retryAt: now + 5_000 })),
      created(job('held', { suspended: true })),
      created(job('continuation', { asyncContinuation: 'before' })),
      created(job('other', { type: 'ship' })),
      { type: 'JOB_RETRY', job: job('retry') },
    ];
    await dispatcher.dispatch(effects, { variablesOf: () => ({}) });
    // An outbox healed after a crash comes without the owner's variables.
    await dispatcher.dispatch([created(job('healed'))]);
    expect(handed).toEqual([]);
    for (const key of ['later', 'held', 'other', 'retry', 'healed'])
      expect((await jobs.get(key))?.worker).toBeUndefined();
    expect(new Set(woken)).toEqual(new Set(['charge', 'ship']));
  });
});
