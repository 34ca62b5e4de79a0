// The advance loop: processes queued steps until every token waits (job, user task, join,
// incident) or has ended. Steps run FIFO, so the same command always gives the same result.
// It drives each element through its lifecycle (elements/element-behaviour.ts): what every element
// shares is done here, what a kind adds is its behaviour's hook, found in elements/registry.ts.
import type { FlowNode } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { notifyParent } from '../elements/call-activity';
import { WAIT, waitOnIncident, type ActivationOutcome } from '../elements/element-behaviour';
import { releaseInclusiveJoin } from '../elements/inclusive-gateway';
import { behaviourOf } from '../elements/registry';
import { raiseIncident } from '../errors/incidents';
import { armBoundaryEvents } from '../events/boundary-arming';
import { compensationAfterCompletion } from '../events/compensation';
import type { Draft } from '../instance/draft';
import { answerAwaitingReplies } from '../instance/replies';
import type { ElementInstance, Token } from '../instance/state';
import type { Step } from '../instance/steps';
import { holdBeforeActivation, holdBeforeLeaving } from '../jobs/async-continuation';
import {
  activateMultiInstanceBody,
  completeInnerInstance,
  innerInstanceEnded,
  propagateOutputCollection,
} from '../multi-instance/multi-instance';
import { bodyOfInner, isMultiInstanceBody } from '../multi-instance/multi-instance-body';
import { collectVisibleVariables } from '../variables/scope-chain';
import { evaluateMappings, propagateVariables, setLocalVariables } from '../variables/variables';
import { createElementInstance, endElementInstance } from './element-instances';
import { chooseActivityFlows, hasConditionalOutgoing } from './outgoing-flows';
import { terminateScopeContents } from './termination';
import { createToken, hasLiveChildren, scopeHasLiveTokens } from './tokens';

/** Drains the draft's step queue. */
export function advance(draft: Draft): void {
  for (;;) {
    for (let step = draft.nextStep(); step !== undefined; step = draft.nextStep()) runStep(draft, step);
    // Quiet: every token waits or has ended, so an inclusive join knows which tokens can still come.
    const released = releaseInclusiveJoin(draft);
    if (!released) return;
    enter(draft, released.token, released.node, undefined);
  }
}

function runStep(draft: Draft, step: Step): void {
  switch (step.kind) {
    case 'arrive':
      return arrive(draft, step.tokenKey, step.elementId, step.flowId, step.localVariables);
    case 'activate':
      return activate(draft, step.elementInstanceKey);
    case 'complete':
      return complete(draft, step.elementInstanceKey, step.result);
    case 'leave':
      return leave(draft, step.tokenKey, step.flowIds);
    case 'token-ended':
      return tokenEnded(draft, step.tokenKey);
    case 'scope-check':
      return checkScopeCompletion(draft, step.scopeKey);
  }
}

function nodeOf(draft: Draft, elementId: string): FlowNode {
  const node = draft.ctx.definition.model.elements[elementId];
  if (!node)
    throw new Error(
      `internal: element '${elementId}' is not in process '${draft.ctx.definition.processDefinitionId}'`,
    );
  return node;
}

function arrive(
  draft: Draft,
  tokenKey: string,
  elementId: string,
  flowId: string | undefined,
  localVariables?: Variables,
): void {
  const token = draft.token(tokenKey);
  if (!token || token.state !== 'ACTIVE') return;
  const node = nodeOf(draft, elementId);
  const arrival = behaviourOf(node).arrive;
  if (!arrival) return enter(draft, token, node, flowId, localVariables);
  const entry = arrival(draft, token, node, flowId);
  // Held at a join until the other arrivals come.
  if (entry) enter(draft, entry.token, node, entry.flowId, localVariables);
}

/** The token enters the element: a new element instance, then its activation. */
function enter(
  draft: Draft,
  token: Token,
  node: FlowNode,
  arrivedVia: string | undefined,
  localVariables?: Variables,
): void {
  const instance = createElementInstance(draft, node, token.tokenKey, token.scopeKey);
  if (localVariables) setLocalVariables(draft, instance.key, localVariables);
  draft.updateToken(token.tokenKey, {
    elementId: node.id,
    elementInstanceKey: instance.key,
    flowId: arrivedVia,
  });
  activate(draft, instance.key);
}

