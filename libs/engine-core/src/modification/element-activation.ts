// Activating an element of a running instance (Zeebe's ElementActivationBehavior in Baton's token
// model): its flow scopes are found — the one active instance of each, or the one an ancestor key
// picks — or created when none is active (an embedded subprocess instance entered by a token that
// waits ON_HOLD, its boundary events and event subprocess starts armed; its input mappings are not
// run, as Zeebe does not run them for created flow scopes). Then a new token enters the element
// without arriving along a flow (a join does not hold it) and the advance loop activates it.
import type { FlowNode, SubProcessNode } from '@baton/bpmn';
import type { ActivateInstruction, Variables } from '@baton/contracts';
import { elementOfKind } from '../elements/model-lookup';
import { armBoundaryEvents } from '../events/boundary-arming';
import { armEventSubProcessStarts } from '../events/event-subprocesses';
import { createElementInstance } from '../flow/element-instances';
import { createToken } from '../flow/tokens';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { isMultiInstanceBody } from '../multi-instance/multi-instance-body';
import { setLocalVariables } from '../variables/variables';
import { flowScopeIdsOf } from './modification-scopes';

/** One level of flow scope instances: a subprocess, or of a multi-instance subprocess its body or its inner instances. */
interface ScopeLevel {
  readonly node: SubProcessNode;
  readonly body: boolean;
}

/**
 * Activates the element of one instruction and returns the keys of the flow scope instances it
 * runs in (the process instance included): a termination in the same command leaves them alone.
 */
export function activateElement(draft: Draft, instruction: ActivateInstruction): readonly string[] {
  const { model } = draft.ctx.definition;
  const node = model.elements[instruction.elementId];
  if (!node) throw new Error(`internal: element '${instruction.elementId}' was checked to exist`);
  const ancestorKey = instruction.ancestorElementInstanceKey;
  const scopeKeys = [draft.rootKey];
  setLocalVariables(
    draft,
    draft.rootKey,
    variablesFor(draft, instruction, draft.ctx.definition.processDefinitionId),
  );
  let scopeKey = draft.rootKey;
  for (const level of scopeLevels(draft, node)) {
    const reused = reusableInstance(draft, level, scopeKey, ancestorKey);
    if (reused === undefined) {
      if (level.node.multiInstance !== undefined)
        refuse(
          draft,
          `it contains activate instructions that would create an instance of multi-instance element '${level.node.id}', which is not supported; activate inside an existing inner instance by giving its key as ancestor.`,
        );
      scopeKey = openFlowScope(draft, level.node, scopeKey);
    } else scopeKey = reused;
    if (!level.body) setLocalVariables(draft, scopeKey, variablesFor(draft, instruction, level.node.id));
    scopeKeys.push(scopeKey);
  }
  const token = createToken(draft, scopeKey, node.id, holderOf(draft, scopeKey));
  const instance = createElementInstance(draft, node, token.tokenKey, scopeKey);
  draft.updateToken(token.tokenKey, { elementInstanceKey: instance.key });
  setLocalVariables(draft, instance.key, variablesFor(draft, instruction, node.id));
  draft.enqueue({ kind: 'activate', elementInstanceKey: instance.key });
  return scopeKeys;
}

/** The embedded subprocesses around the node, outermost first; a multi-instance one counts twice (body, inner). */
function scopeLevels(draft: Draft, node: FlowNode): ScopeLevel[] {
  const { model } = draft.ctx.definition;
  return flowScopeIdsOf(model, node.id).flatMap((scopeId): ScopeLevel[] => {
    const scope = elementOfKind(model, scopeId, 'subProcess');
    if (!scope) return [];
    return scope.multiInstance !== undefined
      ? [
          { node: scope, body: true },
          { node: scope, body: false },
        ]
      : [{ node: scope, body: false }];
  });
}

/**
 * The active instance of the level directly in `parentKey` to run in, or undefined when a new one
 * must be created. One instance: it, unless it lies below the chosen ancestor (a new one is asked
 * for). Several: the chosen ancestor among them, or the one above it; without an ancestor key the
 * choice is ambiguous and the modification is refused.
 */
