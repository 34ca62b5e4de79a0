// Timers inside an instance (DESIGN §3.7): a timer definition is evaluated when its element is
// entered (FEEL allowed) into an ArmedTimer with a due date, announced with TIMER_SCHEDULED;
// TRIGGER_TIMER fires it; an element that ends first cancels it (TIMER_CANCELED). Keeping time is
// the runtime's work: the core only says what falls due when, and acts when told it did.
import {
  firstDueDate,
  nextDueDate,
  parseTimerValue,
  timerRepetitions,
  type BoundaryEventNode,
  type TimerDefinitionModel,
} from '@baton/bpmn';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ArmedBoundaryEvent, ArmedTimer, ElementInstance, ScheduledTimer } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString, type Extracted } from '../variables/value-sources';

const PROPERTY_BY_KIND = { duration: 'timeDuration', date: 'timeDate', cycle: 'timeCycle' } as const;

/**
 * Evaluates a timer definition in the scope `scopeKey` into an armed timer under `timerKey`, due
 * from now on; a failing expression or a value that is no valid duration, date or cycle is a failure.
 */
export function evaluateTimer(
  draft: Draft,
  scopeKey: string,
  model: TimerDefinitionModel,
  timerKey: string,
): Extracted<ArmedTimer> {
  const text = extractString(model.value, collectVisibleVariables(draft, scopeKey));
  if (!text.ok) return text;
  const value = parseTimerValue(model.kind, text.value);
  if (!value.ok)
    return {
      ok: false,
      message: `Invalid ${PROPERTY_BY_KIND[model.kind]} '${text.value}': ${value.message}`,
    };
  const due = firstDueDate(value.value, draft.ctx.now);
  if (!due.ok) return { ok: false, message: `Invalid ${PROPERTY_BY_KIND[model.kind]}: ${due.message}` };
  if (model.kind !== 'cycle') return { ok: true, value: { timerKey, dueDate: due.value } };
  const repetitions = timerRepetitions(value.value);
  return {
    ok: true,
    value: {
      timerKey,
      dueDate: due.value,
      cycle: text.value,
      ...(repetitions === undefined ? {} : { repetitionsLeft: repetitions - 1 }),
    },
  };
}

/**
 * The next occurrence of a cycle that fired now, under `timerKey`; undefined when it fired for the
 * last time, or was no cycle.
 */
export function nextOccurrence(draft: Draft, fired: ArmedTimer, timerKey: string): ArmedTimer | undefined {
  if (fired.cycle === undefined || fired.repetitionsLeft === 0) return undefined;
  const value = parseTimerValue('cycle', fired.cycle);
  const due = value.ok ? nextDueDate(value.value, fired.dueDate, draft.ctx.now) : undefined;
  if (!due?.ok) return undefined;
  return {
    timerKey,
    dueDate: due.value,
    cycle: fired.cycle,
    ...(fired.repetitionsLeft === undefined ? {} : { repetitionsLeft: fired.repetitionsLeft - 1 }),
  };
}

/** The timer as the runtime sees it, held by `holder` (a catch event, or a boundary event's host). */
export function scheduledTimerOf(
  draft: Draft,
  holder: { readonly elementInstanceKey: string; readonly elementId: string },
  timer: ArmedTimer,
): ScheduledTimer {
  const header = draft.header;
  return {
    timerKey: timer.timerKey,
    processInstanceKey: header.processInstanceKey,
    processDefinitionKey: header.processDefinitionKey,
    elementInstanceKey: holder.elementInstanceKey,
    elementId: holder.elementId,
    dueDate: timer.dueDate,
    tenantId: header.tenantId,
  };
}

function catchEventHolder(instance: ElementInstance) {
  return { elementInstanceKey: instance.key, elementId: instance.elementId };
}

