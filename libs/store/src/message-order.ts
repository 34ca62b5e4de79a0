// The order buffered messages are offered in (oldest first), shared by the adapters.
import type { BufferedMessage } from './message-store';

/** Oldest first; the message key orders messages published in the same millisecond. */
export function oldestFirst(a: BufferedMessage, b: BufferedMessage): number {
  return a.publishedAt - b.publishedAt || compareKeys(a.messageKey, b.messageKey);
}

/** Decimal key strings compared as numbers. */
function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
