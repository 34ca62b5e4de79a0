import { OwnedInstances } from './owned-instances';

const document = (processInstanceKey: string, revision = 1) => ({ processInstanceKey, revision });

describe('OwnedInstances', () => {
  it('forgets the least recently used instance first when full', () => {
    const owned = new OwnedInstances({ partitionOf: () => 0, maxInstances: 2 });
    owned.remember(document('a'));
    owned.remember(document('b'));
    expect(owned.get('a')).toEqual(document('a')); // a is now the most recently used
    owned.remember(document('c'));
    expect(owned.get('b')).toBeUndefined();
    expect(owned.get('a')).toEqual(document('a'));
    expect(owned.get('c')).toEqual(document('c'));
    expect(owned.size).toBe(2);
  });

  it('keeps only the instances of the partitions still owned after a rebalance', () => {
    const owned = new OwnedInstances({ partitionOf: (key) => Number(key) % 3 });
    for (const key of ['0', '1', '2', '3', '4', '5']) owned.remember(document(key));
    owned.keepPartitions([1]);
    expect(['0', '1', '2', '3', '4', '5'].filter((key) => owned.get(key))).toEqual(['1', '4']);
  });

  it('forgets one partition taken again, keeping the others', () => {
    const owned = new OwnedInstances({ partitionOf: (key) => Number(key) % 3 });
    for (const key of ['0', '1', '2', '3', '4', '5']) owned.remember(document(key));
    owned.forgetPartition(1);
    expect(['0', '1', '2', '3', '4', '5'].filter((key) => owned.get(key))).toEqual(['0', '2', '3', '5']);
  });

  it('remembers the newest write of an instance', () => {
    const owned = new OwnedInstances({ partitionOf: () => 0 });
    owned.remember(document('a', 1));
    owned.remember(document('a', 2));
    expect(owned.get('a')?.revision).toBe(2);
    owned.forget('a');
    expect(owned.get('a')).toBeUndefined();
  });

  it('keeps a version committed and not yet stored past the bound, until it is stored', () => {
    const owned = new OwnedInstances({ partitionOf: () => 0, maxInstances: 1 });
    owned.remember(document('a', 1), true);
    owned.remember(document('a', 2), true);
    owned.remember(document('b'));
    // 'a' left the bounded set for 'b', but both its unstored versions pin the newest one.
    expect(owned.get('a')?.revision).toBe(2);
    owned.stored(document('a', 1));
    expect(owned.get('a')?.revision).toBe(2);
    owned.stored(document('a', 2));
    expect(owned.get('a')).toBeUndefined();
  });

  it('drops the pinned versions of partitions given away or taken again', () => {
    const owned = new OwnedInstances({ partitionOf: (key) => Number(key) % 2 });
    for (const key of ['0', '1', '2', '3']) owned.remember(document(key), true);
    owned.keepPartitions([1]);
    expect(['0', '1', '2', '3'].filter((key) => owned.get(key))).toEqual(['1', '3']);
    owned.forgetPartition(1);
    expect(['0', '1', '2', '3'].filter((key) => owned.get(key))).toEqual([]);
  });

  describe('an ended instance', () => {
    const version = (state: string) => (processInstanceKey: string, revision: number) => ({
      processInstanceKey,
      revision,
      state,
    });
    const ended = version('COMPLETED');
    const active = version('ACTIVE');
    const owned = () =>
      new OwnedInstances<{ processInstanceKey: string; revision: number; state: string }>({
        partitionOf: () => 0,
        ended: (document) => document.state !== 'ACTIVE',
      });

    it('is not held once its ending is stored', () => {
      const instances = owned();
      instances.remember(active('a', 1));
      instances.remember(ended('a', 2));
      expect(instances.get('a')).toBeUndefined();
      expect(instances.size).toBe(0);
    });

    it('is held while its ending is unstored, and let go when it is stored', () => {
      const instances = owned();
      instances.remember(active('a', 1), true);
      instances.remember(ended('a', 2), true);
      expect(instances.get('a')?.revision).toBe(2);
      instances.stored(active('a', 1));
      expect(instances.get('a')?.revision).toBe(2);
      instances.stored(ended('a', 2));
      expect(instances.get('a')).toBeUndefined();
    });

    it('leaves the active instances held', () => {
      const instances = owned();
      instances.remember(active('a', 1));
      instances.remember(ended('b', 1));
      expect(instances.get('a')?.revision).toBe(1);
      expect(instances.size).toBe(1);
    });
  });
});
