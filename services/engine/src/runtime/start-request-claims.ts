// A start request on Kafka (`baton.engine.start.v1`) creates one instance however often it is
// delivered: a replica that dies after creating the instance but before committing the offset
// leaves the request to be delivered again. The first attempt claims the requestId for the key it
// will create (an insert decides between concurrent attempts); a later attempt finds the claim
// and confirms the instance created for it instead of creating another.
import { BatonError } from '@baton/contracts';
import type { BusinessIdStore, InstanceDocument, InstanceStore } from '@baton/store';

/** The reserved "process id" of start-request claims in the business-id store: no BPMN id has `<`. */
export const START_REQUEST_CLAIMS = '<kafka-start-request>';

export interface StartRequestClaimDeps {
  readonly businessIds: BusinessIdStore;
  readonly instances: InstanceStore;
  readonly clock: () => number;
  /** An attempt younger than this whose instance is not stored yet may still be creating it. */
  readonly requestTimeoutMs: number;
}

/**
 * Claims `requestId` for the instance about to be created with `processInstanceKey`. Answers the
 * instance an earlier attempt created (nothing is to be created then), or undefined when this
 * attempt holds the claim. An earlier attempt that may still be creating its instance fails this
 * one with DEADLINE_EXCEEDED, so the request is delivered again later; one that died without
 * creating it hands the claim over.
 */
export async function claimStartRequest(
  deps: StartRequestClaimDeps,
  requestId: string,
  processInstanceKey: string,
): Promise<InstanceDocument | undefined> {
  const mine = {
    processDefinitionId: START_REQUEST_CLAIMS,
    businessId: requestId,
    processInstanceKey,
    claimedAt: deps.clock(),
  };
  let held = await deps.businessIds.claim(mine);
  while (held.processInstanceKey !== processInstanceKey) {
    const earlier = await deps.instances.get(held.processInstanceKey);
    if (earlier) return earlier;
    if (mine.claimedAt - held.claimedAt < deps.requestTimeoutMs)
      throw new BatonError(
        'DEADLINE_EXCEEDED',
        `Start request '${requestId}' is being handled by an earlier delivery; it is tried again.`,
      );
    held = await deps.businessIds.takeOver(held, mine);
  }
  return undefined;
}