/** A token entered a timer catch event: its timer is armed (or an incident raised) and it waits. */
export function armTimerCatchEvent(
  draft: Draft,
  instance: ElementInstance,
  model: TimerDefinitionModel,
): void {
  const armed = evaluateTimer(draft, instance.key, model, draft.key());
  if (!armed.ok) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: armed.message,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  draft.updateElementInstance(instance.key, { timer: armed.value });
  draft.emit({
    type: 'TIMER_SCHEDULED',
    timer: scheduledTimerOf(draft, catchEventHolder(instance), armed.value),
  });
}

/** A timer catch event ends before its timer fired (termination): the timer is canceled. */
export function cancelCatchEventTimer(draft: Draft, instance: ElementInstance): void {
  const timer = instance.timer;
  if (!timer) return;
  draft.updateElementInstance(instance.key, { timer: undefined });
  draft.emit({ type: 'TIMER_CANCELED', timer: scheduledTimerOf(draft, catchEventHolder(instance), timer) });
}

/** The active timer catch event waiting for `timerKey`, if any (an instance has few active elements). */
export function catchEventWaitingFor(draft: Draft, timerKey: string): ElementInstance | undefined {
  for (const instance of Object.values(draft.elementInstances()))
    if (instance.state === 'ACTIVE' && instance.timer?.timerKey === timerKey) return instance;
  return undefined;
}

/** The timer of a waiting catch event fired: it no longer waits, and the event completes. */
export function fireCatchEventTimer(draft: Draft, instance: ElementInstance, timer: ArmedTimer): void {
  draft.emit({ type: 'TIMER_TRIGGERED', timer: scheduledTimerOf(draft, catchEventHolder(instance), timer) });
  draft.updateElementInstance(instance.key, { timer: undefined });
  draft.enqueue({ kind: 'complete', elementInstanceKey: instance.key });
}

/** The active host a boundary event is armed on under `key` (an instance has few active hosts). */
function hostArmedWith(draft: Draft, key: string): ElementInstance | undefined {
  for (const host of Object.values(draft.elementInstances()))
    if (host.state === 'ACTIVE' && host.armedBoundaryEvents?.some((armed) => armed.key === key)) return host;
  return undefined;
}

function boundaryHolder(hostKey: string, armed: ArmedBoundaryEvent) {
  return { elementInstanceKey: hostKey, elementId: armed.elementId };
}

/**
 * The timer boundary event's arming (boundary-arming.ts): armed with its host, its timer stored
 * under the armed key; a non-interrupting cycle is armed again for its next occurrence.
 */
export const timerArming = {
  arm(
    draft: Draft,
    host: ElementInstance,
    event: BoundaryEventNode & {
      readonly trigger: { readonly kind: 'timer'; readonly timer: TimerDefinitionModel };
    },
    key: string,
  ): Extracted<ArmedBoundaryEvent> {
    const timer = evaluateTimer(draft, host.key, event.trigger.timer, key);
    if (!timer.ok) return timer;
    const armed: ArmedBoundaryEvent = { key, elementId: event.id, timer: timer.value };
    draft.emit({
      type: 'TIMER_SCHEDULED',
      timer: scheduledTimerOf(draft, boundaryHolder(host.key, armed), timer.value),
    });
    return { ok: true, value: armed };
  },
  disarm(draft: Draft, armed: ArmedBoundaryEvent): void {
    const host = armed.timer && hostArmedWith(draft, armed.key);
    if (!armed.timer || !host) return;
    draft.emit({
      type: 'TIMER_CANCELED',
      timer: scheduledTimerOf(draft, boundaryHolder(host.key, armed), armed.timer),
    });
  },
  /** The next occurrence of a cycle under a new key; undefined after a timer's last firing. */
  rearm(draft: Draft, armed: ArmedBoundaryEvent, key: string): ArmedBoundaryEvent | undefined {
    const next = armed.timer && nextOccurrence(draft, armed.timer, key);
    const host = next && hostArmedWith(draft, armed.key);
    if (!next || !host) return undefined;
    const rearmed: ArmedBoundaryEvent = { ...armed, key, timer: next };
    draft.emit({
      type: 'TIMER_SCHEDULED',
      timer: scheduledTimerOf(draft, boundaryHolder(host.key, rearmed), next),
    });
    return rearmed;
  },
};
