// The JSON text of a value, up to a number of characters: history entries keep variable values
// cut to a size (HISTORY_VALUE_LIMIT), and a value of megabytes must not be serialised whole to
// learn that it is too long. The walk stops as soon as the text passes the limit.

/** The value's JSON text if it has at most `limit` characters; else its first `limit` characters. */
export interface BoundedJson {
  readonly text: string;
  readonly truncated: boolean;
}

class LimitReached extends Error {}
/** Made once: throwing it captures no stack. */
const limitReached = new LimitReached('limit reached');

/** The JSON text of `value` (as JSON.stringify writes it), cut after `limit` characters. */
export function boundedJson(value: unknown, limit: number): BoundedJson {
  // Most variables are scalars: their text at once, without a writer made for them.
  if (typeof value !== 'object' || value === null) {
    const text = scalarJson(value, limit);
    return text.length > limit ? { text: text.slice(0, limit), truncated: true } : { text, truncated: false };
  }
  const parts: string[] = [];
  let length = 0;
  const write: Writer = Object.assign(
    (text: string) => {
      parts.push(text);
      length += text.length;
      if (length > limit) throw limitReached;
    },
    { limit },
  );
  try {
    writeValue(value, write, 0);
    return { text: parts.join(''), truncated: false };
  } catch (error) {
    if (error !== limitReached) throw error;
    return { text: parts.join('').slice(0, limit), truncated: true };
  }
}

/** The JSON text of a value that is not an object (as writeValue writes it; a string cut as there). */
function scalarJson(value: unknown, limit: number): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > limit ? value.slice(0, limit + 1) : value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return String(value);
  return 'null';
}

/** Appends JSON text; throws `limitReached` once the text is longer than `limit`. */
type Writer = ((text: string) => void) & { readonly limit: number };

/** Deeper than this the text is cut: a history entry does not need it. */
const maxDepth = 64;

function writeValue(value: unknown, write: Writer, depth: number): void {
  if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    write('null');
    return;
  }
  if (typeof value === 'string') {
    // A long string is cut before it is quoted (JSON.stringify of a megabyte is a megabyte): its
    // quoted first limit + 1 characters are longer than the limit, and begin as the whole would.
    write(JSON.stringify(value.length > write.limit ? value.slice(0, write.limit + 1) : value));
    return;
  }
  if (typeof value === 'number') {
    write(Number.isFinite(value) ? String(value) : 'null');
    return;
  }
  if (typeof value === 'boolean') {
    write(value ? 'true' : 'false');
    return;
  }
  if (typeof value === 'bigint') {
    write(String(value));
    return;
  }
  if (depth >= maxDepth) throw limitReached;
  if (Array.isArray(value)) {
    write('[');
    value.forEach((item: unknown, index) => {
      if (index > 0) write(',');
      writeValue(item, write, depth + 1);
    });
    write(']');
    return;
  }
  write('{');
  let first = true;
  for (const name in value as Record<string, unknown>) {
    if (!Object.hasOwn(value, name)) continue;
    const item = (value as Record<string, unknown>)[name];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    write(first ? JSON.stringify(name) + ':' : ',' + JSON.stringify(name) + ':');
    first = false;
    writeValue(item, write, depth + 1);
  }
  write('}');
}
