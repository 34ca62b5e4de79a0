// The replay hook of subscribeTransactional() as both buses take it: `replayFrom` and
// `replayBatch` come together or not at all (an answer with nowhere to deliver the messages, or
// a handler nobody asks for, is a mistake of the caller), and an answer must be an offset.
import type { MessageBatch, TransactionalSubscribeOptions } from './message-bus';

/** A subscription's replay hook, both halves present. */
export interface ReplayHandlers {
  replayFrom(partition: number, committedOffset: number): Promise<number | undefined>;
  replayBatch(batch: MessageBatch): Promise<void>;
}

/** The subscription's replay handlers, undefined when it has none; throws when only one is given. */
export function replayHandlers(options: TransactionalSubscribeOptions): ReplayHandlers | undefined {
  if (!options.replayFrom && !options.replayBatch) return undefined;
  if (!options.replayFrom || !options.replayBatch)
    throw new TypeError(
      `subscribeTransactional to ${options.topic}: replayFrom and replayBatch go together, one was given without the other`,
    );
  return { replayFrom: options.replayFrom.bind(options), replayBatch: options.replayBatch.bind(options) };
}

/**
 * Where a replay of `partition` starts, undefined for none: `answer` when it is below the committed
 * offset, and not below `oldestKept` (the oldest message the bus still has). Throws for an answer
 * that is no offset, which the buses treat as a rejection of `replayFrom`.
 */
export function replayStart(
  partition: number,
  answer: number | undefined,
  committedOffset: number,
  oldestKept: number,
): number | undefined {
  if (answer === undefined) return undefined;
  if (!Number.isSafeInteger(answer))
    throw new TypeError(`replayFrom(${partition}, ${committedOffset}) answered ${answer}, not an offset`);
  const start = Math.max(answer, oldestKept);
  return start < committedOffset ? start : undefined;
}
