// CORRELATE_MESSAGE and TRIGGER_TIMER (DESIGN §3.7, §3.8): the runtime says a message was
// correlated to a key, or the timer under a key fell due. The key names whoever waits: a boundary
// event armed on its host (boundary-arming.ts), an event armed by an event-based gateway or a scope
// (gateway-and-scope-arming.ts), a message catch element (its element instance key) or a timer
// catch event (its timer key). That one fires; a key that names nothing waiting any more — fired
// already, withdrawn with its element, never armed — refuses the command and nothing changes.
import type { CommandOf, Variables } from '@baton/contracts';
import { elementOfKind } from '../elements/model-lookup';
import { behaviourOf } from '../elements/registry';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { findArmedBoundaryEvent } from './boundary-arming';
import { triggerBoundaryEvent } from './boundary-triggers';
import { fireEventSubProcessStart } from './event-subprocesses';
import { findArmedEvent, type ArmedEvent } from './gateway-and-scope-arming';
import { closeMessageSubscription } from './message-subscriptions';
import { catchEventWaitingFor, fireCatchEventTimer, scheduledTimerOf } from './timers';

/** CORRELATE_MESSAGE to an armed boundary event, an event armed by a gateway or scope, or a catch element. */
export function correlateMessage(draft: Draft, command: CommandOf<'CORRELATE_MESSAGE'>): void {
  if (correlateBoundaryMessage(draft, command)) return;
  if (correlateArmedEvent(draft, command)) return;
  correlateCatchElement(draft, command);
}

/**
 * CORRELATE_MESSAGE to an armed message boundary event (the command names its armed key): fires
 * it with the message's variables. False when the key names no armed event: then it is a catch
 * element's, or nothing's.
 */
function correlateBoundaryMessage(draft: Draft, command: CommandOf<'CORRELATE_MESSAGE'>): boolean {
  const found = findArmedBoundaryEvent(draft, command.elementInstanceKey);
  if (!found) return false;
  const { host, armed } = found;
  const open = armed.messageSubscription;
  if (open?.messageName !== command.messageName) {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to correlate message '${command.messageName}' (key ${command.messageKey}) to boundary event '${armed.elementId}', but it waits for ${open ? `message '${open.messageName}'` : 'no message'}.`,
    );
  }
  const event = elementOfKind(draft.ctx.definition.model, armed.elementId, 'boundaryEvent');
  if (!event) throw new Error(`internal: '${armed.elementId}' is no boundary event`);
  triggerBoundaryEvent(draft, host, event, { variables: command.variables }, armed);
  return true;
}

/**
 * The holder decides what an armed event does: the process instance starts its event subprocess;
 * an element does what its kind says (an event-based gateway completes through it, a subprocess
 * starts its event subprocess).
 */
export function fireArmedEvent(
  draft: Draft,
  holder: ElementInstance,
  armed: ArmedEvent,
  variables: Variables | undefined,
): void {
  if (holder.key === draft.rootKey) return fireEventSubProcessStart(draft, holder, armed, variables);
  const node = draft.ctx.definition.model.elements[holder.elementId];
  const fire = node && behaviourOf(node).fireArmedEvent;
  if (!fire) throw new Error(`internal: '${holder.elementId}' holds an armed event it cannot fire`);
  fire(draft, holder, armed, variables);
}

/** CORRELATE_MESSAGE to an event armed by a gateway or scope; false when the key names none. */
function correlateArmedEvent(draft: Draft, command: CommandOf<'CORRELATE_MESSAGE'>): boolean {
  const found = findArmedEvent(draft, command.elementInstanceKey);
  if (!found) return false;
  const open = found.armed.messageSubscription;
  if (open?.messageName !== command.messageName)
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to correlate message '${command.messageName}' (key ${command.messageKey}) to '${found.armed.elementId}', but it waits for ${open ? `message '${open.messageName}'` : 'no message'}.`,
    );
  fireArmedEvent(draft, found.holder, found.armed, command.variables);
  return true;
}

/**
 * A correlated message completes its waiting catch element: the variables go through the element's
 * output mappings or propagate, like a job's. An element instance that no longer waits for this
 * message (already correlated, terminated) refuses the command and nothing changes.
 */
function correlateCatchElement(draft: Draft, command: CommandOf<'CORRELATE_MESSAGE'>): void {
  const instance = draft.elementInstance(command.elementInstanceKey);
  const attempt = `Expected to correlate message '${command.messageName}' (key ${command.messageKey}) to element instance '${command.elementInstanceKey}'`;
  if (!instance || instance.state !== 'ACTIVE')
    throw new CommandRejectedError('NOT_FOUND', `${attempt}, but no such active element instance was found.`);
  const open = instance.messageSubscription;
  if (!open)
    throw new CommandRejectedError('INVALID_STATE', `${attempt}, but it is not waiting for a message.`);
  if (open.messageName !== command.messageName) {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `${attempt}, but it waits for message '${open.messageName}'.`,
    );
  }
  closeMessageSubscription(draft, instance);
  draft.enqueue({ kind: 'complete', elementInstanceKey: instance.key, result: command.variables });
}

/**
 * TRIGGER_TIMER: the timer catch event waiting for it completes, the event armed by a gateway or
 * scope fires, or the boundary event armed with it fires (interrupting its host or not).
 */
export function triggerTimer(draft: Draft, command: CommandOf<'TRIGGER_TIMER'>): void {
  const { timerKey } = command;
  const waiting = catchEventWaitingFor(draft, timerKey);
  if (waiting?.timer) return fireCatchEventTimer(draft, waiting, waiting.timer);
  const armedEvent = findArmedEvent(draft, timerKey);
  if (armedEvent?.armed.timer) return fireArmedEvent(draft, armedEvent.holder, armedEvent.armed, undefined);
  const found = findArmedBoundaryEvent(draft, timerKey);
  const timer = found?.armed.timer;
  const event = found && elementOfKind(draft.ctx.definition.model, found.armed.elementId, 'boundaryEvent');
  if (!found || !timer || !event)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to trigger timer with key '${timerKey}', but no such timer was found.`,
    );
  const { host, armed } = found;
  draft.emit({
    type: 'TIMER_TRIGGERED',
    timer: scheduledTimerOf(draft, { elementInstanceKey: host.key, elementId: armed.elementId }, timer),
  });
  // The fired timer is spent: an interrupting event's host ends without canceling it, a
  // non-interrupting one is armed again (a cycle's next occurrence) in its place.
  const spent = draft.updateElementInstance(host.key, {
    armedBoundaryEvents: (host.armedBoundaryEvents ?? []).map((one) =>
      one.key === armed.key ? { ...one, timer: undefined } : one,
    ),
  });
  triggerBoundaryEvent(draft, spent, event, {}, armed);
}
