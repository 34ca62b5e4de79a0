import { keySchema } from '@baton/contracts';
import { KeyGenerator, keyOrigin } from './key-generator';
import { logPositionKeys } from './log-position-keys';

describe('KeyGenerator', () => {
  it('makes valid, unique keys across two replicas working in the same milliseconds', () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const a = new KeyGenerator({ nodeId: 1, clock });
    const b = new KeyGenerator({ nodeId: 2, clock });
    const keys = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      if (i % 3000 === 0) now++;
      keys.add(a.next());
      keys.add(b.next());
    }
    expect(keys.size).toBe(20_000);
    for (const key of keys) expect(keySchema.safeParse(key).success).toBe(true);
  });

  it('stays monotonic when the clock steps back or the sequence overflows', () => {
    let now = Date.UTC(2026, 0, 1);
    const generator = new KeyGenerator({ nodeId: 7, clock: () => now });
    let previous = BigInt(generator.next());
    let outOfOrder = 0;
    for (let i = 0; i < 10_000; i++) {
      if (i === 5000) now -= 60_000;
      const key = BigInt(generator.next());
      if (key <= previous) outOfOrder++;
      previous = key;
    }
    expect(outOfOrder).toBe(0);
  });

  it('refuses a node id out of range', () => {
    expect(() => new KeyGenerator({ nodeId: 960 })).toThrow(RangeError);
  });

  it('tells the node and the time a key was made from the key alone', () => {
    const madeAt = Date.UTC(2026, 11, 7, 18, 0, 0, 123);
    const generator = new KeyGenerator({ nodeId: 959, clock: () => madeAt });
    expect(keyOrigin(generator.next())).toEqual({ nodeId: 959, madeAt });
    expect(keyOrigin(new KeyGenerator({ nodeId: 0, clock: () => madeAt }).next())).toEqual({
      nodeId: 0,
      madeAt,
    });
  });

  it('gives no origin for keys made while applying a command, nor for what is not a key', () => {
    expect(keyOrigin(logPositionKeys({ partition: 3, offset: 12345 })())).toBeUndefined();
    for (const notAKey of ['', 'abc', '-1', '12345678901234567890', '1.5'])
      expect(keyOrigin(notAKey)).toBeUndefined();
  });
});
