// FEEL patterns compiled for a linear-time matcher (issue 18): re2js, a pure-JavaScript port of RE2
// (an automaton: time grows with input length × program size, never exponentially), in place of
// V8's backtracking engine, where `matches(x, "(a|a)*b")` on 28 characters ran 47 s and nothing in
// the thread could stop it. V8's own linear engine (behind a start-up flag) was measured and
// rejected: it does not take patterns with the `u` flag, which feelin always sets — the same
// pattern still took 2 s on 24 characters. The native `re2` package downloads a prebuilt binary
// at install, which a fresh clone here cannot.
import { RE2JS } from 're2js';

/** A pattern JavaScript accepts that RE2 cannot run in linear time (a back-reference, a lookaround). */
export class FeelPatternRefused extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    const shown = pattern.length > 100 ? `${pattern.slice(0, 100)}…` : pattern;
    super(
      `the pattern '${shown}' cannot be matched in linear time (${reason}): FEEL regular expressions run on RE2, without back-references or lookarounds`,
    );
    this.name = 'FeelPatternRefused';
  }
}

/** A pattern ready for re2js, with what its work is charged by. */
export interface LinearPattern {
  readonly regex: RE2JS;
  /** RE2's instruction count: a search costs at most this much per character it scans. */
  readonly programSize: number;
}

// JavaScript's `\s` (white space and line terminators) and `.` (anything but a line terminator);
// RE2's `\s` is ASCII only and its `.` stops only at `\n`, so both are spelled out for it.
const JS_SPACE =
  '\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const JS_ANY_BUT_LINE_TERMINATOR = '[^\\n\\r\\x{2028}\\x{2029}]';

/** `source` (RE2 syntax) with `\s`, `\S` and `.` meaning what they mean in JavaScript. */
function withJavaScriptClasses(source: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      index += 1;
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += char + next; // `\S` inside a class keeps RE2's ASCII meaning
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
      if (source[index + 1] === '^') out += source[++index];
      if (source[index + 1] === ']') out += source[++index]; // RE2 reads a leading `]` as a member
    } else if (char === '.' && !dotAll) out += JS_ANY_BUT_LINE_TERMINATOR;
    else out += char;
  }
  return out;
}

/**
 * Whether feelin itself accepts the pattern and flags: it builds `new RegExp(pattern, 'u' + flags +
 * extra)` after refusing flags other than s, m, i and x (x is not implemented). Building a RegExp
 * only parses it; V8 matches nothing until it is executed.
 */
function feelinAccepts(pattern: string, flags: string, extra: string): boolean {
  if (!/^[smi]*$/.test(flags)) return false;
  try {
    new RegExp(pattern, `u${flags}${extra}`);
    return true;
  } catch {
    return false;
  }
}

function compile(pattern: string, flags: string): LinearPattern | FeelPatternRefused {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  try {
    const source = withJavaScriptClasses(RE2JS.translateRegExp(pattern), flags.includes('s'));
    const regex = RE2JS.compile(source, bits);
    return { regex, programSize: Math.max(1, regex.programSize()) };
  } catch (error) {
    return new FeelPatternRefused(pattern, error instanceof Error ? error.message : String(error));
  }
}

/** Compiling costs 10–35 µs a pattern against 1–2 µs a match: expressions repeat their patterns. */
const CACHE_SIZE = 256;
const compiled = new Map<string, LinearPattern | FeelPatternRefused>();

/**
 * The pattern feelin would build as `new RegExp(pattern, 'u' + flags + extra)`, for re2js; undefined
 * when feelin refuses the pattern or its flags (its own builtin then answers, failing before it
 * matches anything). Throws FeelPatternRefused when RE2 cannot run a pattern JavaScript accepts.
 */
export function linearPattern(pattern: string, flags: string, extra: '' | 'g'): LinearPattern | undefined {
  if (!feelinAccepts(pattern, flags, extra)) return undefined;
  const key = `${flags}/${pattern}`;
  let entry = compiled.get(key);
  if (entry === undefined) {
    entry = compile(pattern, flags);
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, entry);
  }
  if (entry instanceof FeelPatternRefused) throw entry;
  return entry;
}
