import { exponentialBackOff, RetryLedger } from './retry-ledger';

it('counts the retries a job consumed since its first delivery here', () => {
  const ledger = new RetryLedger();
  expect(ledger.consumed('1', 5)).toBe(0);
  expect(ledger.consumed('1', 4)).toBe(1);
  expect(ledger.consumed('1', 2)).toBe(3);
  // An operator raised the retries: counting starts again.
  expect(ledger.consumed('1', 10)).toBe(0);
  ledger.forget('1');
  expect(ledger.consumed('1', 3)).toBe(0);
});

it('forgets the oldest jobs beyond its capacity', () => {
  const ledger = new RetryLedger(2);
  ledger.consumed('a', 3);
  ledger.consumed('b', 3);
  ledger.consumed('c', 3);
  expect(ledger.consumed('a', 2)).toBe(0);
  expect(ledger.consumed('c', 2)).toBe(1);
});

it('doubles the back-off per retry consumed, up to the cap', () => {
  expect([0, 1, 2, 3, 10, 100].map((consumed) => exponentialBackOff(consumed, 1000, 60_000))).toEqual([
    1000, 2000, 4000, 8000, 60_000, 60_000,
  ]);
});
