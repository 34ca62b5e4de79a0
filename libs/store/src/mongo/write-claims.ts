// Exclusive short-lived claims for servers whose conditional updates are not atomic. FerretDB 1.x
// evaluates an update's filter on a read and then rewrites the document by _id, so two writers
// can both "match" the same revision; an insert, though, is refused by the unique _id. Whoever
// inserts the claim `<key>#<next revision>` may run its revision-checked write; the claim is
// deleted afterwards and expires on its own if the writer dies holding it.
import type { Collection } from 'mongodb';
import { deleteByIds, findByIds, type IdLookupOptions } from './id-lookups';
import { duplicateKeyIndexes } from './mongo-errors';

export interface ClaimRecord {
  readonly _id: string;
  /** Epoch ms after which the claim is abandoned and may be taken over. */
  readonly expiresAt: number;
}

export class WriteClaims {
  constructor(
    private readonly collection: Collection<ClaimRecord>,
    /** How long a claim lasts when its holder never releases it, ms. */
    private readonly ttlMs: number,
    private readonly idLookups: IdLookupOptions = { style: 'in', maxStatementsPerCommand: Infinity },
  ) {}

  /** Inserts the claims it can (one insert command); returns the ids it got. */
  async claim(ids: readonly string[]): Promise<ReadonlySet<string>> {
    const got = await this.insertClaims(ids);
    const refused = ids.filter((id) => !got.has(id));
    if (refused.length === 0) return got;
    // A refused claim that has expired was left by a writer that died: take it over once. (Two
    // writers taking over the same abandoned claim at the same instant could both succeed.)
    const now = Date.now();
    const expired = (await findByIds(this.collection, refused, this.idLookups)).filter(
      (claim) => claim.expiresAt <= now,
    );
    if (expired.length === 0) return got;
    // Rare (a writer died), and the expiry condition keeps a claim just taken over by another
    // writer: worth the collection scan this filter costs on FerretDB.
    await this.collection.deleteMany({
      _id: { $in: expired.map((claim) => claim._id) },
      expiresAt: { $lte: now },
    });
    const takenOver = await this.insertClaims(expired.map((claim) => claim._id));
    return new Set([...got, ...takenOver]);
  }

  async release(ids: readonly string[]): Promise<void> {
    await deleteByIds(this.collection, ids, this.idLookups);
  }

  private async insertClaims(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const expiresAt = Date.now() + this.ttlMs;
    try {
      await this.collection.insertMany(
        ids.map((_id) => ({ _id, expiresAt })),
        { ordered: false },
      );
      return new Set(ids);
    } catch (error) {
      const refused = duplicateKeyIndexes(error);
      return new Set(ids.filter((_id, index) => !refused.has(index)));
    }
  }
}

/** The claim a writer needs to move an instance to `revision`. */
export function revisionClaimId(processInstanceKey: string, revision: number): string {
  return `${processInstanceKey}#${revision}`;
}
