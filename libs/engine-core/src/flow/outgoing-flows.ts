// Conditional and default sequence flows: the flows taken out of an element whose outgoing flows
// may carry conditions and a default — an inclusive gateway fork, or a completing activity as
// Camunda 7 runs it. Every unconditional flow and every flow whose condition is true, in document
// order; the default only when no other is taken. An activity without conditions or default flow
// leaves by all its flows (implicit parallel split).
import { evaluateFeel, type FlowNode, type ProcessModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';

export type FlowsChoice =
  | { readonly ok: true; readonly flowIds: readonly string[] }
  | { readonly ok: false; readonly message: string };

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

/**
 * The flows `node` leaves by, given the variables visible there, or why there are none (a
 * condition that fails or is not boolean; nothing taken and no default). `described` names the
 * node in that message, e.g. `inclusive gateway 'fork'`.
 */
export function chooseConditionalFlows(
  model: ProcessModel,
  node: FlowNode,
  context: Variables,
  described: string,
): FlowsChoice {
  const taken: string[] = [];
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlowId) continue;
    const condition = model.flows[flowId]?.condition;
    if (condition === undefined) {
      taken.push(flowId);
      continue;
    }
    const result = evaluateFeel(condition, context);
    if (!result.ok)
      return { ok: false, message: `${result.message} (condition of sequence flow '${flowId}')` };
    if (result.value === true) taken.push(flowId);
    else if (result.value !== false)
      return {
        ok: false,
        message: `Expected the condition '${condition}' of sequence flow '${flowId}' to be 'BOOLEAN', but it evaluated to ${JSON.stringify(result.value)}.`,
      };
  }
  if (taken.length > 0) return { ok: true, flowIds: taken };
  if (node.defaultFlowId !== undefined) return { ok: true, flowIds: [node.defaultFlowId] };
  return {
    ok: false,
    message: `No outgoing sequence flow of ${described} matched: every condition evaluated to false and there is no default flow.`,
  };
}
