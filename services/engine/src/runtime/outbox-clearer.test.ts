import type { InstanceStore, OutboxTarget } from '@baton/store';
import { OutboxClearer } from './outbox-clearer';

/** A store whose clears wait until the test lets them finish, recording what was cleared. */
function blockingStore() {
  const cleared: OutboxTarget[][] = [];
  let release: () => void = () => undefined;
  const store = {
    clearOutboxes: (targets: readonly OutboxTarget[]) => {
      cleared.push([...targets]);
      return new Promise<ReadonlySet<string>>((resolve) => {
        release = () => resolve(new Set(targets.map((target) => target.processInstanceKey)));
      });
    },
  } as unknown as InstanceStore;
  return { store, cleared, release: () => release() };
}

/** Lets the flush, queued behind the previous one, start its clear. */
const started = () => new Promise((resolve) => setImmediate(resolve));

describe('OutboxClearer', () => {
  it('drops the pending clear of an instance written again, still knowing its effects went out', async () => {
    const { store, cleared } = blockingStore();
    const clearer = new OutboxClearer({ instances: store, delayMs: 60_000 });
    await clearer.dispatched([
      { processInstanceKey: '1', revision: 1 },
      { processInstanceKey: '2', revision: 1 },
    ]);
    await clearer.beforeWriting(['1']);
    expect(clearer.wasDispatched('1', 1)).toBe(true); // a retried write still does not carry them
    void clearer.flush();
    await started();
    expect(cleared).toEqual([[{ processInstanceKey: '2', revision: 1 }]]);
  });

  it('makes a writer wait for a clear of its instance that is running', async () => {
    const { store, release } = blockingStore();
    const clearer = new OutboxClearer({ instances: store, delayMs: 60_000 });
    await clearer.dispatched([{ processInstanceKey: '1', revision: 1 }]);
    const flushed = clearer.flush();
    await started(); // the clear of 1 is running now
    let writerWent = false;
    const writer = clearer.beforeWriting(['1']).then(() => (writerWent = true));
    await Promise.resolve();
    expect(writerWent).toBe(false);
    release();
    await Promise.all([flushed, writer]);
    expect(writerWent).toBe(true);
    expect(clearer.wasDispatched('1', 1)).toBe(false);
  });
});
