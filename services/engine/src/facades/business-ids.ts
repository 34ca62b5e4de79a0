// FLOWX business ids: one active instance per business id and process.
import type { BusinessIdStore, InstanceStore } from '@baton/store';
import { businessIdTaken } from '../errors';

export interface BusinessIdClaimDeps {
  readonly businessIds: BusinessIdStore;
  readonly instances: InstanceStore;
  readonly clock: () => number;
  /** A claim younger than this whose instance is not stored yet may still be creating it. */
  readonly requestTimeoutMs: number;
}

/**
 * Claims a business id for a new instance. ALREADY_EXISTS naming the holder while it is ACTIVE
 * (or being created: a claim younger than the request timeout whose instance is not stored
 * yet); a holder that has ended hands the id over.
 */
export async function claimBusinessId(
  deps: BusinessIdClaimDeps,
  processDefinitionId: string,
  businessId: string,
  processInstanceKey: string,
): Promise<void> {
  const mine = { processDefinitionId, businessId, processInstanceKey, claimedAt: deps.clock() };
  let held = await deps.businessIds.claim(mine);
  while (held.processInstanceKey !== processInstanceKey) {
    const holder = await deps.instances.get(held.processInstanceKey);
    const beingCreated = !holder && mine.claimedAt - held.claimedAt < deps.requestTimeoutMs;
    if (holder?.state === 'ACTIVE' || beingCreated)
      throw businessIdTaken(processDefinitionId, businessId, held.processInstanceKey);
    held = await deps.businessIds.takeOver(held, mine);
  }
}
