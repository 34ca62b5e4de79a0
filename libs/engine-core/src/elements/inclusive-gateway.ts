// The inclusive gateway (Zeebe semantics). Fork: every outgoing flow whose condition is true, in
// document order (no condition counts as true), else the default flow. Join: arriving tokens wait
// INACTIVE; once the instance is quiet (every token waits or has ended), a join fires when no
// other live token of its scope can still reach it, and its waiting tokens merge as at a parallel
// join (FLOWX parent/children).
import type { FlowNode, InclusiveGatewayNode, ProcessModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { mergeJoinedTokens } from '../flow/joins';
import { chooseConditionalFlows, type FlowsChoice } from '../flow/outgoing-flows';
import { isLive } from '../flow/tokens';
import type { Draft } from '../instance/draft';
import type { Token } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { waitOnIncident, type ElementBehaviour } from './element-behaviour';

export const inclusiveGateway: ElementBehaviour<InclusiveGatewayNode> = {
  /** A join holds every arrival until releaseInclusiveJoin lets them go on together. */
  arrive(draft, token, node, flowId) {
    if (!isInclusiveJoin(node)) return { token, flowId };
    waitAtInclusiveJoin(draft, token, node, flowId);
    return undefined;
  },
  /** A failing condition, or none true and no default: a CONDITION_ERROR incident; resolved, it re-runs. */
  activate(draft, node, instance) {
    const choice = chooseInclusiveFlows(
      draft.ctx.definition.model,
      node,
      collectVisibleVariables(draft, instance.key),
    );
    if (!choice.ok) return waitOnIncident(draft, instance.key, 'CONDITION_ERROR', choice.message);
    return { kind: 'complete', flowIds: choice.flowIds };
  },
};

/** True for an inclusive gateway that joins (more than one incoming flow). */
function isInclusiveJoin(node: FlowNode): node is InclusiveGatewayNode {
  return node.kind === 'inclusiveGateway' && node.incoming.length > 1;
}

/** The flows an inclusive gateway forks along, or why there are none. */
function chooseInclusiveFlows(
  model: ProcessModel,
  node: InclusiveGatewayNode,
  context: Variables,
): FlowsChoice {
  if (node.outgoing.length === 0) return { ok: true, flowIds: [] };
  return chooseConditionalFlows(model, node, context, `inclusive gateway '${node.id}'`);
}

/** A token arrives at an inclusive join: it waits there until releaseInclusiveJoin lets it go. */
function waitAtInclusiveJoin(draft: Draft, token: Token, node: FlowNode, flowId: string | undefined): void {
  draft.updateToken(token.tokenKey, {
    state: 'INACTIVE',
    elementId: node.id,
    elementInstanceKey: undefined,
    ...(flowId !== undefined ? { flowId } : {}),
  });
}

/**
 * Called when the instance is quiet: fires the first waiting inclusive join that no other live
 * token of its scope can still reach. Returns the token that moves on through the join.
 */
export function releaseInclusiveJoin(draft: Draft): { token: Token; node: FlowNode } | undefined {
  if (draft.header.state !== 'ACTIVE') return undefined;
  const model = draft.ctx.definition.model;
  const tokens = Object.values(draft.tokens());
  const checked = new Set<string>();
  for (const waiting of tokens) {
    if (waiting.state !== 'INACTIVE') continue;
    const node = model.elements[waiting.elementId];
    if (!node || !isInclusiveJoin(node)) continue;
    const joinInScope = `${waiting.scopeKey}/${node.id}`;
    if (checked.has(joinInScope)) continue;
    checked.add(joinInScope);
    const predecessors = elementsReaching(model, node.id);
    const arrived: Token[] = [];
    let blocked = false;
    for (const other of tokens) {
      if (other.scopeKey !== waiting.scopeKey || !isLive(other.state)) continue;
      if (other.state === 'INACTIVE' && other.elementId === node.id) arrived.push(other);
      else if (occupiesElement(other) && predecessors.has(other.elementId)) blocked = true;
    }
    if (blocked) continue;
    // A lone token without a split parent simply goes on; otherwise merge as at a parallel join.
    const single = arrived.length === 1 && arrived[0]?.parentTokenKey === undefined ? arrived[0] : undefined;
    const token = single
      ? draft.updateToken(single.tokenKey, { state: 'ACTIVE', flowId: undefined })
      : mergeJoinedTokens(draft, arrived, node, waiting.scopeKey);
    return { token, node };
  }
  return undefined;
}

/** A split parent waits ON_HOLD at its split without being there any more; every other live token is. */
function occupiesElement(token: Token): boolean {
  return token.state !== 'ON_HOLD' || token.elementInstanceKey !== undefined;
}

const reachingCache = new WeakMap<ProcessModel, Map<string, ReadonlySet<string>>>();

/**
 * The elements of the model from which `targetId` can still be reached: backwards along sequence
 * flows, from a boundary event to the activity it is attached to, and from a link catch event to
 * its throw events. Pure; cached per model.
 */
export function elementsReaching(model: ProcessModel, targetId: string): ReadonlySet<string> {
  let byTarget = reachingCache.get(model);
  if (!byTarget) {
    byTarget = new Map();
    reachingCache.set(model, byTarget);
  }
  const cached = byTarget.get(targetId);
  if (cached) return cached;
  const reached = new Set<string>();
  const pending = [...predecessorsOf(model, targetId)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (reached.has(next)) continue;
    reached.add(next);
    pending.push(...predecessorsOf(model, next));
  }
  byTarget.set(targetId, reached);
  return reached;
}

function predecessorsOf(model: ProcessModel, elementId: string): string[] {
  const node = model.elements[elementId];
  if (!node) return [];
  const sources = node.incoming.flatMap((flowId) => {
    const sourceId = model.flows[flowId]?.sourceId;
    return sourceId === undefined ? [] : [sourceId];
  });
  if (node.kind === 'boundaryEvent') return [...sources, node.attachedToId];
  if (node.kind === 'intermediateCatchEvent' && 'link' in node)
    return [...sources, ...linkThrowsTo(model, node.id)];
  return sources;
}

/** The link throw events that jump to a link catch event. */
function linkThrowsTo(model: ProcessModel, catchId: string): string[] {
  return Object.values(model.elements).flatMap((node) =>
    node.kind === 'intermediateThrowEvent' && 'link' in node && node.link.targetId === catchId
      ? [node.id]
      : [],
  );
}
