// Reads of one instance by key that see every create answered before them (docs/architecture.md,
// step 7). A create is answered once its command is in the log, so its instance may not be stored
// yet when the caller asks for it. Only a miss can be such a read: the document is found, or it
// is looked for again once it can be there.
// - Answered here: its pending create settles when the instance is stored (answered-creates.ts).
// - Answered by another replica: the key tells which replica made it and when. While the key is
//   young, the document is looked for again, more and more rarely, until it is there or the key
//   is `freshForMs` old; the owner stores a create within a fraction of a second.
// A key this replica made and no longer has pending, a key made while applying a command, and
// anything else are not waited for: their instance is stored, or will never be.
import type { InstanceDocument, InstanceStore } from '@baton/store';
import type { AnsweredCreates } from './answered-creates';
import { keyOrigin } from './key-generator';

export interface InstanceReadsOptions {
  readonly instances: Pick<InstanceStore, 'get'>;
  readonly answered: AnsweredCreates;
  /** This replica's key generator's node id. */
  readonly nodeId: number;
  /** How long after its key was made another replica's create may still be coming, ms. */
  readonly freshForMs: number;
  /** Epoch ms. @default Date.now */
  readonly clock?: () => number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The first wait before looking again for another replica's create, ms; it doubles up to maxRetryMs. */
const firstRetryMs = 10;
const maxRetryMs = 200;
/** How far ahead of this replica's clock another replica's clock may be, ms. */
const maxClockSkewMs = 5_000;

/** `instances.get` that waits for a create answered before it. */
export class InstanceReads implements Pick<InstanceStore, 'get'> {
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: InstanceReadsOptions) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async get(processInstanceKey: string): Promise<InstanceDocument | undefined> {
    const { instances, answered } = this.options;
    const found = await instances.get(processInstanceKey);
    if (found) return found;
    const pending = answered.stored(processInstanceKey);
    if (pending) {
      await pending;
      return instances.get(processInstanceKey);
    }
    return this.othersCreate(processInstanceKey);
  }

  /** Looks again while the key may be another replica's answered create on its way to the store. */
  private async othersCreate(processInstanceKey: string): Promise<InstanceDocument | undefined> {
    const origin = keyOrigin(processInstanceKey);
    if (!origin || origin.nodeId === this.options.nodeId) return undefined;
    const start = this.clock();
    // A key from further ahead than any clock skew was not made by a replica: made up, never waited for.
    if (origin.madeAt > start + maxClockSkewMs) return undefined;
    const deadline = Math.min(origin.madeAt, start) + this.options.freshForMs;
    let retryMs = firstRetryMs;
    for (let now = start; now < deadline; now = this.clock()) {
      await this.sleep(Math.min(retryMs, deadline - now));
      const found = await this.options.instances.get(processInstanceKey);
      if (found) return found;
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    }
    return undefined;
  }
}
