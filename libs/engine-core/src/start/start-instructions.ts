// Start instructions of CREATE_INSTANCE (Camunda 7 startBeforeActivity / startAfterActivity /
// startTransition): tokens placed before an element, after it, or on a sequence flow, in order.
// An element inside embedded subprocesses gets its enclosing scope instances created first (the
// token that entered each waits ON_HOLD, as if it had come in through the start event); later
// instructions in the same subprocess share its instance.
import type { FlowNode, ProcessModel } from '@baton/bpmn';
import type { StartInstruction, Variables } from '@baton/contracts';
import { elementOfKind } from '../elements/model-lookup';
import { armBoundaryEvents } from '../events/boundary-arming';
import { createElementInstance } from '../flow/element-instances';
import { createToken } from '../flow/tokens';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { collectVisibleVariables } from '../variables/scope-chain';
import { evaluateMappings, setLocalVariables } from '../variables/variables';

/** Why an instruction cannot be followed (it names the element or flow), or undefined when every one can. */
export function startInstructionProblem(
  model: ProcessModel,
  instructions: readonly StartInstruction[],
): string | undefined {
  for (const instruction of instructions) {
    const problem = problemOf(model, instruction);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function problemOf(model: ProcessModel, instruction: StartInstruction): string | undefined {
  const { elementId } = instruction;
  const processId = model.processDefinitionId;
  if (instruction.type === 'startTransition') {
    const flow = model.flows[elementId];
    if (!flow)
      return `Start instruction names sequence flow '${elementId}', which is not in process '${processId}'.`;
    return scopeProblem(model, model.elements[flow.sourceId], `sequence flow '${elementId}'`);
  }
  const node = model.elements[elementId];
  if (!node && model.flows[elementId])
    return `Start instruction names '${elementId}', which is a sequence flow of process '${processId}': use type startTransition.`;
  if (!node) return `Start instruction names element '${elementId}', which is not in process '${processId}'.`;
  if (node.kind === 'boundaryEvent')
    return `Cannot start at boundary event '${elementId}': it triggers only on its activity; start before the activity instead.`;
  if (instruction.type === 'startAfter' && node.outgoing.length === 0)
    return `Cannot start after element '${elementId}': it has no outgoing sequence flow.`;
  return scopeProblem(model, node, `element '${elementId}'`);
}

/** Elements of event subprocesses start only through their trigger. */
function scopeProblem(model: ProcessModel, node: FlowNode | undefined, what: string): string | undefined {
  for (let scopeId = node?.scopeId; scopeId !== undefined && scopeId !== model.processDefinitionId;) {
    const scope = elementOfKind(model, scopeId, 'subProcess');
    if (!scope) return undefined;
    if (scope.triggeredByEvent)
      return `Cannot start at ${what}: it is inside event subprocess '${scopeId}', which starts only through its start event's trigger.`;
    scopeId = scope.scopeId;
  }
  return undefined;
}

/** Root variables of the instructions, merged in order. */
export function instructionVariables(instructions: readonly StartInstruction[]): Variables {
  const merged: Variables = {};
  for (const instruction of instructions) Object.assign(merged, instruction.variables ?? {});
  return merged;
}

/** Places one token per instruction and queues its first step; the advance loop runs them. */
export function placeStartInstructions(draft: Draft, instructions: readonly StartInstruction[]): void {
  const { model } = draft.ctx.definition;
  const problem = startInstructionProblem(model, instructions);
  if (problem !== undefined) throw new CommandRejectedError('INVALID_ARGUMENT', problem);
  const scopes = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.type === 'startTransition') {
      const flow = model.flows[instruction.elementId];
      const source = flow && model.elements[flow.sourceId];
      if (!flow || !source) continue;
      const scopeKey = ensureScope(draft, model, source.scopeId, scopes);
      setLocalVariables(draft, scopeKey, instruction.localVariables ?? {});
      const token = createToken(draft, scopeKey, source.id, holderOf(draft, scopeKey));
      draft.enqueue({ kind: 'arrive', tokenKey: token.tokenKey, elementId: flow.targetId, flowId: flow.id });
      continue;
    }
    const node = model.elements[instruction.elementId];
    if (!node) continue;
    const scopeKey = ensureScope(draft, model, node.scopeId, scopes);
    const token = createToken(draft, scopeKey, node.id, holderOf(draft, scopeKey));
    if (instruction.type === 'startAfter') {
      setLocalVariables(draft, scopeKey, instruction.localVariables ?? {});
      draft.enqueue({ kind: 'leave', tokenKey: token.tokenKey, flowIds: node.outgoing });
    } else {
      draft.enqueue({
        kind: 'arrive',
        tokenKey: token.tokenKey,
        elementId: node.id,
        ...(instruction.localVariables ? { localVariables: instruction.localVariables } : {}),
      });
    }
  }
}

/** The token waiting ON_HOLD for a subprocess scope; none for the process scope. */
function holderOf(draft: Draft, scopeKey: string): string | undefined {
  return scopeKey === draft.rootKey ? undefined : draft.elementInstance(scopeKey)?.tokenKey;
}

/**
 * The element instance key of the scope `scopeId`: the process instance, an embedded subprocess
 * instance made by an earlier instruction, or a new one (its enclosing scopes first) with its input
 * mappings applied and boundary events armed, as if a token had entered it.
 */
function ensureScope(
  draft: Draft,
  model: ProcessModel,
  scopeId: string,
  scopes: Map<string, string>,
): string {
  if (scopeId === model.processDefinitionId) return draft.rootKey;
  const existing = scopes.get(scopeId);
  if (existing !== undefined) return existing;
  const node = elementOfKind(model, scopeId, 'subProcess');
  if (!node)
    throw new Error(`internal: scope '${scopeId}' is not a subprocess of '${model.processDefinitionId}'`);
  const parentScopeKey = ensureScope(draft, model, node.scopeId, scopes);
  const token = createToken(draft, parentScopeKey, node.id, holderOf(draft, parentScopeKey));
  const instance = createElementInstance(draft, node, token.tokenKey, parentScopeKey);
  draft.updateToken(token.tokenKey, { state: 'ON_HOLD', elementInstanceKey: instance.key });
  if (node.inputMappings.length > 0) {
    const context = collectVisibleVariables(draft, instance.key);
    const mapped = evaluateMappings(node.inputMappings, context, context);
    if (!mapped.ok)
      throw new CommandRejectedError(
        'INVALID_ARGUMENT',
        `Cannot start inside subprocess '${scopeId}': its input mappings failed: ${mapped.message}`,
      );
    setLocalVariables(draft, instance.key, mapped.variables);
  }
  armBoundaryEvents(draft, node, instance.key);
  scopes.set(scopeId, instance.key);
  return instance.key;
}
