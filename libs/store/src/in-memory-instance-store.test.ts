import { describeInstanceStoreContract } from '../test/contract/instance-store-contract';
import { describeInstanceSnapshotContract } from '../test/contract/instance-snapshot-contract';
import { InMemoryInstanceStore } from './in-memory-instance-store';
import { instanceDocument } from '../test/support/fixtures';

describeInstanceStoreContract('InMemoryInstanceStore', () => Promise.resolve(new InMemoryInstanceStore()));
describeInstanceStoreContract('InMemoryInstanceStore with copyOnWrite', () =>
  Promise.resolve(new InMemoryInstanceStore({ copyOnWrite: true })),
);
describeInstanceSnapshotContract('InMemoryInstanceStore', () => Promise.resolve(new InMemoryInstanceStore()));
describeInstanceSnapshotContract('InMemoryInstanceStore with copyOnWrite', () =>
  Promise.resolve(new InMemoryInstanceStore({ copyOnWrite: true })),
);

describe('InMemoryInstanceStore', () => {
  it('keeps its own copy of what was written when asked to', async () => {
    const store = new InMemoryInstanceStore({ copyOnWrite: true });
    const variables: Record<string, Record<string, unknown>> = { '1': { a: 1 } };
    await store.writeBatch([{ document: instanceDocument('1', { variables }), expectedRevision: 0 }]);
    variables['1']!['a'] = 2;
    expect((await store.get('1'))?.variables['1']).toEqual({ a: 1 });
    await store.saveSnapshot([{ document: instanceDocument('2', { variables }), stored: false }]);
    variables['1']!['a'] = 3;
    expect((await store.get('2'))?.variables['1']).toEqual({ a: 2 });
  });
});
