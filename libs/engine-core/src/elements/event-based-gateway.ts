// Event-based gateway: a token entering it waits for the first of the events its flows lead to —
// intermediate message, signal and timer catch events, receive tasks. Entering arms them all (subscriptions
// opened, timers scheduled, evaluated in the gateway's scope); the first to trigger wins: the others
// are withdrawn (subscriptions closed, timers canceled), the gateway completes, and the token moves
// through the winning event, which completes at once with the message's (or signal's) variables.
import type { EventBasedGatewayNode, FlowNode } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { raiseIncident } from '../errors/incidents';
import {
  armEvent,
  disarmEvent,
  spendEvent,
  type ArmedEvent,
  type EventTrigger,
} from '../events/gateway-and-scope-arming';
import { createElementInstance, endElementInstance } from '../flow/element-instances';
import type { Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { WAIT, type ElementBehaviour } from './element-behaviour';

export const eventBasedGateway: ElementBehaviour<EventBasedGatewayNode> = {
  activate(draft, node, instance) {
    armEventBasedGateway(draft, node, instance);
    return WAIT;
  },
  fireArmedEvent: fireEventBasedGateway,
  waitsForCommand: () => true,
};

/** What a catch element after the gateway waits for: a message, a signal or a timer (a link catch: nothing). */
function triggerOf(node: FlowNode | undefined): EventTrigger | undefined {
  if (node?.kind === 'receiveTask') return { kind: 'message', message: node.message };
  if (node?.kind !== 'intermediateCatchEvent') return undefined;
  if ('message' in node) return { kind: 'message', message: node.message };
  if ('timer' in node) return { kind: 'timer', timer: node.timer };
  if ('signal' in node) return { kind: 'signal', signal: node.signal };
  return undefined;
}

/**
 * Arms every event after the gateway; the gateway then waits. One that cannot be armed (a failing
 * name, correlation key or timer expression) disarms the others and raises an incident on the
 * gateway, whose resolution arms them again.
 */
function armEventBasedGateway(draft: Draft, node: EventBasedGatewayNode, instance: ElementInstance): void {
  const { elements, flows } = draft.ctx.definition.model;
  const armed: ArmedEvent[] = [];
  for (const flowId of node.outgoing) {
    const targetId = flows[flowId]?.targetId ?? '';
    const trigger = triggerOf(elements[targetId]);
    if (!trigger) continue;
    const result = armEvent(draft, instance.key, instance.key, targetId, trigger);
    if (!result.ok) {
      for (const done of armed) disarmEvent(draft, instance.key, done);
      raiseIncident(draft, instance.key, {
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage: result.message,
        pendingStep: 'ACTIVATE',
      });
      return;
    }
    armed.push(result.value);
  }
  draft.updateElementInstance(instance.key, { armedEvents: armed });
}

/**
 * One of the gateway's events triggered: the others are withdrawn, the gateway completes and its
 * token completes the winning event with `variables` (through its output mappings, or propagated).
 */
function fireEventBasedGateway(
  draft: Draft,
  gateway: ElementInstance,
  winner: ArmedEvent,
  variables: Variables | undefined,
): void {
  const { elements, flows } = draft.ctx.definition.model;
  spendEvent(draft, gateway.key, winner);
  for (const armed of gateway.armedEvents ?? [])
    if (armed.key !== winner.key) disarmEvent(draft, gateway.key, armed);
  draft.updateElementInstance(gateway.key, { armedEvents: undefined });
  endElementInstance(draft, gateway.key, 'COMPLETED');
  const event = elements[winner.elementId];
  const node = elements[gateway.elementId];
  if (!event || gateway.tokenKey === undefined || gateway.flowScopeKey === undefined) return;
  const flowId = node?.outgoing.find((id) => flows[id]?.targetId === event.id);
  const instance = createElementInstance(draft, event, gateway.tokenKey, gateway.flowScopeKey);
  draft.updateToken(gateway.tokenKey, {
    state: 'ACTIVE',
    elementId: event.id,
    elementInstanceKey: instance.key,
    flowId,
  });
  draft.enqueue({
    kind: 'complete',
    elementInstanceKey: instance.key,
    ...(variables ? { result: variables } : {}),
  });
}
