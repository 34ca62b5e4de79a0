// The end event. A none end event completes and its token ends. An error end event throws its
// error: caught by the nearest catch (errors/bpmn-errors.ts), passed to the parent instance, or an
// UNHANDLED_ERROR_EVENT incident on the end event (resolving it throws again). An escalation end
// event throws its escalation (events/escalations.ts). A terminate end event ends everything else
// in its scope (the advance loop does, on the 'terminate' outcome). A signal end event asks for its
// signal's broadcast (events/signal-subscriptions.ts) and ends like a none end event. A compensation
// end event invokes the handlers of its scope (events/compensation.ts) and ends once they completed.
import type { EndEventNode, ValueSource } from '@baton/bpmn';
import {
  catchError,
  findErrorCatch,
  propagateToParent,
  unhandledErrorMessage,
  type BpmnError,
} from '../errors/bpmn-errors';
import { raiseIncident } from '../errors/incidents';
import { throwCompensation } from '../events/compensation';
import { throwEscalation } from '../events/escalations';
import { broadcastSignal } from '../events/signal-subscriptions';
import type { Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString } from '../variables/value-sources';
import { COMPLETE, WAIT, type ElementBehaviour } from './element-behaviour';

export const endEvent: ElementBehaviour<EndEventNode> = {
  activate(draft, node, instance) {
    if (node.errorCode) {
      throwFromEndEvent(draft, instance, node.errorCode);
      return WAIT;
    }
    if (node.escalationCode)
      return throwEscalation(draft, instance, node.escalationCode) === 'continue' ? COMPLETE : WAIT;
    if (node.signal) return broadcastSignal(draft, instance, node.signal) ? COMPLETE : WAIT;
    if (node.compensation)
      return throwCompensation(draft, node, instance, node.compensation) ? COMPLETE : WAIT;
    return node.terminate ? { kind: 'terminate' } : COMPLETE;
  },
  activityType(node) {
    if (node.escalationCode) return 'escalationEndEvent';
    if (node.signal) return 'signalEndEvent';
    if (node.compensation) return 'compensationEndEvent';
    return node.terminate ? 'terminateEndEvent' : node.errorCode ? 'errorEndEvent' : 'noneEndEvent';
  },
};

/**
 * An error end event throws its error: caught, or an UNHANDLED_ERROR_EVENT incident on the end
 * event (resolving it throws again). A failing errorCode expression is an EXTRACT_VALUE_ERROR.
 */
function throwFromEndEvent(draft: Draft, instance: ElementInstance, errorCode: ValueSource): void {
  const code = extractString(errorCode, collectVisibleVariables(draft, instance.key));
  if (!code.ok) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: code.message,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  const error: BpmnError = { errorCode: code.value };
  const found = findErrorCatch(draft, instance.key, error.errorCode);
  if (found) {
    catchError(draft, found, error);
    return;
  }
  // A child instance's error may be caught in its parent (errors/child-errors.ts).
  if (propagateToParent(draft, instance.key, error)) return;
  raiseIncident(draft, instance.key, {
    errorType: 'UNHANDLED_ERROR_EVENT',
    errorMessage: unhandledErrorMessage(error),
    pendingStep: 'ACTIVATE',
  });
}
