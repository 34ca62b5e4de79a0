import { keySchema } from '@baton/contracts';
import { KeyGenerator, nodeIdFromReplicaId } from './key-generator';
import { logPositionKeys } from './log-position-keys';

describe('logPositionKeys', () => {
  it('makes the same keys for the same command on every replay, and others for every other position', () => {
    const first = logPositionKeys({ partition: 3, offset: 41 });
    const again = logPositionKeys({ partition: 3, offset: 41 });
    const made = [first(), first(), first()];
    expect([again(), again(), again()]).toEqual(made);
    const others = [
      logPositionKeys({ partition: 3, offset: 42 })(),
      logPositionKeys({ partition: 4, offset: 41 })(),
    ];
    expect(new Set([...made, ...others]).size).toBe(5);
    for (const key of [...made, ...others]) expect(keySchema.safeParse(key).success).toBe(true);
  });

  it('never makes a key a replica makes', () => {
    let now = Date.UTC(2026, 0, 1);
    const replicas = [0, 959, nodeIdFromReplicaId('engine-a')].map(
      (nodeId) => new KeyGenerator({ nodeId, clock: () => now }),
    );
    const logKeys = new Set<string>();
    for (let offset = 0; offset < 200; offset++) {
      const next = logPositionKeys({ partition: offset % 64, offset: offset * 1_000_003 });
      for (let i = 0; i < 5; i++) logKeys.add(next());
    }
    const smallestLogKey = [...logKeys].map(BigInt).reduce((a, b) => (a < b ? a : b));
    for (const replica of replicas)
      for (let i = 0; i < 1000; i++) {
        now += 7;
        expect(BigInt(replica.next())).toBeLessThan(smallestLogKey);
      }
  });

  it('refuses a position it cannot encode and a command that asks for too many keys', () => {
    expect(() => logPositionKeys({ partition: 64, offset: 0 })).toThrow(RangeError);
    expect(() => logPositionKeys({ partition: 0, offset: 2 ** 38 })).toThrow(RangeError);
    const next = logPositionKeys({ partition: 0, offset: 0 });
    for (let i = 0; i < 32_768; i++) next();
    expect(() => next()).toThrow(/at most 32768 keys/);
  });
});
