import { jobFixture } from '../../test/support/job-fixture';
import type { Job } from '@baton/engine-core';
import { coalesceJobChanges, type PlannedJobChange } from './job-change-coalescing';

const job = (jobKey: string, retries = 3): Job =>
  jobFixture(jobKey, { processInstanceKey: '1', elementInstanceKey: '2', retries });

const upsert = (jobKey: string, created: boolean, retries = 3): PlannedJobChange => ({
  kind: 'upsert',
  job: job(jobKey, retries),
  created,
});
const remove = (jobKey: string): PlannedJobChange => ({ kind: 'remove', jobKey });

describe('coalesceJobChanges', () => {
  it('folds a relabel into the upsert of the same writes, and drops one after a removal', () => {
    const moved = { ...job('a'), elementId: 'charge-v2' };
    expect(coalesceJobChanges([upsert('a', true), { kind: 'relabel', job: moved }])).toEqual([
      { kind: 'upsert', job: moved, created: true },
    ]);
    expect(coalesceJobChanges([remove('b'), { kind: 'relabel', job: job('b') }])).toEqual([
      { kind: 'remove', jobKey: 'b' },
    ]);
    expect(coalesceJobChanges([{ kind: 'relabel', job: moved }])).toEqual([{ kind: 'relabel', job: moved }]);
  });

  it('writes nothing for a job created and closed between two writes', () => {
    expect(coalesceJobChanges([upsert('a', true), remove('a')])).toEqual([]);
  });

  it('removes a job that may be stored (created before, or sent again by a suspension) when it closes', () => {
    expect(coalesceJobChanges([upsert('a', false), remove('a')])).toEqual([{ kind: 'remove', jobKey: 'a' }]);
    expect(coalesceJobChanges([remove('b')])).toEqual([{ kind: 'remove', jobKey: 'b' }]);
  });

  it('keeps the last version of a job changed several times, marked created when no version was stored', () => {
    expect(
      coalesceJobChanges([
        upsert('a', true, 3),
        upsert('a', false, 2),
        upsert('b', true),
        upsert('c', false),
      ]),
    ).toEqual([
      { kind: 'upsert', job: job('a', 2), created: true },
      { kind: 'upsert', job: job('b'), created: true },
      { kind: 'upsert', job: job('c') },
    ]);
  });

  it('still writes a job created, closed and then changed again (the order of changes is kept per job)', () => {
    expect(coalesceJobChanges([upsert('a', false), remove('a'), upsert('a', false, 1)])).toEqual([
      { kind: 'upsert', job: job('a', 1) },
    ]);
  });
  it('restores a job only where nothing later decides about it (a replay of a stored instance)', () => {
    const ensure = (key: string, retries?: number) => ({ kind: 'ensure' as const, job: job(key, retries) });
    expect(
      coalesceJobChanges([
        ensure('a'),
        remove('a'),
        ensure('b'),
        upsert('b', false, 1),
        upsert('c', false),
        ensure('c'),
        ensure('d'),
        { kind: 'relabel', job: job('d', 5) },
        ensure('e'),
      ]),
    ).toEqual([
      { kind: 'remove', jobKey: 'a' },
      { kind: 'upsert', job: job('b', 1) },
      { kind: 'upsert', job: job('c') },
      { kind: 'ensure', job: job('d', 5) },
      { kind: 'ensure', job: job('e') },
    ]);
  });
});
