// The exclusive gateway: the first outgoing flow, in document order, whose condition is `true`
// (a flow without condition counts as true), else the default flow; none: an incident.
import { evaluateFeel, type ExclusiveGatewayNode, type ProcessModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { collectVisibleVariables } from '../variables/scope-chain';
import { waitOnIncident, type ElementBehaviour } from './element-behaviour';

export const exclusiveGateway: ElementBehaviour<ExclusiveGatewayNode> = {
  /** A failing condition, or none true and no default: a CONDITION_ERROR incident; resolved, it re-runs. */
  activate(draft, node, instance) {
    const choice = chooseExclusiveFlow(
      draft.ctx.definition.model,
      node,
      collectVisibleVariables(draft, instance.key),
    );
    if (!choice.ok) return waitOnIncident(draft, instance.key, 'CONDITION_ERROR', choice.message);
    return { kind: 'complete', flowIds: [choice.flowId] };
  },
};

export type FlowChoice =
  { readonly ok: true; readonly flowId: string } | { readonly ok: false; readonly message: string };

/** Picks the outgoing flow of an exclusive gateway, or says why none can be taken. */
export function chooseExclusiveFlow(
  model: ProcessModel,
  node: ExclusiveGatewayNode,
  context: Variables,
): FlowChoice {
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlowId) continue;
    const condition = model.flows[flowId]?.condition;
    if (condition === undefined) return { ok: true, flowId };
    const result = evaluateFeel(condition, context);
    if (!result.ok)
      return { ok: false, message: `${result.message} (condition of sequence flow '${flowId}')` };
    if (result.value === true) return { ok: true, flowId };
    if (result.value !== false) {
      return {
        ok: false,
        message: `Expected the condition '${condition}' of sequence flow '${flowId}' to be 'BOOLEAN', but it evaluated to ${JSON.stringify(result.value)}.`,
      };
    }
  }
  if (node.defaultFlowId !== undefined) return { ok: true, flowId: node.defaultFlowId };
  return {
    ok: false,
    message: `No outgoing sequence flow of exclusive gateway '${node.id}' matched: every condition evaluated to false and there is no default flow.`,
  };
}
