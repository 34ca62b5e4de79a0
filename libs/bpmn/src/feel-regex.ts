// feelin's `matches`, `replace` and `split` again, on the linear-time patterns of
// feel-regex-pattern.ts, with their work charged to the evaluation's steps before it is done, so
// that a costly match is refused the same way on every run (replay needs that) instead of being
// timed. The budget (feel-budget.ts) invokes these in place of feelin's own, which answer only what
// they would refuse before matching (a pattern or flags feelin does not accept).
import { evaluate, FeelFunction } from 'feelin';
import { linearPattern, type LinearPattern } from './feel-regex-pattern';

/** Charges steps to the evaluation under way; throws when that takes it past its limit. */
export type ChargeSteps = (steps: number) => void;

/**
 * Characters × program instructions one step stands for. A step (a call, a range item) takes
 * 0.5–1.1 µs of feelin's time; re2js took up to 60–100 ns per character and instruction, searching
 * with capture groups (`(.*a){20}` over 100,000 characters: 580 ms).
 */
const SCAN_UNITS_PER_STEP = 8;
/** Characters of a result one step stands for (building a string is cheaper than searching one). */
const OUTPUT_CHARS_PER_STEP = 64;

/**
 * Steps for one search over `chars` characters: a search is linear, but `replace` and `split` search
 * again after each match and a search may scan to the end of the input (`x*y|x` over 8,000 `x`:
 * 8,000 searches of what is left, 1.1 s), so each search is charged for all it may scan.
 */
function searchSteps(chars: number, pattern: LinearPattern): number {
  return Math.ceil(((chars + 1) * pattern.programSize) / SCAN_UNITS_PER_STEP);
}

type Original = ((...args: unknown[]) => unknown) & { readonly $args: readonly string[] };

/** feelin's argument rule for `string` and `string?`: a list of one is its item, nil only if optional. */
function stringArguments(
  args: readonly unknown[],
  optional: readonly boolean[],
): (string | undefined)[] | undefined {
  const strings: (string | undefined)[] = [];
  for (let index = 0; index < optional.length; index += 1) {
    let value = args[index];
    if (Array.isArray(value) && value.length === 1) value = value[0] as unknown;
    if (typeof value === 'string') strings.push(value);
    else if ((value === null || value === undefined) && optional[index]) strings.push(undefined);
    else return undefined;
  }
  return strings;
}

function matches(
  charge: ChargeSteps,
  original: Original,
  input: string,
  pattern: string,
  flags = '',
): unknown {
  const linear = linearPattern(pattern, flags, '');
  if (!linear) return original(input, pattern, flags);
  charge(searchSteps(input.length, linear));
  return linear.regex.test(input);
}

/** The part of re2js's Matcher that `replace` drives, one match at a time. */
interface AppendingMatcher {
  find(): boolean;
  end(): number;
  /** The text since the previous match and the replacement, expanded as String.prototype.replace does. */
  appendReplacement(replacement: string): string;
  appendTail(): string;
}

function replace(
  charge: ChargeSteps,
  original: Original,
  input: string,
  pattern: string,
  replacement: string,
  flags = '',
): unknown {
  const linear = linearPattern(pattern, flags, 'g');
  if (!linear) return original(input, pattern, replacement, flags);
  const substitution = replacement.replace(/\$0/g, '$$&'); // FEEL's $0 is JavaScript's $&, as feelin has it
  // appendReplacement is re2js's (and java.util.regex's) public API; its typings mark it private
  const matcher = linear.regex.matcher(input) as unknown as AppendingMatcher;
  let result = '';
  let from = 0;
  for (;;) {
    charge(searchSteps(input.length - from, linear));
    if (!matcher.find()) break;
    const appended = matcher.appendReplacement(substitution);
    charge(Math.ceil(appended.length / OUTPUT_CHARS_PER_STEP));
    result += appended;
    from = matcher.end();
  }
  return result + matcher.appendTail();
}

/** Where a search resumes after an empty match at `index`: the next code point, as JavaScript's `u` does. */
function nextIndex(text: string, index: number): number {
  return index + ((text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1);
}

/** `text.split(new RegExp(delimiter, 'u'))` (ECMAScript's RegExp.prototype[@@split]): captures included. */
function split(charge: ChargeSteps, original: Original, text: string, delimiter: string): unknown {
  const linear = linearPattern(delimiter, '', '');
  if (!linear) return original(text, delimiter);
  const size = text.length;
  charge(searchSteps(size, linear));
  if (size === 0) return linear.regex.test(text) ? [] : [text];
  const parts: (string | undefined)[] = [];
  const matcher = linear.regex.matcher(text);
  let last = 0; // where the part being cut began
  let from = 0; // where the next search begins
  while (from < size && matcher.find(from)) {
    const start = matcher.start();
    if (start >= size) break;
    const end = Math.min(matcher.end(), size);
    if (end === last) {
      from = nextIndex(text, start); // an empty match where the part began cuts nothing
    } else {
      parts.push(text.slice(last, start));
      for (let group = 1; group <= matcher.groupCount(); group += 1)
        parts.push(matcher.group(group) ?? undefined);
      last = end;
      from = end;
    }
    charge(searchSteps(size - from, linear));
  }
  parts.push(text.slice(last));
  return parts;
}

type Implementation = (charge: ChargeSteps, original: Original, ...args: string[]) => unknown;

const implementations: readonly [name: string, optional: readonly boolean[], Implementation][] = [
  ['matches', [false, false, true], matches],
  ['replace', [false, false, false, true], replace],
  ['split', [false, false], split],
];

/**
 * feelin's regular-expression builtins (the functions `evaluate(name)` answers), each mapped to a
 * FEEL function with the same parameters that matches in linear time and charges `charge`.
 */
export function linearRegexBuiltins(charge: ChargeSteps): ReadonlyMap<unknown, FeelFunction> {
  const replacements = new Map<unknown, FeelFunction>();
  for (const [name, optional, implementation] of implementations) {
    const original = evaluate(name, {}).value as Original;
    const linear = (...args: unknown[]): unknown => {
      const strings = stringArguments(args, optional);
      if (!strings) return null; // as feelin answers arguments of the wrong type
      return implementation(charge, original, ...(strings as string[]));
    };
    replacements.set(original, new FeelFunction(linear, original.$args));
  }
  return replacements;
}
