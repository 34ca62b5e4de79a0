// The flows a completing activity leaves by (BPMN conditional and default sequence flows, as
// Camunda 7 runs them): every unconditional flow and every flow whose condition is true, in
// document order; the default flow only when no other is taken. An activity without conditions
// or default flow leaves by all its flows (implicit parallel split), as before.
import type { FlowNode, ProcessModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { chooseConditionalFlows, type FlowsChoice } from './conditional-flows';

/** True when the node's way out depends on conditions or a default flow. */
export function hasConditionalOutgoing(model: ProcessModel, node: FlowNode): boolean {
  return (
    node.defaultFlowId !== undefined ||
    node.outgoing.some((flowId) => model.flows[flowId]?.condition !== undefined)
  );
}

/** The flows an activity leaves by, given the variables visible where it ends, or why there are none. */
export function chooseActivityFlows(model: ProcessModel, node: FlowNode, context: Variables): FlowsChoice {
  if (!hasConditionalOutgoing(model, node)) return { ok: true, flowIds: node.outgoing };
  return chooseConditionalFlows(model, node, context, `activity '${node.id}'`);
}
