// Multi-instance activities, as Zeebe runs them. The token entering the activity gets the body
// (multi-instance-body.ts), which evaluates the input collection, arms the activity's boundary
// events and holds the token ON_HOLD while it runs one inner instance per item: all at once
// (parallel) or one after the other (sequential). Each inner instance is an element instance of
// the activity inside the body's scope, with its own child token and the local variables
// `loopCounter` (1-based) and the input element; its input and output mappings and its behaviour
// are the activity's own. When an inner instance completes, its output element is written into
// the body's output collection at the item's index and the completion condition is evaluated;
// once every inner instance completed (or the condition held, which terminates the others) the
// body completes: the output collection propagates to the enclosing scope and the token leaves.
import { evaluateFeel, type FlowNode, type MultiInstanceModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { COMPLETE, WAIT, type ActivationOutcome } from '../elements/element-behaviour';
import { raiseIncident } from '../errors/incidents';
import { armBoundaryEvents } from '../events/boundary-arming';
import { terminateScopeContents } from '../flow/termination';
import { createToken, liveTokensInScope } from '../flow/tokens';
import type { Draft } from '../instance/draft';
import type { ElementInstance, MultiInstanceProgress } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import type { Extracted } from '../variables/value-sources';
import { propagateVariables, setLocalVariables } from '../variables/variables';

/** A node known to be multi-instance. */
type MultiInstanceNode = FlowNode & { readonly multiInstance: MultiInstanceModel };

function multiInstanceOf(node: FlowNode): MultiInstanceModel {
  if (!node.multiInstance) throw new Error(`internal: '${node.id}' is not a multi-instance activity`);
  return node.multiInstance;
}

function feelType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'object') return 'OBJECT';
  return typeof value === 'number' ? 'NUMBER' : typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
}

/** The input collection, evaluated in the body's scope, or why it is not a list. */
function inputCollection(
  draft: Draft,
  loop: MultiInstanceModel,
  body: ElementInstance,
): Extracted<readonly unknown[]> {
  const evaluated = evaluateFeel(loop.inputCollection, collectVisibleVariables(draft, body.key));
  if (!evaluated.ok) return evaluated;
  if (Array.isArray(evaluated.value)) return { ok: true, value: evaluated.value };
  return {
    ok: false,
    message: `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${feelType(evaluated.value)}'.`,
  };
}

/**
 * Activates a body: evaluates the input collection (not a list: an EXTRACT_VALUE_ERROR incident,
 * resolving it evaluates again), arms the boundary events, sets the output collection to one null
 * per item and starts the inner instances. An empty collection completes the body at once.
 */
export function activateMultiInstanceBody(
  draft: Draft,
  node: FlowNode,
  body: ElementInstance,
): ActivationOutcome {
  const loop = multiInstanceOf(node);
  const collection = inputCollection(draft, loop, body);
  if (!collection.ok) {
    raiseIncident(draft, body.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: collection.message,
      pendingStep: 'ACTIVATE',
    });
    return WAIT;
  }
  const items = collection.value;
  if (!armBoundaryEvents(draft, node, body.key)) return WAIT;
  if (loop.outputCollection !== undefined)
    setLocalVariables(draft, body.key, { [loop.outputCollection]: items.map(() => null) });
  if (items.length === 0) return COMPLETE;
  if (body.tokenKey !== undefined) draft.updateToken(body.tokenKey, { state: 'ON_HOLD' });
  const firstItems = loop.sequential ? items.slice(0, 1) : items;
  draft.updateElementInstance(body.key, {
    multiInstance: {
      numberOfInstances: items.length,
      started: firstItems.length,
      completed: 0,
      terminated: 0,
      ...(loop.sequential ? { pendingItems: items.slice(1) } : {}),
    },
  });
  firstItems.forEach((item, index) =>
    startInnerInstance(draft, node as MultiInstanceNode, body, item, index + 1),
  );
  return WAIT;
}

