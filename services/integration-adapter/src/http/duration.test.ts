import { parseDurationMs } from './duration';
import { retryAfterMs } from './retry-after';

it.each([
  ['2500', 2500],
  ['PT10S', 10_000],
  ['PT0.5S', 500],
  ['PT1M30S', 90_000],
  ['pt2h', 7_200_000],
  ['P1DT1S', 86_401_000],
])('reads the timeout %s as %i ms', (text, ms) => {
  expect(parseDurationMs(text)).toBe(ms);
});

it.each(['', 'P', 'PT', 'P1M', 'P1Y', '10s', '-5', '0', 'PT0S', 'soon'])('refuses %p', (text) => {
  expect(parseDurationMs(text)).toBeUndefined();
});

it('reads Retry-After as seconds or as a date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(retryAfterMs('7', now)).toBe(7000);
  expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  expect(retryAfterMs('whenever', now)).toBeUndefined();
  expect(retryAfterMs(undefined, now)).toBeUndefined();
});
