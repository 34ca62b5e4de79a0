// What a migration does to arrivals waiting at a joining parallel or inclusive gateway (tokens
// INACTIVE at the gateway, each remembering the flow it came by), as Camunda 8.8 documents it
// ("Migrating joining parallel and inclusive gateways"): the gateway must be mapped to a gateway
// of the same kind in the same flow scope with at least as many incoming flows, and each taken
// flow becomes an incoming flow of the target — the one its mapping names, else the flow of the
// same id. The arrivals then count at the target gateway as if they had come by those flows.
import type { ProcessModel } from '@baton/bpmn';
import type { DefinitionRef } from '../instance/apply-types';
import type { InstanceState, Token } from '../instance/state';

/** What the join plan reads: the instance's tokens and scopes, both definitions. */
export interface JoinPlanInput {
  readonly state: Pick<InstanceState, 'processInstanceKey' | 'elementInstances' | 'tokens'>;
  readonly source: DefinitionRef;
  readonly target: DefinitionRef;
}

export interface PlannedJoinArrival {
  readonly tokenKey: string;
  readonly sourceElementId: string;
  readonly targetElementId: string;
  readonly sourceFlowId?: string;
  readonly targetFlowId?: string;
}

/** The arrivals' plan; each refusal (a sentence naming the gateway) is pushed to `problems`. */
export function planJoinArrivals(
  input: JoinPlanInput,
  mapping: ReadonlyMap<string, string>,
  problems: string[],
): PlannedJoinArrival[] {
  const planned: PlannedJoinArrival[] = [];
  for (const arrivals of waitingArrivals(input.state.tokens).values()) {
    const first = arrivals[0]!;
    const gatewayId = first.elementId;
    const targetId = mapping.get(gatewayId);
    const taken = arrivals.map((token) => token.flowId ?? '?').join("', '");
    if (targetId === undefined) {
      problems.push(
        `arrivals wait at joining gateway '${gatewayId}' (by flows '${taken}'), which has no mapping instruction`,
      );
      continue;
    }
    const problem = gatewayProblem(input, mapping, first, targetId);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const targetIncoming = input.target.model.elements[targetId]?.incoming ?? [];
    const usedFlows = new Set<string>();
    for (const token of arrivals) {
      const targetFlowId = targetFlowOf(token, mapping, targetIncoming);
      if (targetFlowId === undefined || usedFlows.has(targetFlowId)) {
        problems.push(
          targetFlowId === undefined
            ? `the arrival at joining gateway '${gatewayId}' by flow '${token.flowId ?? '?'}' has no incoming flow of '${targetId}' to count for: map the flow to one`
            : `two arrivals at joining gateway '${gatewayId}' would count for the same flow '${targetFlowId}' of '${targetId}'`,
        );
        continue;
      }
      usedFlows.add(targetFlowId);
      planned.push({
        tokenKey: token.tokenKey,
        sourceElementId: gatewayId,
        targetElementId: targetId,
        ...(token.flowId !== undefined ? { sourceFlowId: token.flowId } : {}),
        targetFlowId,
      });
    }
  }
  return planned;
}

/** INACTIVE tokens by flow scope instance and gateway, in key order. */
function waitingArrivals(tokens: JoinPlanInput['state']['tokens']): Map<string, Token[]> {
  const byGateway = new Map<string, Token[]>();
  for (const token of Object.values(tokens)) {
    if (token.state !== 'INACTIVE') continue;
    const group = `${token.scopeKey}/${token.elementId}`;
    byGateway.set(group, [...(byGateway.get(group) ?? []), token]);
  }
  return byGateway;
}

function gatewayProblem(
  input: JoinPlanInput,
  mapping: ReadonlyMap<string, string>,
  arrival: Token,
  targetId: string,
): string | undefined {
  const { source, target, state } = input;
  const gateway = source.model.elements[arrival.elementId];
  const targetGateway = target.model.elements[targetId];
  if (!gateway || !targetGateway || gateway.kind !== targetGateway.kind)
    return `joining gateway '${arrival.elementId}' of type '${gateway?.kind ?? '?'}' is mapped to '${targetId}' of type '${targetGateway?.kind ?? 'sequenceFlow'}'; elements must be mapped to elements of the same type`;
  const scope = state.elementInstances[arrival.scopeKey];
  const expectedScope =
    arrival.scopeKey === state.processInstanceKey
      ? target.processDefinitionId
      : scope && mapping.get(scope.elementId);
  if (expectedScope !== undefined && targetGateway.scopeId !== expectedScope)
    return `the flow scope of joining gateway '${arrival.elementId}' would change: mapped to '${targetId}', its flow scope is expected to be '${expectedScope}' but is '${targetGateway.scopeId}'`;
  if (targetGateway.incoming.length < gateway.incoming.length)
    return `joining gateway '${arrival.elementId}' has ${gateway.incoming.length} incoming flows but '${targetId}' only ${targetGateway.incoming.length}; the target gateway must have at least as many`;
  return undefined;
}

function targetFlowOf(
  token: Token,
  mapping: ReadonlyMap<string, string>,
  targetIncoming: ProcessModel['elements'][string]['incoming'],
): string | undefined {
  if (token.flowId === undefined) return undefined;
  const flowId = mapping.get(token.flowId) ?? token.flowId;
  return targetIncoming.includes(flowId) ? flowId : undefined;
}
