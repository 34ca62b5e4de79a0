// The behaviour every PartitionCheckpointStore adapter shares, run against each adapter.
import type { PartitionCheckpointStore } from '../../src/partition-checkpoint-store';

const TOPIC = 'baton.engine.commands.v1';

/** Registers the checkpoint store cases; `createStore` gives an empty store per test. */
export function describePartitionCheckpointStoreContract(
  name: string,
  createStore: () => Promise<PartitionCheckpointStore>,
): void {
  describe(`${name}: partition checkpoint store contract`, () => {
    let store: PartitionCheckpointStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('has no checkpoint for partitions never set', async () => {
      expect((await store.get(TOPIC, [0, 1, 2])).size).toBe(0);
      expect((await store.get(TOPIC, [])).size).toBe(0);
    });

    it('gives back the checkpoints set, only of the partitions asked for that exist', async () => {
      await store.set(TOPIC, [
        { partition: 0, offset: 120 },
        { partition: 2, offset: 0 },
        { partition: 5, offset: 2 ** 40 },
      ]);
      expect(await store.get(TOPIC, [0, 1, 2, 5])).toEqual(
        new Map([
          [0, 120],
          [2, 0],
          [5, 2 ** 40],
        ]),
      );
      expect(await store.get(TOPIC, [1, 5])).toEqual(new Map([[5, 2 ** 40]]));
    });

    it('moves a checkpoint forward, never back (a former owner writing late), and leaves the others', async () => {
      await store.set(TOPIC, [
        { partition: 0, offset: 100 },
        { partition: 1, offset: 50 },
      ]);
      await store.set(TOPIC, [{ partition: 0, offset: 300 }]);
      expect(await store.get(TOPIC, [0, 1])).toEqual(
        new Map([
          [0, 300],
          [1, 50],
        ]),
      );
      await store.set(TOPIC, [{ partition: 0, offset: 200 }]);
      await store.set(TOPIC, []);
      expect((await store.get(TOPIC, [0])).get(0)).toBe(300);
    });

    it('stops before its command when the fence throws', async () => {
      await expect(
        store.set(TOPIC, [{ partition: 3, offset: 7 }], () => {
          throw new Error('lease over');
        }),
      ).rejects.toThrow('lease over');
      expect((await store.get(TOPIC, [3])).get(3)).toBeUndefined();
    });

    it('keeps the checkpoints of each topic apart', async () => {
      await store.set(TOPIC, [{ partition: 0, offset: 7 }]);
      await store.set('other.commands', [{ partition: 0, offset: 9 }]);
      expect((await store.get(TOPIC, [0])).get(0)).toBe(7);
      expect((await store.get('other.commands', [0])).get(0)).toBe(9);
      expect((await store.get('third', [0])).size).toBe(0);
    });
  });
}
