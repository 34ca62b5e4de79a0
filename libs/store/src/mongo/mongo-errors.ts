// Errors of the MongoDB adapters, and the recognition of the driver's duplicate-key failures
// (a unique index refusing a write is an expected outcome here, never a crash).
import { MongoBulkWriteError, MongoServerError, type WriteError } from 'mongodb';

/** MongoDB's error code for a write refused by a unique index. */
const DUPLICATE_KEY = 11000;

/** The database could not be reached at start-up; the caller decides whether to retry. */
export class MongoStoreConnectionError extends Error {
  readonly code = 'MONGO_UNREACHABLE';

  constructor(
    /** The connection string, with any password masked. */
    readonly uri: string,
    cause: unknown,
  ) {
    super(`Cannot reach MongoDB at ${uri}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'MongoStoreConnectionError';
  }
}

/** A write that the store could not settle, e.g. a bulk write that kept being cut short. */
export class MongoStoreWriteError extends Error {
  readonly code = 'MONGO_WRITE_FAILED';

  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'MongoStoreWriteError';
  }
}

/** `mongodb://user:secret@host` → `mongodb://user:***@host`, for messages and logs. */
export function maskUri(uri: string): string {
  return uri.replace(/^([a-z+]+:\/\/[^:/@]+):[^@/]*@/i, '$1:***@');
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * The indexes (in the submitted operations) that a bulk write refused for a duplicate key.
 * Rethrows any other failure: only unique-index refusals are outcomes the stores expect.
 */
export function duplicateKeyIndexes(error: unknown): ReadonlySet<number> {
  if (!(error instanceof MongoBulkWriteError)) throw error;
  const errors: readonly WriteError[] = Array.isArray(error.writeErrors)
    ? (error.writeErrors as WriteError[])
    : [error.writeErrors as WriteError];
  if (errors.length === 0 || errors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
  return new Set(errors.map((writeError) => writeError.index));
}