function activate(draft: Draft, elementInstanceKey: string): void {
  const instance = draft.elementInstance(elementInstanceKey);
  if (!instance || instance.state !== 'ACTIVE') return;
  const node = nodeOf(draft, instance.elementId);
  if (holdBeforeActivation(draft, node, instance)) return;
  const outcome = isMultiInstanceBody(instance)
    ? activateMultiInstanceBody(draft, node, instance)
    : activateElement(draft, node, instance);
  if (outcome.kind === 'complete') complete(draft, elementInstanceKey, outcome.result, outcome.flowIds);
  else if (outcome.kind === 'terminate') terminateFrom(draft, elementInstanceKey);
}

/** Input mappings into the element's local scope, its boundary events armed, then its kind's activation. */
function activateElement(draft: Draft, node: FlowNode, instance: ElementInstance): ActivationOutcome {
  if (node.inputMappings.length > 0) {
    const context = collectVisibleVariables(draft, instance.key);
    const mapped = evaluateMappings(node.inputMappings, context, context);
    if (!mapped.ok) return waitOnIncident(draft, instance.key, 'IO_MAPPING_ERROR', mapped.message);
    setLocalVariables(draft, instance.key, mapped.variables);
  }
  // An inner instance of a multi-instance activity: its body holds the boundary events.
  const inner = node.multiInstance !== undefined;
  if (!inner && !armBoundaryEvents(draft, node, instance.key)) return WAIT;
  return behaviourOf(node).activate(draft, node, instance);
}

/**
 * Completes an element: `result` (job / user task variables, script result) goes through the
 * output mappings when there are any, else propagates from the element's scope; then the token
 * leaves. A failing output mapping raises an incident and the element stays active.
 */
function complete(
  draft: Draft,
  elementInstanceKey: string,
  result?: Variables,
  flowIds?: readonly string[],
): void {
  const instance = draft.elementInstance(elementInstanceKey);
  if (!instance || instance.state !== 'ACTIVE' || instance.flowScopeKey === undefined) return;
  const node = nodeOf(draft, instance.elementId);
  if (instance.asyncAfterDone) {
    // Back from an asyncAfter continuation: the variables were handled before it.
  } else if (isMultiInstanceBody(instance)) {
    // A multi-instance body has no mappings of its own (its inner instances run the activity's).
    propagateOutputCollection(draft, node, instance);
  } else if (node.outputMappings.length > 0) {
    if (result) setLocalVariables(draft, instance.key, result);
    const mapped = evaluateMappings(
      node.outputMappings,
      collectVisibleVariables(draft, instance.key),
      collectVisibleVariables(draft, instance.flowScopeKey),
    );
    if (!mapped.ok) {
      raiseIncident(draft, instance.key, {
        errorType: 'IO_MAPPING_ERROR',
        errorMessage: mapped.message,
        pendingStep: 'COMPLETE',
      });
      return;
    }
    propagateVariables(draft, instance.flowScopeKey, mapped.variables);
  } else if (result) {
    propagateVariables(draft, instance.key, result);
  }
  if (holdBeforeLeaving(draft, node, draft.elementInstance(instance.key) ?? instance)) return;
  const body = bodyOfInner(draft, instance);
  const innerCompletion = body && completeInnerInstance(draft, node, instance, body);
  if (body && !innerCompletion) return;
  // An activity's conditional and default flows are chosen before it ends: a failing condition
  // keeps it active with an incident, and resolving the incident completes it again.
  let leavingFlowIds = flowIds ?? node.outgoing;
  if (flowIds === undefined && !body && hasConditionalOutgoing(draft.ctx.definition.model, node)) {
    const context = collectVisibleVariables(draft, instance.flowScopeKey);
    const choice = chooseActivityFlows(draft.ctx.definition.model, node, context);
    if (!choice.ok) {
      raiseIncident(draft, instance.key, {
        errorType: 'CONDITION_ERROR',
        errorMessage: choice.message,
        pendingStep: 'COMPLETE',
      });
      return;
    }
    leavingFlowIds = choice.flowIds;
  }
  endElementInstance(draft, instance.key, 'COMPLETED');
  if (draft.ctx.definition.model.compensation)
    compensationAfterCompletion(draft, node, instance, body !== undefined);
  if (instance.tokenKey === undefined) return;
  if (body && innerCompletion)
    return innerInstanceEnded(draft, node, body.key, instance.tokenKey, innerCompletion);
  draft.updateToken(instance.tokenKey, { state: 'ACTIVE', elementInstanceKey: undefined });
  const jumpTarget = behaviourOf(node).jumpTarget?.(node);
  if (jumpTarget !== undefined) {
    draft.enqueue({ kind: 'arrive', tokenKey: instance.tokenKey, elementId: jumpTarget });
    return;
  }
  leave(draft, instance.tokenKey, leavingFlowIds);
}

