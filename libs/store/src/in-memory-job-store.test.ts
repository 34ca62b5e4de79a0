import { InMemoryJobStore } from './in-memory-job-store';
import { job } from './test-fixtures';

const request = { type: 'payment', worker: 'w1', timeoutMs: 1000, maxJobs: 10, now: 10_000 };

describe('InMemoryJobStore', () => {
  it('locks jobs for one worker: a concurrent activation does not get them', async () => {
    const store = new InMemoryJobStore();
    await Promise.all(['1', '2', '3'].map((key) => store.upsert(job(key))));
    const [first, second] = await Promise.all([
      store.activate({ ...request, maxJobs: 2 }),
      store.activate({ ...request, worker: 'w2' }),
    ]);
    expect(first.map((r) => r.job.jobKey)).toEqual(['1', '2']);
    expect(second.map((r) => r.job.jobKey)).toEqual(['3']);
    expect(first[0]).toMatchObject({ worker: 'w1', deadline: 11_000 });
  });

  it('makes a job activatable again when its lock deadline passed', async () => {
    const store = new InMemoryJobStore();
    await store.upsert(job('1'));
    await store.activate(request);
    expect(await store.activate({ ...request, now: 10_999 })).toHaveLength(0);
    expect(await store.nextActivatableAt('payment', 10_000)).toBe(11_000);
    const again = await store.activate({ ...request, worker: 'w2', now: 11_000 });
    expect(again.map((r) => r.worker)).toEqual(['w2']);
  });

  it('skips jobs whose retry back-off has not elapsed, and only activates the asked type', async () => {
    const store = new InMemoryJobStore();
    await store.upsert(job('1', { retryAt: 12_000 }));
    await store.upsert(job('2', { type: 'shipping' }));
    expect(await store.activate(request)).toHaveLength(0);
    expect(await store.nextActivatableAt('payment', 10_000)).toBe(12_000);
    expect((await store.activate({ ...request, now: 12_000 })).map((r) => r.job.jobKey)).toEqual(['1']);
  });

  it('releases the lock on upsert (a retry) and forgets removed jobs', async () => {
    const store = new InMemoryJobStore();
    await store.upsert(job('1'));
    await store.activate(request);
    await store.upsert(job('1', { retries: 2 }));
    expect((await store.get('1'))?.worker).toBeUndefined();
    await store.remove('1');
    expect(await store.get('1')).toBeUndefined();
    expect(await store.activate(request)).toHaveLength(0);
  });
});
