// `$like` as a MongoDB `$regex`. The plain translation (`*` → `.*`) is linear on a server whose
// regular expressions are automata (FerretDB compiles `$regex` with Go's RE2), but a backtracking
// engine (MongoDB's PCRE) takes time of the order of the value's length to the power of the
// wildcards on a value that almost matches: `^.*a.*a.*a.*b$` froze the server on 650 `a`s.
// For such an engine every middle run is taken at its leftmost occurrence and kept
// (`(?=(.*?run))\1`: a lookahead is atomic, the backreference consumes what it found), which is
// the greedy match of like-match.ts, linear per run. RE2 has no lookahead, so the store picks the
// form by the server it talks to.

/** How the server runs regular expressions: `automaton` (RE2, FerretDB) or `backtracking` (PCRE). */
export type RegexEngine = 'automaton' | 'backtracking';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The anchored regular expression (for the `s` option) matching what `pattern` matches. */
export function likeRegexSource(pattern: string, engine: RegexEngine): string {
  const runs = pattern.split('*').map(escapeRegex);
  if (engine === 'automaton' || runs.length <= 2) return `^${runs.join('.*')}$`;
  const first = runs[0] ?? '';
  const last = runs[runs.length - 1] ?? '';
  const middle = runs
    .slice(1, -1)
    .filter((run) => run !== '')
    .map((run, index) => `(?=(.*?${run}))\\${index + 1}`);
  return `^${first}${middle.join('')}.*${last}$`;
}
