// Business id claims in MongoDB: one document per process id and business id, `_id` the two
// joined (the only filter FerretDB serves from an index). The insert decides a race; a take-over
// replaces the document only while it still names the ended holder.
import type { Collection } from 'mongodb';
import type { BusinessIdClaim, BusinessIdStore } from '../business-id-store';
import { isDuplicateKeyError } from './mongo-errors';

export interface BusinessIdRecord extends BusinessIdClaim {
  readonly _id: string;
}

const idOf = (claim: BusinessIdClaim) => `${claim.processDefinitionId}\u0000${claim.businessId}`;

export class MongoBusinessIdStore implements BusinessIdStore {
  constructor(private readonly collection: Collection<BusinessIdRecord>) {}

  async claim(claim: BusinessIdClaim): Promise<BusinessIdClaim> {
    try {
      await this.collection.insertOne({ _id: idOf(claim), ...claim });
      return claim;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.held(claim)) ?? this.claim(claim);
    }
  }

  async takeOver(previous: BusinessIdClaim, next: BusinessIdClaim): Promise<BusinessIdClaim> {
    // On FerretDB the filter and the replacement are not one atomic step: two take-overs of the
    // same ended holder at the same instant could both answer success (see the README).
    const { matchedCount } = await this.collection.replaceOne(
      { _id: idOf(next), processInstanceKey: previous.processInstanceKey },
      { ...next },
    );
    if (matchedCount === 1) return next;
    return (await this.held(next)) ?? this.claim(next);
  }

  private async held(claim: BusinessIdClaim): Promise<BusinessIdClaim | undefined> {
    const record = await this.collection.findOne({ _id: idOf(claim) });
    if (!record) return undefined;
    const { _id: _ignored, ...held } = record;
    return held;
  }
}
