import { jobFixture } from '../../test/support/job-fixture';
import type { Effect, Job } from '@baton/engine-core';
import { InMemoryBus } from '@baton/messaging';
import { InMemoryJobStore, InMemoryUserTaskStore } from '@baton/store';
import { batonTopics } from '@baton/topics';
import { EffectDispatcher } from './effect-dispatcher';
import type { HandedOverJob } from './job-pusher';
import { JobWaiters } from './job-waiters';

const now = 1_000_000;

const job = jobFixture;

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
    // A caller without the owner's variables (no batch of its own) leaves every job to activation.
    await dispatcher.dispatch([created(job('healed'))]);
    expect(handed).toEqual([]);
    for (const key of ['later', 'held', 'other', 'retry', 'healed'])
      expect((await jobs.get(key))?.worker).toBeUndefined();
    expect(new Set(woken)).toEqual(new Set(['charge', 'ship']));
  });
});

describe('EffectDispatcher: the phases of a batch', () => {
  it('publishes events and handed-over jobs through the producer given (the transaction), replies only when announced', async () => {
    const bus = new InMemoryBus({ partitions: 1, topicPrefix: '' });
    const jobs = new InMemoryJobStore();
    const handedThrough: unknown[] = [];
    const dispatcher = new EffectDispatcher({
      bus,
      jobs,
      userTasks: new InMemoryUserTaskStore(),
      waiters: new JobWaiters(),
      topics: batonTopics(''),
      clock: () => now,
      kafkaJobs: {
        serves: () => true,
        lockFrom: (at) => ({ worker: 'kafka', deadline: at + 60_000 }),
        handOver: (_jobs, producer) => {
          handedThrough.push(producer);
          return Promise.resolve();
        },
      },
    });
    const busProduce = jest.spyOn(bus, 'produce');
    const transaction = { produce: jest.fn(() => Promise.resolve()) };
    const plan = dispatcher.plan(
      [
        created(job('1')),
        {
          type: 'INSTANCE_EVENT',
          event: { processInstanceKey: 'i' } as never,
        },
        {
          type: 'REPLY',
          target: { requestId: 'r', replicaId: 'replica-a' },
          body: { status: 'OK' } as never,
        },
      ],
      { variablesOf: () => ({}) },
    );
    await dispatcher.publish(plan, transaction);
    expect(handedThrough).toEqual([transaction]);
    expect(transaction.produce).toHaveBeenCalledTimes(1);
    expect(transaction.produce.mock.calls[0]).toEqual([
      batonTopics('').instanceEvents.name,
      [{ key: 'i', value: { processInstanceKey: 'i' }, headers: { processInstanceKey: 'i' } }],
    ]);
    // Nothing stored yet: the job change waits for the snapshot; no reply before it.
    expect(await jobs.get('1')).toBeUndefined();
    expect(busProduce).not.toHaveBeenCalled();
    await dispatcher.announce(plan);
    expect(busProduce.mock.calls.map(([topic]) => topic)).toEqual([batonTopics('').engineReplies.name]);
    await bus.close();
  });

  it("settles its own replica's replies in process and produces only the others'", async () => {
    const bus = new InMemoryBus({ partitions: 1, topicPrefix: '' });
    const settled: unknown[] = [];
    const dispatcher = new EffectDispatcher({
      bus,
      jobs: new InMemoryJobStore(),
      userTasks: new InMemoryUserTaskStore(),
      waiters: new JobWaiters(),
      topics: batonTopics(''),
      ownReplies: (reply) => reply.target.replicaId === 'replica-a' && settled.push(reply.target) > 0,
    });
    const busProduce = jest.spyOn(bus, 'produce');
    const reply = (requestId: string, replicaId: string): Effect => ({
      type: 'REPLY',
      target: { requestId, replicaId },
      body: { status: 'OK' } as never,
    });
    const plan = dispatcher.plan(
      [reply('r1', 'replica-a'), reply('r2', 'replica-b'), reply('r3', 'replica-a')],
      {},
    );
    await dispatcher.announce(plan);
    expect(settled).toEqual([
      { requestId: 'r1', replicaId: 'replica-a' },
      { requestId: 'r3', replicaId: 'replica-a' },
    ]);
    expect(busProduce).toHaveBeenCalledTimes(1);
    expect(busProduce.mock.calls[0]?.[1]).toEqual([
      {
        key: 'replica-b',
        value: { target: { requestId: 'r2', replicaId: 'replica-b' }, body: { status: 'OK' } },
      },
    ]);
    await bus.close();
  });

  it('marks a job new only when its instance did not hold it before the batch', () => {
    const { dispatcher } = setUp();
    const plan = dispatcher.plan([created(job('new')), created(job('again', { suspended: true }))], {
      mayBeStored: (j) => j.jobKey === 'again',
    });
    expect(plan.jobChanges.map((change) => change.created)).toEqual([true, false]);
  });
});
