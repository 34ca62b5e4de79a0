// What a problem document may carry back to a caller: bounded text with no file paths or stack
// lines in it. Messages come from parsers and libraries that quote their input (a BPMN parser
// quotes the unparsable content, V8 the start of broken JSON), so an answer built from them could
// echo a request many megabytes long, or show where the server's files are.

/** Longest `detail`, characters. */
export const maxDetailChars = 2000;
/** Longest message of one entry of `problems` or `invalidParams`, characters. */
export const maxEntryChars = 300;
/** Most entries of `problems` or `invalidParams` listed; the rest are counted in `detail`. */
export const maxEntries = 50;
/** Longest `instance` (the request's path), characters. */
export const maxInstanceChars = 1000;

// A stack frame (`    at fn (file:line:col)`) and an absolute path of a source file. Each segment
// of the path excludes `/`, so the pattern matches in one pass (no backtracking).
const stackFrame = /\n\s*at [^\n]*/g;
const sourcePath = /(?:file:\/\/)?(?:\/[^\s/'"():]+)+\.(?:[cm]?[jt]sx?)(?::\d+)*/g;

/** `text` without stack frames or source paths, cut to `limit` characters. */
export function boundedText(text: string, limit: number): string {
  // Cut first (with room for what the replacements remove) so that the scans are short too.
  const scrubbed = text
    .slice(0, limit * 2)
    .replace(stackFrame, '')
    .replace(sourcePath, '<path>');
  if (scrubbed.length <= limit && text.length <= limit * 2) return scrubbed;
  return `${scrubbed.slice(0, limit)}… (cut at ${limit} characters)`;
}

/** At most {@link maxEntries} entries, and how many were left out. */
export function boundedList<T>(entries: readonly T[]): { kept: T[]; omitted: number } {
  return { kept: entries.slice(0, maxEntries), omitted: Math.max(0, entries.length - maxEntries) };
}
