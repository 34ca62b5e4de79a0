import { describeJobStoreContract } from '../../test/contract/job-store-contract';
import type { JobStore } from '../job-store';
import { job } from '../../test/support/fixtures';
import type { JobLockRecord } from './job-lock-claims';
import { openMongoStores } from './mongo-stores';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
let otherClient: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
  otherClient = await TestDatabases.connect();
});
afterAll(async () => {
  await otherClient.dropAll();
  await databases.dropAll();
});

describeJobStoreContract('MongoJobStore', async () => (await databases.openStores()).jobs);

describe('MongoJobStore', () => {
  it('never hands a job to two stores on different clients activating concurrently', async () => {
    const dbName = databases.newDatabaseName();
    const first = (await databases.openStores({}, dbName)).jobs;
    const second = (await openMongoStores(otherClient.client.db(dbName))).jobs;
    const jobKeys = Array.from({ length: 50 }, (_unused, index) => String(5000 + index));
    for (const jobKey of jobKeys) await first.upsert(job(jobKey));

    const drain = async (store: JobStore, worker: string): Promise<string[]> => {
      const taken: string[] = [];
      for (;;) {
        const batch = await store.activate({
          type: 'payment',
          worker,
          timeoutMs: 60_000,
          maxJobs: 4,
          now: 10_000,
        });
        if (batch.length === 0) return taken;
        taken.push(...batch.map((record) => record.job.jobKey));
      }
    };
    const taken = await Promise.all([
      drain(first, 'a1'),
      drain(second, 'b1'),
      drain(first, 'a2'),
      drain(second, 'b2'),
    ]);
    const all = taken.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(jobKeys);
    // Every job is recorded with the worker it was handed to.
    const owners = new Map(
      taken.flatMap((keys, index) => keys.map((key) => [key, ['a1', 'b1', 'a2', 'b2'][index]])),
    );
    for (const jobKey of jobKeys) expect((await second.get(jobKey))?.worker).toBe(owners.get(jobKey));
  });

  it('removes a job, and sweeps claims whose lock ended long ago', async () => {
    const dbName = databases.newDatabaseName();
    const claims = databases.client.db(dbName).collection<JobLockRecord>('jobLocks');
    const stores = await databases.openStores({}, dbName);
    const claimsOfJobs = async () => (await claims.find({}).toArray()).map((claim) => claim.jobKey).sort();
    await stores.jobs.upsert(job('1'));
    await stores.jobs.upsert(job('2', { type: 'shipping' }));
    const request = { type: 'payment', worker: 'w', timeoutMs: 1000, maxJobs: 1 };
    // Job 1 activated three times, each lock ended (long ago: these clocks are in 1970).
    for (const now of [10_000, 11_500, 13_000])
      expect((await stores.jobs.activate({ ...request, now })).map((r) => r.job.jobKey)).toEqual(['1']);
    // Job 2 locked now, for an hour: a claim in force.
    const now = Date.now();
    const locked = await stores.jobs.activate({ ...request, type: 'shipping', timeoutMs: 3_600_000, now });
    expect(locked.map((r) => r.job.jobKey)).toEqual(['2']);
    // A claim left behind by a job removed before (say, at its sixth activation).
    await claims.insertOne({ _id: 'gone#6', jobKey: 'gone', generation: 6, worker: 'w', deadline: 1 });
    expect(await claimsOfJobs()).toEqual(['1', '1', '1', '2', 'gone']);

    await stores.jobs.remove('1');
    expect(await stores.jobs.get('1')).toBeUndefined();
    expect(await claimsOfJobs()).toEqual(['2']);
    expect((await stores.jobs.get('2'))?.worker).toBe('w');
  });

  it('hands out at once a job stored again under its key, though a claim of its earlier life is in force', async () => {
    // An incident's resolution reopens a job under its key; its old lock must not hold it.
    const stores = await databases.openStores();
    await stores.jobs.upsert(job('1'));
    const request = { type: 'payment', timeoutMs: 3_600_000, maxJobs: 1, now: Date.now() };
    expect(await stores.jobs.activate({ ...request, worker: 'before' })).toHaveLength(1);
    await stores.jobs.remove('1');
    await stores.jobs.upsert(job('1'));
    const again = await stores.jobs.activate({ ...request, worker: 'after' });
    expect(again.map((record) => [record.job.jobKey, record.worker])).toEqual([['1', 'after']]);
    expect((await stores.jobs.get('1'))?.worker).toBe('after');
  });

  it('hands a job out again once the lock of a worker that vanished has ended', async () => {
    const dbName = databases.newDatabaseName();
    const first = (await databases.openStores({}, dbName)).jobs;
    const second = (await openMongoStores(otherClient.client.db(dbName))).jobs;
    await first.upsert(job('1'));
    const request = { type: 'payment', timeoutMs: 1000, maxJobs: 5 };
    expect(await first.activate({ ...request, worker: 'w1', now: 10_000 })).toHaveLength(1);
    const [late, early] = await Promise.all([
      second.activate({ ...request, worker: 'w2', now: 11_000 }),
      first.activate({ ...request, worker: 'w3', now: 10_500 }),
    ]);
    expect(early).toHaveLength(0);
    expect(late.map((record) => record.worker)).toEqual(['w2']);
    expect(await first.nextActivatableAt('payment', 11_000)).toBe(12_000);
  });
});
