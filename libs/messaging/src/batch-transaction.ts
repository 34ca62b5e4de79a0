// The BatchTransaction of both buses: messages are turned into the adapter's records as they are
// produced (so a value JSON cannot carry fails the handler's own call), held per topic, and handed
// to the adapter's commit once. And the one rule for what a handler's outcome means for its batch.
import type { BatchTransaction, OutgoingMessage } from './message-bus';

/** The records a transaction produces on one topic, in the order they were produced. */
export interface TopicOutput<R> {
  readonly topic: string;
  readonly records: readonly R[];
}

/** produce() after commit(): the transaction's output is already decided. */
export class BatchTransactionClosedError extends Error {
  override readonly name = 'BatchTransactionClosedError';
  readonly code = 'BATCH_TRANSACTION_CLOSED';

  constructor(topic: string) {
    super(`cannot produce to ${topic}: the batch's transaction was already committed`);
  }
}

/** A {@link BatchTransaction} holding records of type `R` until its commit. */
export class BufferedBatchTransaction<R> implements BatchTransaction {
  private readonly output = new Map<string, R[]>();
  private committing: Promise<void> | undefined;
  private succeeded = false;

  /**
   * @param toRecord the adapter's record for a message; throws for a value it cannot carry.
   * @param commitOutput makes the output visible together with the batch's offset commit.
   */
  constructor(
    private readonly toRecord: (message: OutgoingMessage) => R,
    private readonly commitOutput: (output: readonly TopicOutput<R>[]) => Promise<void>,
  ) {}

  /** Whether commit() was called, whatever its outcome. */
  get commitStarted(): boolean {
    return this.committing !== undefined;
  }

  /** Whether commit() resolved: the output and the offsets are visible. */
  get committed(): boolean {
    return this.succeeded;
  }

  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.committing) return Promise.reject(new BatchTransactionClosedError(topic));
    let records: R[];
    try {
      // Every message converted before any is kept: a bad value leaves the call without effect.
      records = messages.map(this.toRecord);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const kept = this.output.get(topic);
    if (kept) kept.push(...records);
    else this.output.set(topic, records);
    return Promise.resolve();
  }

  commit(): Promise<void> {
    this.committing ??= this.commitOutput(
      [...this.output].map(([topic, records]) => ({ topic, records })),
    ).then(() => {
      this.succeeded = true;
    });
    return this.committing;
  }
}

/**
 * Runs a batch handler in `transaction` and commits it when the handler did not. Resolves when the
 * batch counts as handled (the transaction committed); rejects when it must be delivered again,
 * with the commit's own error when a commit failed, whatever the handler made of it (the bus reacts
 * to that error: a fenced producer, say). A handler that rejects after its own commit succeeded is
 * told to `onErrorAfterCommit`: undoing visible output is impossible, and delivering the batch
 * again would apply it twice.
 */
export async function handleInTransaction<R>(
  handle: () => Promise<void>,
  transaction: BufferedBatchTransaction<R>,
  onErrorAfterCommit: (error: unknown) => void,
): Promise<void> {
  try {
    await handle();
  } catch (error) {
    if (!transaction.commitStarted) throw error;
    // A commit the handler started decides, whether or not it waited for it.
    await transaction.commit();
    onErrorAfterCommit(error);
    return;
  }
  await transaction.commit();
}