/** The plain name of an output element like `result` or `result.total`, if it is one. */
function outputElementVariable(loop: MultiInstanceModel): string | undefined {
  return /^([A-Za-z_$][A-Za-z0-9_$]*)(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/.exec(
    loop.outputElement?.trim() ?? '',
  )?.[1];
}

/** One inner instance: a child token of the body's token, its local variables, then its activation. */
function startInnerInstance(
  draft: Draft,
  node: MultiInstanceNode,
  body: ElementInstance,
  item: unknown,
  loopCounter: number,
): void {
  const token = createToken(draft, body.key, node.id, body.tokenKey);
  const inner: ElementInstance = {
    key: draft.key(),
    elementId: node.id,
    elementType: node.kind,
    flowScopeKey: body.key,
    state: 'ACTIVE',
    tokenKey: token.tokenKey,
    startDate: draft.nowIso,
  };
  draft.putElementInstance(inner);
  draft.updateToken(token.tokenKey, { elementInstanceKey: inner.key });
  const loop = node.multiInstance;
  const local: Variables = {};
  // As in Zeebe, a variable named by the output element starts as a local null, so that the job
  // or child variables of that name stay in this inner instance instead of overwriting each other
  // further up. With output mappings the mapped variables are what the output element reads.
  const outputVariable = node.outputMappings.length === 0 ? outputElementVariable(loop) : undefined;
  if (outputVariable !== undefined) local[outputVariable] = null;
  if (loop.inputElement !== undefined) local[loop.inputElement] = item;
  local['loopCounter'] = loopCounter;
  setLocalVariables(draft, inner.key, local);
  draft.enqueue({ kind: 'activate', elementInstanceKey: inner.key });
}

/** What completing an inner instance decided, before the inner instance ends. */
export interface InnerCompletion {
  readonly completionConditionMet: boolean;
}

/**
 * An inner instance completes (its output mappings done, its scope still there): its output
 * element goes into the body's output collection and the completion condition is evaluated,
 * both in the inner instance's scope. A failing expression raises an EXTRACT_VALUE_ERROR incident
 * on the inner instance (resolving it completes it again) and returns undefined.
 */
export function completeInnerInstance(
  draft: Draft,
  node: FlowNode,
  inner: ElementInstance,
  body: ElementInstance,
): InnerCompletion | undefined {
  const loop = multiInstanceOf(node);
  const visible = collectVisibleVariables(draft, inner.key);
  const fail = (errorMessage: string): undefined => {
    raiseIncident(draft, inner.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage,
      pendingStep: 'COMPLETE',
    });
    return undefined;
  };
  if (loop.outputCollection !== undefined && loop.outputElement !== undefined) {
    const element = evaluateFeel(loop.outputElement, visible);
    if (!element.ok) return fail(element.message);
    const index = Number(visible['loopCounter']) - 1;
    const progress = progressOf(body);
    const outputs = [...(progress.outputs ?? Array.from({ length: progress.numberOfInstances }, () => null))];
    if (Number.isInteger(index) && index >= 0 && index < outputs.length) outputs[index] = element.value;
    draft.updateElementInstance(body.key, { multiInstance: { ...progress, outputs } });
    setLocalVariables(draft, body.key, { [loop.outputCollection]: outputs });
  }
  if (loop.completionCondition === undefined) return { completionConditionMet: false };
  const progress = progressOf(body);
  const active = liveInnerCount(draft, body) - 1;
  const completed = progress.completed + 1;
  const counters = {
    numberOfInstances: progress.numberOfInstances,
    numberOfActiveInstances: active,
    numberOfCompletedInstances: completed,
    numberOfTerminatedInstances: progress.terminated,
    // Camunda 7's names, for completion conditions of Camunda 7 models.
    nrOfInstances: progress.numberOfInstances,
    nrOfActiveInstances: active,
    nrOfCompletedInstances: completed,
  };
  const condition = evaluateFeel(loop.completionCondition, { ...visible, ...counters });
  if (!condition.ok) return fail(condition.message);
  if (typeof condition.value !== 'boolean')
    return fail(
      `Expected result of the expression '${loop.completionCondition}' to be 'BOOLEAN', but was '${feelType(condition.value)}'.`,
    );
  return { completionConditionMet: condition.value };
}

function progressOf(body: ElementInstance): MultiInstanceProgress {
  return body.multiInstance ?? { numberOfInstances: 0, started: 0, completed: 0, terminated: 0 };
}

/** Inner instances of the body that still run. */
function liveInnerCount(draft: Draft, body: ElementInstance): number {
  return liveTokensInScope(draft, body.key);
}

/**
 * After an inner instance ended: its token completes; then the completion condition ends the
 * others and the body, or the next sequential item starts, or the last inner instance completes
 * the body.
 */
export function innerInstanceEnded(
  draft: Draft,
  node: FlowNode,
  bodyKey: string,
  innerTokenKey: string,
  completion: InnerCompletion,
): void {
  draft.updateToken(innerTokenKey, { state: 'COMPLETED', elementInstanceKey: undefined });
  const body = draft.elementInstance(bodyKey);
  if (!body || body.state !== 'ACTIVE') return;
  const progress = progressOf(body);
  const completed = progress.completed + 1;
  if (completion.completionConditionMet) {
    const terminated = progress.terminated + liveInnerCount(draft, body);
    terminateScopeContents(draft, body.key);
    draft.updateElementInstance(body.key, {
      multiInstance: { ...progress, completed, terminated, pendingItems: undefined },
    });
    draft.enqueue({ kind: 'complete', elementInstanceKey: body.key });
    return;
  }
  const [next, ...rest] = progress.pendingItems ?? [];
  if (progress.pendingItems !== undefined && progress.pendingItems.length > 0) {
    const started = progress.started + 1;
    const updated = draft.updateElementInstance(body.key, {
      multiInstance: { ...progress, completed, started, pendingItems: rest },
    });
    startInnerInstance(draft, node as MultiInstanceNode, updated, next, started);
    return;
  }
  draft.updateElementInstance(body.key, { multiInstance: { ...progress, completed } });
  if (liveInnerCount(draft, body) === 0) draft.enqueue({ kind: 'complete', elementInstanceKey: body.key });
}

/** The body completes: its output collection goes to the enclosing scope (nearest holder, else the root). */
export function propagateOutputCollection(draft: Draft, node: FlowNode, body: ElementInstance): void {
  const name = node.multiInstance?.outputCollection;
  if (name === undefined || body.flowScopeKey === undefined) return;
  const value = body.multiInstance?.outputs ?? draft.scopeVariables(body.key)?.[name];
  propagateVariables(draft, body.flowScopeKey, { [name]: value ?? [] });
}
