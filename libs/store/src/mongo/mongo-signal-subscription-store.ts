// The MongoDB signal subscription store: one document per waiting signal catch, `_id` its key, so
// that a redelivered open or close is an idempotent upsert or delete; found by name through an
// index on MongoDB (FerretDB 1.24 scans the small collection).
import type { SignalSubscription } from '@baton/engine-core';
import type { Collection } from 'mongodb';
import type { SignalSubscriptionStore } from '../signal-subscription-store';
import { isDuplicateKeyError } from './mongo-errors';

export interface SignalSubscriptionRecord extends Omit<SignalSubscription, 'elementInstanceKey'> {
  /** The elementInstanceKey. */
  readonly _id: string;
}

export class MongoSignalSubscriptionStore implements SignalSubscriptionStore {
  constructor(private readonly subscriptions: Collection<SignalSubscriptionRecord>) {}

  async open(subscription: SignalSubscription): Promise<void> {
    const { elementInstanceKey, ...record } = subscription;
    const write = (): Promise<unknown> =>
      this.subscriptions.replaceOne({ _id: elementInstanceKey }, record, { upsert: true });
    try {
      await write();
    } catch (error) {
      // A redelivered effect raced the first write of the same subscription: the retry replaces it.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async close(elementInstanceKey: string): Promise<void> {
    await this.subscriptions.deleteOne({ _id: elementInstanceKey });
  }

  async find(signalName: string, tenantId: string): Promise<readonly SignalSubscription[]> {
    const records = await this.subscriptions.find({ tenantId, signalName }).toArray();
    return records
      .map(({ _id, ...rest }) => ({ ...rest, elementInstanceKey: _id }))
      .sort((a, b) => compareKeys(a.elementInstanceKey, b.elementInstanceKey));
  }
}

/** Decimal keys in numeric order. */
function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
