// Events an element instance waits for on behalf of other elements: an event-based gateway waits
// for its catch events, a scope (process, subprocess) for the message, signal and timer starts of
// its event subprocesses. Each one is armed under a fresh key that names it outside the instance (the message
// subscription is stored and correlated, the timer stored and fired, under that key), kept in the
// holder's `armedEvents`, and disarmed when the holder ends (flow/element-instances.ts) or when
// what fires it says so (elements/event-based-gateway.ts, event-subprocesses.ts). The boundary
// events an activity arms for itself are boundary-arming.ts.
import type { MessageSubscriptionModel, SignalModel, TimerDefinitionModel } from '@baton/bpmn';
import type { Draft } from '../instance/draft';
import type { ArmedBoundaryEvent, ElementInstance } from '../instance/state';
import type { Extracted } from '../variables/value-sources';
import { evaluateSubscription, subscriptionOf } from './message-subscriptions';
import { closeSignal, evaluateSignalName, openSignal } from './signal-subscriptions';
import { evaluateTimer, nextOccurrence, scheduledTimerOf } from './timers';

export type ArmedEvent = ArmedBoundaryEvent;

/** What an event waits for: a message, a signal or a timer. */
export type EventTrigger =
  | { readonly kind: 'message'; readonly message: MessageSubscriptionModel }
  | { readonly kind: 'signal'; readonly signal: SignalModel }
  | { readonly kind: 'timer'; readonly timer: TimerDefinitionModel };

function timerHolder(holderKey: string, armed: ArmedEvent) {
  return { elementInstanceKey: holderKey, elementId: armed.elementId };
}

/**
 * Arms one event for `holderKey`: evaluated in the scope `evaluationScopeKey`, announced with
 * MESSAGE_SUBSCRIPTION_OPENED or TIMER_SCHEDULED. A failing expression is a failure (no effect).
 */
export function armEvent(
  draft: Draft,
  holderKey: string,
  evaluationScopeKey: string,
  elementId: string,
  trigger: EventTrigger,
): Extracted<ArmedEvent> {
  const key = draft.key();
  if (trigger.kind === 'message') {
    const open = evaluateSubscription(draft, evaluationScopeKey, trigger.message);
    if (!open.ok) return open;
    const armed: ArmedEvent = { key, elementId, messageSubscription: open.value };
    draft.emit({
      type: 'MESSAGE_SUBSCRIPTION_OPENED',
      subscription: subscriptionOf(draft, armed, open.value),
    });
    return { ok: true, value: armed };
  }
  if (trigger.kind === 'signal') {
    const name = evaluateSignalName(draft, evaluationScopeKey, trigger.signal);
    if (!name.ok) return name;
    const armed: ArmedEvent = { key, elementId, signalName: name.value };
    openSignal(draft, armed, name.value);
    return { ok: true, value: armed };
  }
  const timer = evaluateTimer(draft, evaluationScopeKey, trigger.timer, key);
  if (!timer.ok) return timer;
  const armed: ArmedEvent = { key, elementId, timer: timer.value };
  draft.emit({
    type: 'TIMER_SCHEDULED',
    timer: scheduledTimerOf(draft, timerHolder(holderKey, armed), timer.value),
  });
  return { ok: true, value: armed };
}

/** Stops waiting for one armed event: closes its subscription, cancels its timer. */
export function disarmEvent(draft: Draft, holderKey: string, armed: ArmedEvent): void {
  releaseEvent(draft, holderKey, armed, 'TIMER_CANCELED');
}

/** Disarms every event a holder waits for and forgets them. */
export function disarmEvents(draft: Draft, holder: ElementInstance): void {
  if (!holder.armedEvents) return;
  for (const armed of holder.armedEvents) disarmEvent(draft, holder.key, armed);
  if (draft.elementInstance(holder.key)) draft.updateElementInstance(holder.key, { armedEvents: undefined });
}

/**
 * The armed event fired: its subscription is used up (closed) or its timer fired (TIMER_TRIGGERED).
 * The holder still lists it; the caller decides what stays armed.
 */
export function spendEvent(draft: Draft, holderKey: string, armed: ArmedEvent): void {
  releaseEvent(draft, holderKey, armed, 'TIMER_TRIGGERED');
}

/** Closes the armed event's subscription and announces its timer's end as `timerEnd`. */
function releaseEvent(
  draft: Draft,
  holderKey: string,
  armed: ArmedEvent,
  timerEnd: 'TIMER_CANCELED' | 'TIMER_TRIGGERED',
): void {
  if (armed.messageSubscription)
    draft.emit({
      type: 'MESSAGE_SUBSCRIPTION_CLOSED',
      subscription: subscriptionOf(draft, armed, armed.messageSubscription),
    });
  if (armed.signalName !== undefined) closeSignal(draft, armed, armed.signalName);
  if (armed.timer)
    draft.emit({
      type: timerEnd,
      timer: scheduledTimerOf(draft, timerHolder(holderKey, armed), armed.timer),
    });
}

/**
 * After a non-interrupting trigger: the same message subscription again under a new key (the
 * runtime gives a subscription one message), the same signal subscription under its own key, or a
 * timer cycle's next occurrence; undefined when a timer is spent.
 */
export function rearmEvent(draft: Draft, holderKey: string, armed: ArmedEvent): ArmedEvent | undefined {
  const key = draft.key();
  if (armed.messageSubscription) {
    const next: ArmedEvent = { ...armed, key };
    draft.emit({
      type: 'MESSAGE_SUBSCRIPTION_OPENED',
      subscription: subscriptionOf(draft, next, armed.messageSubscription),
    });
    return next;
  }
  if (armed.signalName !== undefined) {
    // Under the same key (boundary-arming.ts signalArming.rearm says why); `key` stays drawn, so
    // the keys after it do not change.
    openSignal(draft, armed, armed.signalName);
    return armed;
  }
  const timer = armed.timer && nextOccurrence(draft, armed.timer, key);
  if (!timer) return undefined;
  const next: ArmedEvent = { key, elementId: armed.elementId, timer };
  draft.emit({
    type: 'TIMER_SCHEDULED',
    timer: scheduledTimerOf(draft, timerHolder(holderKey, next), timer),
  });
  return next;
}

/** The active holder and its armed event that `key` names, if any (an instance has few active elements). */
export function findArmedEvent(
  draft: Draft,
  key: string,
): { readonly holder: ElementInstance; readonly armed: ArmedEvent } | undefined {
  for (const holder of Object.values(draft.elementInstances())) {
    if (holder.state !== 'ACTIVE' || !holder.armedEvents) continue;
    const armed = holder.armedEvents.find((candidate) => candidate.key === key);
    if (armed) return { holder, armed };
  }
  return undefined;
}
