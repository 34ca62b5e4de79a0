// Signals inside an instance. A signal catch (intermediate catch event, boundary event, event
// subprocess start) evaluates its signal name when it starts waiting and opens a subscription
// (SIGNAL_SUBSCRIPTION_OPENED); TRIGGER_SIGNAL fires it (signal-triggers.ts); ending or
// terminating it closes the subscription. A signal throw or end event evaluates its name and asks
// for a broadcast (SIGNAL_BROADCAST_REQUESTED) with its input mappings' variables, as Zeebe does:
// finding every subscription and signal start event of that name is the runtime's work.
import type { SignalModel } from '@baton/bpmn';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ElementInstance, SignalSubscription } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString, type Extracted } from '../variables/value-sources';

/** The subscription of a waiting signal catch under `holder.key` (an element instance or an armed event). */
export function signalSubscriptionOf(
  draft: Draft,
  holder: { readonly key: string; readonly elementId: string },
  signalName: string,
): SignalSubscription {
  const header = draft.header;
  return {
    processInstanceKey: header.processInstanceKey,
    processDefinitionKey: header.processDefinitionKey,
    elementInstanceKey: holder.key,
    elementId: holder.elementId,
    signalName,
    tenantId: header.tenantId,
  };
}

/** The signal name, evaluated in the scope `scopeKey` (a FEEL name must give a string). */
export function evaluateSignalName(draft: Draft, scopeKey: string, signal: SignalModel): Extracted<string> {
  return extractString(signal.name, collectVisibleVariables(draft, scopeKey));
}

/** Announces that `holder` waits for `signalName` (the caller keeps the name on the holder). */
export function openSignal(
  draft: Draft,
  holder: { readonly key: string; readonly elementId: string },
  signalName: string,
): void {
  draft.emit({
    type: 'SIGNAL_SUBSCRIPTION_OPENED',
    subscription: signalSubscriptionOf(draft, holder, signalName),
  });
}

/** Announces that `holder` no longer waits for `signalName`. */
export function closeSignal(
  draft: Draft,
  holder: { readonly key: string; readonly elementId: string },
  signalName: string,
): void {
  draft.emit({
    type: 'SIGNAL_SUBSCRIPTION_CLOSED',
    subscription: signalSubscriptionOf(draft, holder, signalName),
  });
}

/**
 * An intermediate signal catch event starts waiting: its name evaluated, its subscription opened;
 * a failing name raises an EXTRACT_VALUE_ERROR incident instead (resolving it tries again).
 */
export function openSignalSubscription(draft: Draft, instance: ElementInstance, signal: SignalModel): void {
  const name = evaluateSignalName(draft, instance.key, signal);
  if (!name.ok) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: name.message,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  draft.updateElementInstance(instance.key, { signalName: name.value });
  openSignal(draft, instance, name.value);
}

/** Closes the subscription of a signal catch event that is triggered or terminated. */
export function closeSignalSubscription(draft: Draft, instance: ElementInstance): void {
  if (instance.signalName === undefined) return;
  draft.updateElementInstance(instance.key, { signalName: undefined });
  closeSignal(draft, instance, instance.signalName);
}

/**
 * A signal throw or end event broadcasts its signal with the variables of its own scope (its
 * input mappings'). False after raising an EXTRACT_VALUE_ERROR incident: the element waits.
 */
export function broadcastSignal(draft: Draft, instance: ElementInstance, signal: SignalModel): boolean {
  const name = evaluateSignalName(draft, instance.key, signal);
  if (!name.ok) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: name.message,
      pendingStep: 'ACTIVATE',
    });
    return false;
  }
  draft.emit({
    type: 'SIGNAL_BROADCAST_REQUESTED',
    signalKey: draft.key(),
    signalName: name.value,
    variables: { ...(draft.scopeVariables(instance.key) ?? {}) },
    tenantId: draft.header.tenantId,
  });
  return true;
}
