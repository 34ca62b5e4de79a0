// Termination: a terminate end event ends everything else in its scope, a boundary event or a
// caught error its host and everything inside, cancellation everything in the instance. Each
// element instance ends as its lifecycle says (elements/element-behaviour.ts): its job closes, its
// kind releases what it holds (user task, subscription, timer, child instance), its incident resolves.
import { closeIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { cancelJob } from '../jobs/jobs';
import { isWithinScope } from '../variables/scope-chain';
import { endElementInstance } from './element-instances';
import { isLive } from './tokens';

/** Terminates every live token and active element instance inside `scopeKey` (nested scopes included). */
export function terminateScopeContents(draft: Draft, scopeKey: string): void {
  for (const token of Object.values(draft.tokens())) {
    if (isLive(token.state) && isWithinScope(draft, token.scopeKey, scopeKey)) {
      draft.updateToken(token.tokenKey, { state: 'TERMINATED', elementInstanceKey: undefined });
    }
  }
  // Select first, then end: ending removes records the scope walk of nested instances still needs.
  const inside = Object.values(draft.elementInstances()).filter(
    (instance) =>
      instance.state === 'ACTIVE' &&
      instance.flowScopeKey !== undefined &&
      isWithinScope(draft, instance.flowScopeKey, scopeKey),
  );
  for (const instance of inside) terminateElementInstance(draft, instance);
}

/**
 * Ends one active element instance: its job closes (a job worker task's, or an asynchronous
 * continuation's), its element kind's terminate hook runs, its incident resolves, and it ends
 * (its boundary events are disarmed by endElementInstance).
 */
function terminateElementInstance(draft: Draft, instance: ElementInstance): void {
  if (instance.jobKey !== undefined) cancelJob(draft, instance.jobKey);
  draft.elements.terminate(draft, instance);
  if (instance.incidentKey !== undefined) closeIncident(draft, instance.incidentKey);
  endElementInstance(draft, instance.key, 'TERMINATED');
}

/** An activity interrupted by a boundary event: everything inside it ends, then the activity. */
export function terminateActivity(draft: Draft, elementInstanceKey: string): void {
  terminateScopeContents(draft, elementInstanceKey);
  const instance = draft.elementInstance(elementInstanceKey);
  if (instance?.state === 'ACTIVE') terminateElementInstance(draft, instance);
}
