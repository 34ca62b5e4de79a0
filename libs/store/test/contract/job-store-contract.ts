// The behaviour every JobStore adapter shares, run against each adapter.
import type { JobStore } from '../../src/job-store';
import { job } from '../support/fixtures';

const request = { type: 'payment', worker: 'w1', timeoutMs: 1000, maxJobs: 10, now: 10_000 };

/** Registers the job store cases; `createStore` gives an empty store per test. */
export function describeJobStoreContract(name: string, createStore: () => Promise<JobStore>): void {
  describe(`${name}: job store contract`, () => {
    let store: JobStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('locks the oldest jobs for one worker: the next activation gets the others', async () => {
      for (const key of ['3', '1', '2']) await store.upsert(job(key));
      const first = await store.activate({ ...request, maxJobs: 2 });
      const second = await store.activate({ ...request, worker: 'w2' });
      expect(first.map((r) => r.job.jobKey)).toEqual(['3', '1']);
      expect(first[0]).toMatchObject({ worker: 'w1', deadline: 11_000 });
      expect(second.map((r) => `${r.job.jobKey}:${r.worker}`)).toEqual(['2:w2']);
      expect(await store.get('3')).toEqual({ job: job('3'), worker: 'w1', deadline: 11_000 });
    });

    it('never hands one job to two concurrent activations', async () => {
      for (const key of ['1', '2', '3', '4', '5']) await store.upsert(job(key));
      const results = await Promise.all(
        ['w1', 'w2', 'w3'].map((worker) => store.activate({ ...request, worker, maxJobs: 3 })),
      );
      const keys = results.flatMap((records) => records.map((r) => r.job.jobKey));
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      const remaining = await store.activate({ ...request, worker: 'w4' });
      expect([...keys, ...remaining.map((r) => r.job.jobKey)].sort()).toEqual(['1', '2', '3', '4', '5']);
    });

    it('moves the end of the lock of an activated job, and only while it is locked', async () => {
      await store.upsert(job('1'));
      await store.upsert(job('2'));
      expect(await store.updateLockDeadline('1', 50_000, 10_000)).toBe(false); // not activated
      await store.activate({ ...request, maxJobs: 1 });
      expect(await store.updateLockDeadline('1', 50_000, 10_500)).toBe(true);
      expect(await store.get('1')).toMatchObject({ worker: 'w1', deadline: 50_000 });
      expect((await store.activate({ ...request, now: 20_000 })).map((r) => r.job.jobKey)).toEqual(['2']);
      // Past the moved end, 1 is activatable again (and 2, whose lock ended at 21,000).
      expect((await store.activate({ ...request, now: 50_001 })).map((r) => r.job.jobKey)).toEqual([
        '1',
        '2',
      ]);
      expect(await store.updateLockDeadline('1', 90_000, 80_000)).toBe(false); // its lock ended
      expect(await store.updateLockDeadline('9', 90_000, 10_000)).toBe(false);
    });

    it('makes a job activatable again when its lock deadline passed', async () => {
      await store.upsert(job('1'));
      await store.activate(request);
      expect(await store.activate({ ...request, now: 10_999 })).toHaveLength(0);
      expect(await store.nextActivatableAt('payment', 10_000)).toBe(11_000);
      const again = await store.activate({ ...request, worker: 'w2', now: 11_000 });
      expect(again.map((r) => r.worker)).toEqual(['w2']);
      expect(again[0]?.deadline).toBe(12_000);
      expect(await store.activate({ ...request, worker: 'w3', now: 11_500 })).toHaveLength(0);
    });

    it('skips jobs whose retry back-off has not elapsed, and only activates the asked type', async () => {
      await store.upsert(job('1', { retryAt: 12_000 }));
      await store.upsert(job('2', { type: 'shipping' }));
      expect(await store.activate(request)).toHaveLength(0);
      expect(await store.nextActivatableAt('payment', 10_000)).toBe(12_000);
      expect(await store.nextActivatableAt('payment', 12_000)).toBeUndefined();
      expect(await store.nextActivatableAt('shipping', 10_000)).toBeUndefined();
      expect((await store.activate({ ...request, now: 12_000 })).map((r) => r.job.jobKey)).toEqual(['1']);
    });

    it('releases the lock on upsert (a retry) and forgets removed jobs', async () => {
      await store.upsert(job('1'));
      await store.activate(request);
      await store.upsert(job('1', { retries: 2 }));
      expect(await store.get('1')).toEqual({ job: job('1', { retries: 2 }) });
      const retried = await store.activate({ ...request, worker: 'w2', now: 10_500 });
      expect(retried.map((r) => `${r.job.jobKey}:${r.job.retries}:${r.worker}`)).toEqual(['1:2:w2']);
      await store.remove('1');
      expect(await store.get('1')).toBeUndefined();
      expect(await store.activate({ ...request, now: 20_000 })).toHaveLength(0);
    });

    it('keeps a job stored with a lock from every activation until the lock ends, then hands it out again', async () => {
      await store.applyChanges([
        { kind: 'upsert', job: job('1'), lock: { worker: 'kafka', deadline: 15_000 } },
        { kind: 'upsert', job: job('2') },
      ]);
      expect(await store.get('1')).toEqual({ job: job('1'), worker: 'kafka', deadline: 15_000 });
      expect((await store.activate({ ...request, timeoutMs: 10_000 })).map((r) => r.job.jobKey)).toEqual([
        '2',
      ]);
      expect(await store.activate({ ...request, worker: 'w2', now: 14_999 })).toHaveLength(0);
      expect(await store.nextActivatableAt('payment', 10_000)).toBe(15_000);
      const again = await store.activate({ ...request, worker: 'w3', now: 15_000 });
      expect(again.map((r) => `${r.job.jobKey}:${r.worker}`)).toEqual(['1:w3']);
      expect(await store.activate({ ...request, worker: 'w4', now: 15_500 })).toHaveLength(0);
      await store.remove('1');
      expect(await store.get('1')).toBeUndefined();
    });

    it('relabels a stored job (a migration moved it) keeping its lock; an unknown job stays unknown', async () => {
      await store.applyChanges([
        { kind: 'upsert', job: job('1') },
        { kind: 'upsert', job: job('2') },
      ]);
      const [held] = await store.activate({ ...request, maxJobs: 1 });
      expect(held?.job.jobKey).toBe('1');
      const moved = job('1', { elementId: 'charge-v2', processDefinitionKey: '900' });
      await store.applyChanges([
        { kind: 'relabel', job: moved },
        { kind: 'relabel', job: job('7', { elementId: 'nowhere' }) },
      ]);
      expect(await store.get('1')).toEqual({ job: moved, worker: held?.worker, deadline: held?.deadline });
      expect(await store.get('7')).toBeUndefined();
      // Still held: the next activation gets only the other job.
      expect((await store.activate({ ...request, worker: 'w2' })).map((r) => r.job.jobKey)).toEqual(['2']);
      expect(
        (await store.search({ elementId: 'charge-v2' }, { limit: 10 })).items.map((r) => r.job.jobKey),
      ).toEqual(['1']);
    });

    it('restores a job that is not stored, and leaves one stored (and its lock) as it is', async () => {
      await store.applyChanges([{ kind: 'upsert', job: job('1') }]);
      const [held] = await store.activate({ ...request, maxJobs: 1 });
      expect(held?.job.jobKey).toBe('1');
      await store.applyChanges([
        { kind: 'ensure', job: job('1', { retries: 9 }) },
        { kind: 'ensure', job: job('2') },
        { kind: 'ensure', job: job('3') },
        { kind: 'remove', jobKey: '3' },
      ]);
      expect(await store.get('1')).toEqual({ job: job('1'), worker: held?.worker, deadline: held?.deadline });
      expect(await store.get('2')).toEqual({ job: job('2') });
      expect(await store.get('3')).toBeUndefined();
      expect((await store.activate({ ...request, worker: 'w2' })).map((r) => r.job.jobKey)).toEqual(['2']);
    });

    it('stores a job marked created as an upsert would, and one stored already (a batch written again) as given', async () => {
      await store.applyChanges([
        { kind: 'upsert', job: job('1'), created: true },
        { kind: 'upsert', job: job('2'), lock: { worker: 'kafka', deadline: 15_000 }, created: true },
      ]);
      expect(await store.get('1')).toEqual({ job: job('1') });
      expect(await store.get('2')).toEqual({ job: job('2'), worker: 'kafka', deadline: 15_000 });
      // Written again with the mark: the stored versions are replaced, not refused.
      await store.applyChanges([
        {
          kind: 'upsert',
          job: job('1', { retries: 1 }),
          lock: { worker: 'kafka', deadline: 16_000 },
          created: true,
        },
        { kind: 'upsert', job: job('2', { retries: 2 }), created: true },
        { kind: 'upsert', job: job('3'), created: true },
      ]);
      expect(await store.get('1')).toEqual({
        job: job('1', { retries: 1 }),
        worker: 'kafka',
        deadline: 16_000,
      });
      expect(await store.get('2')).toEqual({ job: job('2', { retries: 2 }) });
      const activated = await store.activate({ ...request, now: 20_000 });
      expect(activated.map((r) => `${r.job.jobKey}:${r.job.retries}`)).toEqual(['1:1', '2:2', '3:3']);
    });

    it('applies the job changes of a dispatch together: the last change of each job wins', async () => {
      await store.applyChanges([{ kind: 'upsert', job: job('0') }]);
      await store.activate(request);
      await store.applyChanges([
        { kind: 'upsert', job: job('1') },
        { kind: 'upsert', job: job('2') },
        { kind: 'remove', jobKey: '1' },
        { kind: 'upsert', job: job('2', { retries: 1 }) },
        { kind: 'remove', jobKey: '0' },
        { kind: 'upsert', job: job('3') },
      ]);
      expect(await store.get('0')).toBeUndefined();
      expect(await store.get('1')).toBeUndefined();
      expect(await store.get('2')).toEqual({ job: job('2', { retries: 1 }) });
      const activated = await store.activate({ ...request, now: 20_000 });
      expect(activated.map((r) => `${r.job.jobKey}:${r.job.retries}`)).toEqual(['2:1', '3:3']);
    });

    it('keeps its place in line when a job is stored again, and moves it when its type changes', async () => {
      for (const key of ['1', '2']) await store.upsert(job(key));
      await store.upsert(job('1', { retries: 1 }));
      expect((await store.activate({ ...request, maxJobs: 1 })).map((r) => r.job.jobKey)).toEqual(['1']);
      await store.upsert(job('2', { type: 'shipping' }));
      expect(await store.activate(request)).toHaveLength(0);
      expect((await store.activate({ ...request, type: 'shipping' })).map((r) => r.job.jobKey)).toEqual([
        '2',
      ]);
    });

    it('returns the job as stored, custom headers included', async () => {
      const stored = job('1', {
        customHeaders: { 'a.b': 'dotted', $x: 'dollar', plain: 'ok' },
        errorMessage: 'boom',
        retryAt: 5_000,
      });
      await store.upsert(stored);
      const [activated] = await store.activate(request);
      expect(activated?.job).toEqual(stored);
      expect(await store.activate({ ...request, maxJobs: 0 })).toEqual([]);
    });
  });
}
