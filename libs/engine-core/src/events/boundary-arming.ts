// Arming boundary events: when a token enters an activity, each boundary event attached to it
// starts waiting for its trigger; when the activity ends (completed, terminated, interrupted by
// one of them) they all stop waiting.
//
// Extension point, one entry of BOUNDARY_ARMINGS per BoundaryTrigger kind of the model:
// - `arm` starts waiting (a message opens a subscription, a timer is scheduled) and returns the
//   ArmedBoundaryEvent to keep on the host, under a fresh key that names it outside the instance
//   (the subscription / timer is stored under that key); or a failure message, which becomes an
//   EXTRACT_VALUE_ERROR incident on the host (its activation re-runs on resolution).
// - `disarm` stops waiting (closes the subscription, cancels the timer): an effect, no state.
// - `rearm` after a non-interrupting trigger: wait again for the next occurrence, under a new key
//   (a signal keeps its key), or return undefined when there is none (a timer that fires once).
// - `undefined` for triggers that are not waited for: a thrown error looks for its catch itself.
// The command that fires an armed event names its key: findArmedBoundaryEvent finds the host and
// the armed event, and triggerBoundaryEvent (boundary-triggers.ts) does the rest, the same for every kind.
import type { BoundaryEventNode, BoundaryTrigger, FlowNode } from '@baton/bpmn';
import { elementOfKind } from '../elements/model-lookup';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ArmedBoundaryEvent, ElementInstance } from '../instance/state';
import type { Extracted } from '../variables/value-sources';
import { evaluateSubscription, subscriptionOf } from './message-subscriptions';
import { closeSignal, evaluateSignalName, openSignal } from './signal-subscriptions';
import { timerArming } from './timers';

interface BoundaryArming<K extends BoundaryTrigger['kind']> {
  arm(
    draft: Draft,
    host: ElementInstance,
    event: BoundaryEventNode & { readonly trigger: Extract<BoundaryTrigger, { kind: K }> },
    key: string,
  ): Extracted<ArmedBoundaryEvent>;
  disarm(draft: Draft, armed: ArmedBoundaryEvent): void;
  rearm(draft: Draft, armed: ArmedBoundaryEvent, key: string): ArmedBoundaryEvent | undefined;
}

/** A message boundary event waits on a subscription stored under its armed key. */
const messageArming: BoundaryArming<'message'> = {
  arm(draft, host, event, key) {
    const evaluated = evaluateSubscription(draft, host.key, event.trigger.message);
    if (!evaluated.ok) return evaluated;
    const armed = { key, elementId: event.id, messageSubscription: evaluated.value };
    draft.emit({
      type: 'MESSAGE_SUBSCRIPTION_OPENED',
      subscription: subscriptionOf(draft, armed, evaluated.value),
    });
    return { ok: true, value: armed };
  },
  disarm(draft, armed) {
    if (!armed.messageSubscription) return;
    draft.emit({
      type: 'MESSAGE_SUBSCRIPTION_CLOSED',
      subscription: subscriptionOf(draft, armed, armed.messageSubscription),
    });
  },
  /**
   * The same message name and correlation key under a new key: the runtime gives a subscription
   * one message, so a fresh one is what lets the next message trigger the event again.
   */
  rearm(draft, armed, key) {
    messageArming.disarm(draft, armed);
    const next = { ...armed, key };
    if (next.messageSubscription)
      draft.emit({
        type: 'MESSAGE_SUBSCRIPTION_OPENED',
        subscription: subscriptionOf(draft, next, next.messageSubscription),
      });
    return next;
  },
};

/** A signal boundary event waits on a signal subscription stored under its armed key. */
const signalArming: BoundaryArming<'signal'> = {
  arm(draft, host, event, key) {
    const name = evaluateSignalName(draft, host.key, event.trigger.signal);
    if (!name.ok) return name;
    const armed = { key, elementId: event.id, signalName: name.value };
    openSignal(draft, armed, name.value);
    return { ok: true, value: armed };
  },
  disarm(draft, armed) {
    if (armed.signalName !== undefined) closeSignal(draft, armed, armed.signalName);
  },
  /**
   * The same signal under the same key, as Zeebe keeps a non-interrupting event's subscription:
   * the next broadcast triggers the event again (its trigger's id names the broadcast), and so does
   * a broadcast delivered before this trigger was applied, which names the key it saw.
   */
  rearm(draft, armed) {
    signalArming.disarm(draft, armed);
    if (armed.signalName !== undefined) openSignal(draft, armed, armed.signalName);
    return armed;
  },
};

