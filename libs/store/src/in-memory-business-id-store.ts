// The embedded business id store: a Map; JavaScript's single thread makes claims exclusive.
import type { BusinessIdClaim, BusinessIdStore } from './business-id-store';

const idOf = (claim: BusinessIdClaim) => `${claim.processDefinitionId}\u0000${claim.businessId}`;

export class InMemoryBusinessIdStore implements BusinessIdStore {
  private readonly claims = new Map<string, BusinessIdClaim>();

  claim(claim: BusinessIdClaim): Promise<BusinessIdClaim> {
    const held = this.claims.get(idOf(claim));
    if (held) return Promise.resolve(held);
    this.claims.set(idOf(claim), claim);
    return Promise.resolve(claim);
  }

  takeOver(previous: BusinessIdClaim, next: BusinessIdClaim): Promise<BusinessIdClaim> {
    const held = this.claims.get(idOf(next));
    if (held?.processInstanceKey !== previous.processInstanceKey) return Promise.resolve(held ?? next);
    this.claims.set(idOf(next), next);
    return Promise.resolve(next);
  }
}
