import type { ReplyBody } from '@baton/engine-core';
import type { InstanceDocument } from '@baton/store';
import { AnsweredCreates } from './answered-creates';
import { InstanceReads } from './instance-reads';
import { KeyGenerator } from './key-generator';
import { logPositionKeys } from './log-position-keys';

const start = Date.UTC(2026, 11, 7, 19, 0, 0);
const ownNode = 1;
const freshForMs = 10_000;

/** A store of instance documents, and a clock that moves only when a read waits. */
function world() {
  const documents = new Map<string, InstanceDocument>();
  const reads: string[] = [];
  let now = start;
  /** Stored once the clock reaches the time. */
  const arriving: { key: string; at: number }[] = [];
  const store = (key: string) =>
    documents.set(key, { processInstanceKey: key, state: 'ACTIVE' } as unknown as InstanceDocument);
  const answered = new AnsweredCreates();
  const reader = new InstanceReads({
    instances: {
      get: (key) => {
        reads.push(key);
        return Promise.resolve(documents.get(key));
      },
    },
    answered,
    nodeId: ownNode,
    freshForMs,
    clock: () => now,
    sleep: (ms) => {
      now += ms;
      for (const { key, at } of arriving) if (at <= now) store(key);
      return Promise.resolve();
    },
  });
  return {
    reader,
    answered,
    reads,
    store,
    arrives: (key: string, at: number) => arriving.push({ key, at }),
    elapsed: () => now - start,
  };
}

const keyOfNode = (nodeId: number, madeAt = start) =>
  new KeyGenerator({ nodeId, clock: () => madeAt }).next();

describe('InstanceReads', () => {
  it('reads a stored instance once, without waiting', async () => {
    const { reader, reads, store } = world();
    const key = keyOfNode(2);
    store(key);
    expect(await reader.get(key)).toMatchObject({ processInstanceKey: key });
    expect(reads).toEqual([key]);
  });

  it('waits for a create this replica answered and reads it once stored', async () => {
    const { reader, answered, store } = world();
    const key = keyOfNode(ownNode);
    let confirm!: (body: ReplyBody) => void;
    answered.track(key, new Promise((resolve) => (confirm = resolve)));
    const read = reader.get(key);
    store(key);
    confirm({ status: 'OK', processInstanceKey: key });
    expect(await read).toMatchObject({ processInstanceKey: key });
  });

  it("looks again for another replica's young key until its instance is stored", async () => {
    const { reader, arrives, elapsed } = world();
    const key = keyOfNode(2);
    arrives(key, start + 120);
    expect(await reader.get(key)).toMatchObject({ processInstanceKey: key });
    expect(elapsed()).toBeGreaterThanOrEqual(120);
    expect(elapsed()).toBeLessThan(400);
  });

  it("gives up on another replica's key once it is older than the fresh time", async () => {
    const { reader, elapsed } = world();
    const key = keyOfNode(2, start - 4_000);
    expect(await reader.get(key)).toBeUndefined();
    expect(elapsed()).toBe(freshForMs - 4_000);
  });

  it('does not wait for its own keys, old keys, keys made while applying, made-up keys', async () => {
    const { reader, reads, elapsed } = world();
    const keys = [
      keyOfNode(ownNode),
      keyOfNode(2, start - freshForMs - 1),
      logPositionKeys({ partition: 1, offset: 99 })(),
      // A Zeebe-style key: node 0, made "in 2042", beyond any clock skew.
      '2251799813685249',
      'not-a-key',
    ];
    for (const key of keys) expect(await reader.get(key)).toBeUndefined();
    expect(reads).toEqual(keys);
    expect(elapsed()).toBe(0);
  });
});
