// `$like` matching: the same answers as the plain regular expression on small inputs, and linear
// time on the value that froze the server (`*a*a*a*b` on a long run of `a`s), in memory and in
// the form sent to a backtracking MongoDB server (PCRE; V8's engine backtracks the same way).
import { matchesLike } from './like-match';
import { likeRegexSource } from './mongo/like-regex';

/** The translation every adapter used before: right answers, exponential time. */
const naiveRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((run) => run.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );

/** A small deterministic generator, so that a failure can be replayed. */
function randomText(seed: number, alphabet: string, maxLength: number): { text: string; next: number } {
  let state = seed;
  const step = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  const length = step() % (maxLength + 1);
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[step() % alphabet.length];
  return { text, next: step() };
}

describe('matchesLike', () => {
  it.each([
    ['"Nice*"', '"Nice Pizza"', true],
    ['*Pizza*', '"Nice Pizza"', true],
    ['*Pizza', '"Nice Pizza"', false],
    ['"a*a"', '"a"', false],
    ['**', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('%s on %s is %s', (pattern, text, expected) => {
    expect(matchesLike(pattern, text)).toBe(expected);
    expect(naiveRegex(pattern).test(text)).toBe(expected);
  });

  it('answers as the regular expression does on 2,000 random patterns and texts', () => {
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      const pattern = randomText(seed, 'ab*', 6);
      const text = randomText(pattern.next, 'ab', 10);
      seed = text.next;
      const expected = naiveRegex(pattern.text).test(text.text);
      expect([pattern.text, text.text, matchesLike(pattern.text, text.text)]).toEqual([
        pattern.text,
        text.text,
        expected,
      ]);
      expect(new RegExp(likeRegexSource(pattern.text, 'backtracking'), 's').test(text.text)).toBe(expected);
      expect(new RegExp(likeRegexSource(pattern.text, 'automaton'), 's').test(text.text)).toBe(expected);
    }
  });

  // 650 characters took the plain regular expression 51 s; these are 1,000 times longer. The bounds
  // below tell linear from cubic, not fast from slow: generous, since the suite shares the cores.
  const longValue = JSON.stringify('a'.repeat(650_000));
  const hostile = '*a*a*a*a*a*a*a*a*b';

  it('matches a hostile pattern against a long value in linear time', () => {
    const started = performance.now();
    expect(matchesLike(hostile, longValue)).toBe(false);
    expect(matchesLike('*a*a*a*', longValue)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("sends a backtracking server a form that runs in linear time (V8's engine backtracks like PCRE)", () => {
    const regex = new RegExp(likeRegexSource(hostile, 'backtracking'), 's');
    const started = performance.now();
    expect(regex.test(longValue)).toBe(false);
    expect(new RegExp(likeRegexSource('"a*a*a"', 'backtracking'), 's').test(longValue)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
