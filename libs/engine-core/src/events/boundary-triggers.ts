// Boundary events triggering (their arming is boundary-arming.ts). Interrupting: the host and
// everything inside it end, and the host's token leaves through the boundary event. Non-interrupting:
// the host runs on, the event waits again, and a new token leaves through the boundary event.
// Either way the boundary event completes like any element: the trigger's variables go through its
// output mappings, or propagate.
import type { BoundaryEventNode } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { createElementInstance } from '../flow/element-instances';
import { terminateActivity } from '../flow/termination';
import { createToken } from '../flow/tokens';
import type { Draft } from '../instance/draft';
import type { ArmedBoundaryEvent, ElementInstance, Token } from '../instance/state';
import { setLocalVariables } from '../variables/variables';
import { rearmBoundaryEvent } from './boundary-arming';

/** What a trigger brings to the boundary event. */
export interface BoundaryPayload {
  /** Merged on completion: through the event's output mappings, else propagated (like a job's). */
  readonly variables?: Variables;
  /** Local to the boundary event instance, for its output mappings only (an error's `errorCode`). */
  readonly localVariables?: Variables;
}

/** Fires a boundary event of an active host; `armed` is the armed event that fired, if it was armed. */
export function triggerBoundaryEvent(
  draft: Draft,
  host: ElementInstance,
  event: BoundaryEventNode,
  payload: BoundaryPayload,
  armed?: ArmedBoundaryEvent,
): void {
  const flowScopeKey = host.flowScopeKey;
  if (flowScopeKey === undefined) throw new Error(`internal: boundary event '${event.id}' on the process`);
  let token: Token;
  if (event.cancelActivity) {
    const tokenKey = host.tokenKey;
    if (tokenKey === undefined) throw new Error(`internal: host ${host.key} of '${event.id}' has no token`);
    terminateActivity(draft, host.key);
    token = draft.updateToken(tokenKey, { state: 'ACTIVE' });
  } else {
    if (armed) rearmBoundaryEvent(draft, host, armed);
    token = createToken(draft, flowScopeKey, event.id);
  }
  const instance = createElementInstance(draft, event, token.tokenKey, flowScopeKey);
  draft.updateToken(token.tokenKey, {
    elementId: event.id,
    elementInstanceKey: instance.key,
    flowId: undefined,
  });
  if (payload.localVariables) setLocalVariables(draft, instance.key, payload.localVariables);
  draft.enqueue({
    kind: 'complete',
    elementInstanceKey: instance.key,
    ...(payload.variables ? { result: payload.variables } : {}),
  });
}