const BOUNDARY_ARMINGS: {
  readonly [K in BoundaryTrigger['kind']]: BoundaryArming<K> | undefined;
} = {
  message: messageArming,
  error: undefined,
  timer: timerArming,
  // A thrown escalation looks for its catch (escalations.ts).
  escalation: undefined,
  signal: signalArming,
  // Never armed: a compensation throw event invokes its handler once the host completed (compensation.ts).
  compensation: undefined,
};

function armingOf(event: BoundaryEventNode): BoundaryArming<BoundaryTrigger['kind']> | undefined {
  return BOUNDARY_ARMINGS[event.trigger.kind] as BoundaryArming<BoundaryTrigger['kind']> | undefined;
}

function boundaryEvent(draft: Draft, elementId: string): BoundaryEventNode | undefined {
  return elementOfKind(draft.ctx.definition.model, elementId, 'boundaryEvent');
}

/**
 * Arms the boundary events of a host that a token has just entered (after its input mappings,
 * before its behaviour). Returns false when one could not be armed: the others are disarmed again
 * and an incident waits on the host. A host armed already (re-activation after an incident) stays as it is.
 */
export function armBoundaryEvents(draft: Draft, node: FlowNode, hostKey: string): boolean {
  const host = draft.elementInstance(hostKey);
  if (!node.boundaryEventIds || !host || host.armedBoundaryEvents) return true;
  const armed: ArmedBoundaryEvent[] = [];
  for (const eventId of node.boundaryEventIds) {
    const event = boundaryEvent(draft, eventId);
    const arming = event && armingOf(event);
    if (!event || !arming) continue;
    const result = arming.arm(draft, host, event, draft.key());
    if (!result.ok) {
      for (const done of armed) disarmOne(draft, done);
      raiseIncident(draft, hostKey, {
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage: result.message,
        pendingStep: 'ACTIVATE',
      });
      return false;
    }
    armed.push(result.value);
  }
  if (armed.length > 0) draft.updateElementInstance(hostKey, { armedBoundaryEvents: armed });
  return true;
}

function disarmOne(draft: Draft, armed: ArmedBoundaryEvent): void {
  const event = boundaryEvent(draft, armed.elementId);
  if (event) armingOf(event)?.disarm(draft, armed);
}

/** Disarms every boundary event of a host that is ending; called by endElementInstance. */
export function disarmBoundaryEvents(draft: Draft, host: ElementInstance): void {
  for (const armed of host.armedBoundaryEvents ?? []) disarmOne(draft, armed);
}

/** After a non-interrupting trigger: the event waits again, under a new key. */
export function rearmBoundaryEvent(draft: Draft, host: ElementInstance, armed: ArmedBoundaryEvent): void {
  const event = boundaryEvent(draft, armed.elementId);
  const arming = event && armingOf(event);
  if (!arming) return;
  const next = arming.rearm(draft, armed, draft.key());
  const armedEvents = (host.armedBoundaryEvents ?? []).flatMap((one) =>
    one.key !== armed.key ? [one] : next ? [next] : [],
  );
  draft.updateElementInstance(host.key, {
    armedBoundaryEvents: armedEvents.length > 0 ? armedEvents : undefined,
  });
}

/** The active host and armed event that `key` names, if any (an instance has few active hosts). */
export function findArmedBoundaryEvent(
  draft: Draft,
  key: string,
): { readonly host: ElementInstance; readonly armed: ArmedBoundaryEvent } | undefined {
  for (const host of Object.values(draft.elementInstances())) {
    if (host.state !== 'ACTIVE' || !host.armedBoundaryEvents) continue;
    const armed = host.armedBoundaryEvents.find((candidate) => candidate.key === key);
    if (armed) return { host, armed };
  }
  return undefined;
}
