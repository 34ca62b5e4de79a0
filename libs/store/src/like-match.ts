// `$like` matching without regular expressions: a pattern of literal runs between `*` wildcards
// matches when the first run is a prefix, the last a suffix, and the runs between occur in order
// without overlapping. Taking each run's leftmost occurrence is always right (it leaves the most
// room for the next), so one pass does it: time linear in the text per run, never the cubic (or
// worse) backtracking of `^.*a.*a.*a.*b$` on a long value.

/** Whether `text` matches `pattern`, where `*` is any run of characters and the rest is literal. */
export function matchesLike(pattern: string, text: string): boolean {
  const runs = pattern.split('*');
  const first = runs[0] ?? '';
  if (runs.length === 1) return text === first;
  const last = runs[runs.length - 1] ?? '';
  const end = text.length - last.length;
  if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  for (const run of runs.slice(1, -1)) {
    if (run === '') continue;
    const found = text.indexOf(run, at);
    if (found === -1 || found + run.length > end) return false;
    at = found + run.length;
  }
  return true;
}
