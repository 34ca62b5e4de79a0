// Termination of a scope's contents: a terminate end event ends everything else in its scope;
// cancellation ends everything in the instance. Jobs close, user tasks are canceled, message
// subscriptions close, incidents resolve.
import { cancelChildInstance } from '../elements/call-activity';
import type { Draft } from '../instance/draft';
import { endElementInstance } from './element-instances';
import { closeIncident } from '../errors/incidents';
import { cancelJob } from '../jobs/jobs';
import { closeMessageSubscription } from '../events/message-subscriptions';
import { isWithinScope } from '../variables/scope-chain';
import { cancelCatchEventTimer } from '../events/timers';
import type { ElementInstance } from '../instance/state';
import { isLive } from './tokens';
import { cancelUserTask } from '../user-tasks/user-tasks';

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
 * Ends one active element instance: its job closes, its user task is canceled, its subscription
 * closes, its incident resolves (its boundary events are disarmed by endElementInstance).
 */
export function terminateElementInstance(draft: Draft, instance: ElementInstance): void {
  if (instance.jobKey !== undefined) cancelJob(draft, instance.jobKey);
  if (instance.userTaskKey !== undefined) cancelUserTask(draft, instance.userTaskKey);
  if (instance.messageSubscription !== undefined) closeMessageSubscription(draft, instance);
  if (instance.timer !== undefined) cancelCatchEventTimer(draft, instance);
  if (instance.incidentKey !== undefined) closeIncident(draft, instance.incidentKey);
  cancelChildInstance(draft, instance);
  endElementInstance(draft, instance.key, 'TERMINATED');
}

/** An activity interrupted by a boundary event: everything inside it ends, then the activity. */
export function terminateActivity(draft: Draft, elementInstanceKey: string): void {
  terminateScopeContents(draft, elementInstanceKey);
  const instance = draft.elementInstance(elementInstanceKey);
  if (instance?.state === 'ACTIVE') terminateElementInstance(draft, instance);
}