function reusableInstance(
  draft: Draft,
  level: ScopeLevel,
  parentKey: string,
  ancestorKey: string | undefined,
): string | undefined {
  const candidates = Object.values(draft.elementInstances()).filter(
    (instance) =>
      instance.state === 'ACTIVE' &&
      instance.elementId === level.node.id &&
      instance.flowScopeKey === parentKey &&
      isMultiInstanceBody(instance) === level.body,
  );
  const [only] = candidates;
  if (only === undefined) return undefined;
  if (candidates.length === 1)
    return ancestorKey !== undefined && isBelow(draft, only, ancestorKey) ? undefined : only.key;
  if (ancestorKey === undefined) return ambiguous(draft, level.node.id);
  if (candidates.some((instance) => instance.key === ancestorKey)) return ancestorKey;
  if (candidates.some((instance) => isBelow(draft, instance, ancestorKey))) return undefined;
  const ancestor = draft.elementInstance(ancestorKey);
  const above = ancestor && candidates.find((instance) => isBelow(draft, ancestor, instance.key));
  return above ? above.key : ambiguous(draft, level.node.id);
}

function ambiguous(draft: Draft, scopeId: string): never {
  return refuse(
    draft,
    `it contains activate instructions for an element whose flow scope '${scopeId}' has more than one active instance; give an ancestor element instance key to choose one.`,
  );
}

/** True when `ancestorKey` is a flow scope of `instance`, directly or further up. */
function isBelow(draft: Draft, instance: ElementInstance, ancestorKey: string): boolean {
  for (let key = instance.flowScopeKey; key !== undefined; key = draft.elementInstance(key)?.flowScopeKey)
    if (key === ancestorKey) return true;
  return false;
}

/**
 * A new instance of an embedded subprocess in `parentKey`, as if a token had entered it, without
 * its start event running: the entering token waits ON_HOLD; boundary events and event subprocess
 * starts are armed (a failure refuses the modification, as Zeebe refuses it).
 */
function openFlowScope(draft: Draft, node: SubProcessNode, parentKey: string): string {
  const token = createToken(draft, parentKey, node.id, holderOf(draft, parentKey));
  const instance = createElementInstance(draft, node, token.tokenKey, parentKey);
  draft.updateToken(token.tokenKey, { state: 'ON_HOLD', elementInstanceKey: instance.key });
  if (!armBoundaryEvents(draft, node, instance.key))
    refuse(draft, subscriptionFailure(draft, instance.key, node.id));
  const failure = armEventSubProcessStarts(draft, instance.key, node.id);
  if (failure !== undefined)
    refuse(draft, `it could not subscribe to the catch events of '${node.id}': ${failure}`);
  return instance.key;
}

/** The message of the incident arming raised on the new scope (the whole draft is thrown away). */
function subscriptionFailure(draft: Draft, instanceKey: string, elementId: string): string {
  const incidentKey = draft.elementInstance(instanceKey)?.incidentKey;
  const message = incidentKey !== undefined ? draft.incident(incidentKey)?.errorMessage : undefined;
  return `it could not subscribe to the catch events of '${elementId}': ${message ?? 'a boundary event could not be armed'}`;
}

/** The token waiting ON_HOLD for a scope instance; none for the process scope. */
function holderOf(draft: Draft, scopeKey: string): string | undefined {
  return scopeKey === draft.rootKey ? undefined : draft.elementInstance(scopeKey)?.tokenKey;
}

/** The variables of the instruction for the instance of `elementId` (the process id: also those without scope). */
function variablesFor(draft: Draft, instruction: ActivateInstruction, elementId: string): Variables {
  const processId = draft.ctx.definition.processDefinitionId;
  const merged: Record<string, unknown> = {};
  for (const one of instruction.variableInstructions ?? []) {
    const scopeId = one.scopeId === undefined || one.scopeId === '' ? processId : one.scopeId;
    if (scopeId === elementId) Object.assign(merged, one.variables);
  }
  return merged;
}

function refuse(draft: Draft, reason: string): never {
  throw new CommandRejectedError(
    'INVALID_ARGUMENT',
    `Expected to modify instance of process '${draft.ctx.definition.processDefinitionId}' but ${reason}`,
  );
}
