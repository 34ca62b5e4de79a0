import { describeJobStoreContract } from '../test/contract/job-store-contract';
import { InMemoryJobStore } from './in-memory-job-store';
import { job } from '../test/support/fixtures';

describeJobStoreContract('InMemoryJobStore', () => Promise.resolve(new InMemoryJobStore()));

describe('InMemoryJobStore', () => {
  it('serves concurrent activations in call order, each within one call', async () => {
    const store = new InMemoryJobStore();
    await Promise.all(['1', '2', '3'].map((key) => store.upsert(job(key))));
    const request = { type: 'payment', worker: 'w1', timeoutMs: 1000, maxJobs: 2, now: 10_000 };
    const [first, second] = await Promise.all([
      store.activate(request),
      store.activate({ ...request, worker: 'w2', maxJobs: 10 }),
    ]);
    expect(first.map((r) => r.job.jobKey)).toEqual(['1', '2']);
    expect(second.map((r) => r.job.jobKey)).toEqual(['3']);
  });
});
