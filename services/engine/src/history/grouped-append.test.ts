import type { HistoryEntry } from '@baton/contracts';
import { GroupedAppend } from './grouped-append';

const entry = (key: string, revision: number) =>
  ({ processInstanceKey: key, revision }) as unknown as HistoryEntry;

/** A store whose appends wait until released, recording what each carried. */
function heldStore() {
  const writes: string[][] = [];
  const releases: ((error?: Error) => void)[] = [];
  return {
    writes,
    release: (error?: Error) => releases.shift()?.(error),
    append: (entries: readonly HistoryEntry[]) => {
      writes.push(entries.map((e) => `${e.processInstanceKey}:${e.revision}`));
      return new Promise<void>((resolve, reject) =>
        releases.push((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupedAppend', () => {
  it('writes the batches of one turn together, and those that come during a write in the next', async () => {
    const store = heldStore();
    const appends = new GroupedAppend(store);
    const first = appends.append([entry('1', 1)]);
    const second = appends.append([entry('2', 1), entry('2', 2)]);
    await tick();
    expect(store.writes).toEqual([['1:1', '2:1', '2:2']]);
    const third = appends.append([entry('3', 1)]);
    const fourth = appends.append([entry('4', 1)]);
    store.release();
    await Promise.all([first, second]);
    await tick();
    expect(store.writes).toEqual([
      ['1:1', '2:1', '2:2'],
      ['3:1', '4:1'],
    ]);
    store.release();
    await Promise.all([third, fourth]);
  });

  it('fails every batch of a failed write, and goes on with the next', async () => {
    const store = heldStore();
    const appends = new GroupedAppend(store);
    const failed = [appends.append([entry('1', 1)]), appends.append([entry('2', 1)])];
    await tick();
    const later = appends.append([entry('3', 1)]);
    store.release(new Error('disk full'));
    for (const batch of failed) await expect(batch).rejects.toThrow('disk full');
    await tick();
    store.release();
    await expect(later).resolves.toBeUndefined();
    expect(store.writes).toEqual([['1:1', '2:1'], ['3:1']]);
  });

  it('answers an empty batch at once, without a write', async () => {
    const store = heldStore();
    await new GroupedAppend(store).append([]);
    expect(store.writes).toEqual([]);
  });
});
