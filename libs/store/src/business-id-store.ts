// Which instance holds a business id (idempotent creation, DESIGN §5): a client that lost the
// answer to a create request retries it with the same `businessId` and gets the instance it
// already started. One claim per process id and business id; an insert decides between two
// concurrent creations (exclusive on MongoDB and FerretDB alike). Claims are never deleted when
// an instance ends: the engine takes over a claim whose holder has ended.

/** A claim: the instance created for a business id of a process, and when. */
export interface BusinessIdClaim {
  readonly processDefinitionId: string;
  readonly businessId: string;
  readonly processInstanceKey: string;
  /** Epoch ms. */
  readonly claimedAt: number;
}

export interface BusinessIdStore {
  /** Claims the business id for the instance; answers the claim in force (this one when it won). */
  claim(claim: BusinessIdClaim): Promise<BusinessIdClaim>;
  /**
   * Moves a claim from a holder that has ended to a new instance; answers the claim in force
   * (unchanged when another creation took it over first).
   */
  takeOver(previous: BusinessIdClaim, next: BusinessIdClaim): Promise<BusinessIdClaim>;
}
