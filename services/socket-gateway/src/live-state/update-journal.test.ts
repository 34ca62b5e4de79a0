// The journal a resuming client is served from: what comes after a cursor (revision, and updates
// of it seen), what it cannot answer (evicted by count or age, never read), and redeliveries.
import type { InstanceLiveState } from '@baton/contracts';
import { liveState } from '../testing/fake-engine';
import { UpdateJournal } from './update-journal';

const processDefinitionId = 'order';
const key = '2251799813685249';
const at = (revision: number, activeElementId = 'Task'): InstanceLiveState =>
  liveState({ processDefinitionId, processInstanceKey: key, revision, activeElementIds: [activeElementId] });
const described = (states: readonly InstanceLiveState[] | undefined) =>
  states?.map((state) => `${state.revision}:${state.activeElementIds.join()}`);

describe('UpdateJournal', () => {
  it('answers the updates after a revision the client has in full, in order', () => {
    const journal = new UpdateJournal();
    for (const revision of [1, 2, 3, 4]) journal.record(at(revision, `T${revision}`));

    expect(described(journal.after(key, { revision: 2 }))).toEqual(['3:T3', '4:T4']);
    expect(described(journal.after(key, { revision: 4 }))).toEqual([]);
    // A client ahead of this replica (it came from one that read further): nothing yet.
    expect(described(journal.after(key, { revision: 9 }))).toEqual([]);
  });

  it('counts the updates of one engine write, so a client cut off in the middle of one gets the rest', () => {
    const journal = new UpdateJournal();
    journal.record(at(1, 'A'));
    journal.record(at(2, 'Gateway'));
    journal.record(at(2, 'B'));
    journal.record(at(2, 'C'));
    journal.record(at(3, 'End'));

    expect(described(journal.after(key, { revision: 2, updatesAtRevision: 1 }))).toEqual([
      '2:B',
      '2:C',
      '3:End',
    ]);
    expect(described(journal.after(key, { revision: 2, updatesAtRevision: 3 }))).toEqual(['3:End']);
    expect(described(journal.after(key, { revision: 2 }))).toEqual(['3:End']);
  });

  it('cannot answer for an instance it never read, or from before what it holds', () => {
    const journal = new UpdateJournal({ maxUpdates: 2 });
    for (const revision of [1, 2, 3]) journal.record(at(revision));

    expect(journal.after('1', { revision: 1 })).toBeUndefined();
    expect(journal.after(key, { revision: 1 })).toBeUndefined();
    expect(described(journal.after(key, { revision: 2 }))).toEqual(['3:Task']);
    expect(journal.size).toBe(2);
  });

  it('forgets updates older than the retention window', () => {
    let now = 0;
    const journal = new UpdateJournal({ retentionMs: 1000, now: () => now });
    journal.record(at(1));
    now = 600;
    journal.record(at(2));

    expect(described(journal.after(key, { revision: 1 }))).toEqual(['2:Task']);
    now = 1000;
    expect(journal.after(key, { revision: 1 })).toBeUndefined();
    expect(described(journal.after(key, { revision: 2 }))).toEqual([]);
    now = 1600;
    expect(journal.after(key, { revision: 2 })).toBeUndefined();
    expect(journal.size).toBe(0);
  });

  it('ignores events the bus delivers again, and states older than the last one', () => {
    const journal = new UpdateJournal();
    journal.record(at(1, 'A'), { partition: 3, offset: 10 });
    journal.record(at(2, 'B'), { partition: 3, offset: 11 });
    journal.record(at(2, 'B'), { partition: 3, offset: 11 });
    journal.record(at(1, 'A'), { partition: 3, offset: 10 });
    journal.record(at(1, 'A'));

    expect(described(journal.after(key, { revision: 1, updatesAtRevision: 1 }))).toEqual(['2:B']);
  });
});