/** One flow: the token moves on. Several: implicit or gateway split. None: the token ends. */
function leave(draft: Draft, tokenKey: string, flowIds: readonly string[]): void {
  const token = draft.token(tokenKey);
  if (!token) return;
  const { flows } = draft.ctx.definition.model;
  if (flowIds.length === 0) return tokenEnded(draft, tokenKey);
  if (flowIds.length === 1) {
    const flowId = flowIds[0] as string;
    draft.enqueue({ kind: 'arrive', tokenKey, elementId: targetOf(flows, flowId), flowId });
    return;
  }
  draft.updateToken(tokenKey, { state: 'ON_HOLD' });
  for (const flowId of flowIds) {
    const child = createToken(draft, token.scopeKey, token.elementId, tokenKey);
    draft.enqueue({ kind: 'arrive', tokenKey: child.tokenKey, elementId: targetOf(flows, flowId), flowId });
  }
}

function targetOf(flows: Readonly<Record<string, { readonly targetId: string }>>, flowId: string): string {
  const flow = flows[flowId];
  if (!flow) throw new Error(`internal: unknown sequence flow '${flowId}'`);
  return flow.targetId;
}

/** A token ends; a split parent whose children have all ended ends too; then its scope may complete. */
function tokenEnded(draft: Draft, tokenKey: string): void {
  const token = draft.updateToken(tokenKey, { state: 'COMPLETED', elementInstanceKey: undefined });
  let parent = token.parentTokenKey !== undefined ? draft.token(token.parentTokenKey) : undefined;
  while (
    parent &&
    parent.state === 'ON_HOLD' &&
    parent.scopeKey === token.scopeKey &&
    !hasLiveChildren(draft, parent.tokenKey)
  ) {
    draft.updateToken(parent.tokenKey, { state: 'COMPLETED' });
    parent = parent.parentTokenKey !== undefined ? draft.token(parent.parentTokenKey) : undefined;
  }
  checkScopeCompletion(draft, token.scopeKey);
}

/** A terminate end event: everything else in its scope ends, then the scope completes. */
function terminateFrom(draft: Draft, elementInstanceKey: string): void {
  const instance = draft.elementInstance(elementInstanceKey);
  if (!instance?.flowScopeKey) return;
  endElementInstance(draft, elementInstanceKey, 'COMPLETED');
  if (instance.tokenKey !== undefined)
    draft.updateToken(instance.tokenKey, { state: 'COMPLETED', elementInstanceKey: undefined });
  terminateScopeContents(draft, instance.flowScopeKey);
  checkScopeCompletion(draft, instance.flowScopeKey);
}

/** With no live token left, a subprocess completes (its token moves on) and the process ends. */
function checkScopeCompletion(draft: Draft, scopeKey: string): void {
  if (draft.header.state !== 'ACTIVE' || scopeHasLiveTokens(draft, scopeKey)) return;
  if (scopeKey === draft.rootKey) {
    endElementInstance(draft, draft.rootKey, 'COMPLETED');
    draft.setHeader({ state: 'COMPLETED', endDate: draft.nowIso });
    answerAwaitingReplies(draft);
    notifyParent(draft, draft.scopeVariables(draft.rootKey) ?? {});
    return;
  }
  complete(draft, scopeKey);
}
