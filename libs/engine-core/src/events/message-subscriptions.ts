// Message catch elements (intermediate message catch events, receive tasks): entering one
// evaluates its message name and correlation key and opens a subscription; CORRELATE_MESSAGE
// completes it with the message's variables (event-triggers.ts); termination closes it. Matching published messages
// to subscriptions is the runtime's work (DESIGN §3.8): the core only says what waits for what.
import { evaluateFeel, type MessageSubscriptionModel } from '@baton/bpmn';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ElementInstance, MessageSubscription, OpenSubscription } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString, type Extracted } from '../variables/value-sources';

/**
 * The subscription of an element instance as the runtime sees it; an armed boundary event passes
 * its own `{ key, elementId }` (its subscription is stored and correlated under that key).
 */
export function subscriptionOf(
  draft: Draft,
  instance: { readonly key: string; readonly elementId: string },
  open: OpenSubscription,
): MessageSubscription {
  const header = draft.header;
  return {
    processInstanceKey: header.processInstanceKey,
    processDefinitionKey: header.processDefinitionKey,
    elementInstanceKey: instance.key,
    elementId: instance.elementId,
    messageName: open.messageName,
    correlationKey: open.correlationKey,
    tenantId: header.tenantId,
  };
}

/** A correlation key is a string or a number (written as a string); anything else is a failure. */
function extractCorrelationKey(
  expression: string,
  context: Readonly<Record<string, unknown>>,
): Extracted<string> {
  const result = evaluateFeel(expression, context);
  if (!result.ok) return result;
  if (typeof result.value === 'string') return { ok: true, value: result.value };
  if (typeof result.value === 'number' && Number.isFinite(result.value))
    return { ok: true, value: String(result.value) };
  const type = result.value === null ? 'NULL' : Array.isArray(result.value) ? 'ARRAY' : typeof result.value;
  return {
    ok: false,
    message: `Failed to extract the correlation key for '${expression}': The value must be either a string or a number, but was '${type.toUpperCase()}'.`,
  };
}

/**
 * Evaluates the message name and correlation key and opens the subscription (the element then
 * waits); a failing expression raises an EXTRACT_VALUE_ERROR incident instead. Without a
 * correlation key (Camunda 7 models) the subscription is keyed by the processInstanceKey.
 */
export function openMessageSubscription(
  draft: Draft,
  instance: ElementInstance,
  model: MessageSubscriptionModel,
): void {
  const evaluated = evaluateSubscription(draft, instance.key, model);
  if (!evaluated.ok) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: evaluated.message,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  const open = evaluated.value;
  draft.updateElementInstance(instance.key, { messageSubscription: open });
  draft.emit({ type: 'MESSAGE_SUBSCRIPTION_OPENED', subscription: subscriptionOf(draft, instance, open) });
}

/** The message name and correlation key of a subscription, evaluated in the scope `scopeKey`. */
export function evaluateSubscription(
  draft: Draft,
  scopeKey: string,
  model: MessageSubscriptionModel,
): Extracted<OpenSubscription> {
  const context = collectVisibleVariables(draft, scopeKey);
  const name = extractString(model.name, context);
  if (!name.ok) return name;
  const correlationKey =
    model.correlationKey === undefined
      ? { ok: true as const, value: draft.rootKey }
      : extractCorrelationKey(model.correlationKey, context);
  if (!correlationKey.ok) return correlationKey;
  return { ok: true, value: { messageName: name.value, correlationKey: correlationKey.value } };
}

/** Closes the open subscription of an element instance that is being terminated. */
export function closeMessageSubscription(draft: Draft, instance: ElementInstance): void {
  const open = instance.messageSubscription;
  if (!open) return;
  draft.updateElementInstance(instance.key, { messageSubscription: undefined });
  draft.emit({ type: 'MESSAGE_SUBSCRIPTION_CLOSED', subscription: subscriptionOf(draft, instance, open) });
}
