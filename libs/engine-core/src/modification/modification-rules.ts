// What a modification is checked against before anything changes, in the order Zeebe checks it
// (ProcessInstanceModificationModifyProcessor): elements to activate exist and may be activated,
// instances to terminate are active, variable scopes are flow scopes of their element, ancestor
// keys are active ancestors, and no activation needs a flow scope instance being terminated.
// Every refusal is INVALID_ARGUMENT with a sentence naming what is wrong.
import type { ProcessModel } from '@baton/bpmn';
import type { CommandOf } from '@baton/contracts';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { flowScopeIdsOf, isFlowScopeOf } from './modification-scopes';

type ModifyCommand = CommandOf<'MODIFY_INSTANCE'>;

/** Element kinds a modification cannot activate: they start only through their trigger. */
const UNSUPPORTED_KINDS: ReadonlySet<string> = new Set(['startEvent', 'boundaryEvent']);

/** Throws the first problem found; returns when every instruction can be followed. */
export function checkModification(draft: Draft, command: ModifyCommand): void {
  const { model } = draft.ctx.definition;
  const processId = model.processDefinitionId;
  const refuse = (reason: string): never => {
    throw new CommandRejectedError(
      'INVALID_ARGUMENT',
      `Expected to modify instance of process '${processId}' but ${reason}`,
    );
  };
  const activations = command.activateInstructions;
  const unknown = distinct(
    activations.map((one) => one.elementId).filter((id) => !model.elements[id] && !model.flows[id]),
  );
  if (unknown.length > 0)
    refuse(
      `it contains activate instructions for elements that are not in the process: '${unknown.join("', '")}'.`,
    );
  const unsupported = unsupportedActivations(model, distinct(activations.map((one) => one.elementId)));
  if (unsupported) refuse(unsupported);
  const notActive = distinct(
    command.terminateInstructions
      .map((one) => one.elementInstanceKey)
      .filter((key) => draft.elementInstance(key)?.state !== 'ACTIVE'),
  );
  if (notActive.length > 0)
    refuse(
      `it contains terminate instructions for element instances that are not active in process instance '${draft.rootKey}' (unknown, or already ended): '${notActive.join("', '")}'.`,
    );
  for (const activation of activations) {
    for (const variables of activation.variableInstructions ?? []) {
      const scopeId = variables.scopeId ?? '';
      if (scopeId === '' || scopeId === processId || scopeId === activation.elementId) continue;
      if (!model.elements[scopeId])
        refuse(
          `it contains variable instructions for scope '${scopeId}', which is not an element of the process.`,
        );
      if (!isFlowScopeOf(model, scopeId, activation.elementId))
        refuse(
          `the variable instructions of element '${activation.elementId}' name scope '${scopeId}', which is not one of its flow scopes; set such variables before or after the modification.`,
        );
    }
  }
  for (const activation of activations) {
    const ancestorKey = activation.ancestorElementInstanceKey;
    if (ancestorKey === undefined) continue;
    const ancestor = draft.elementInstance(ancestorKey);
    if (ancestor?.state !== 'ACTIVE')
      refuse(
        `it contains an activate instruction with ancestor element instance '${ancestorKey}', which does not exist in process instance '${draft.rootKey}' or is not active.`,
      );
    else if (!isFlowScopeOf(model, ancestor.elementId, activation.elementId))
      refuse(
        `it contains an activate instruction with an ancestor that is not an ancestor of the element: instance '${ancestorKey}' of element '${ancestor.elementId}' does not hold element '${activation.elementId}'.`,
      );
  }
  const conflicts = scopesBeingTerminated(draft, command);
  if (conflicts.length > 0)
    refuse(
      `it contains activate instructions whose flow scope instance is terminated by the same modification: ${conflicts.join(', ')}. Give an ancestor element instance key for the activation, or do not terminate its flow scope.`,
    );
}

/**
 * Why one of the elements cannot be activated, or undefined. Start and boundary events start only
 * through their trigger, a sequence flow is no element, the catch events after an event-based
 * gateway belong to the gateway, and an event subprocess (and what is inside it) runs only when its
 * start event triggers.
 */
function unsupportedActivations(model: ProcessModel, elementIds: readonly string[]): string | undefined {
  const afterEventGateway = elementIds.filter((id) =>
    (model.elements[id]?.incoming ?? []).some((flowId) => {
      const source = model.elements[model.flows[flowId]?.sourceId ?? ''];
      return source?.kind === 'eventBasedGateway';
    }),
  );
  if (afterEventGateway.length > 0)
    return `it contains activate instructions for elements that cannot be activated: '${afterEventGateway.join("', '")}'. An event after an event-based gateway is activated only by the gateway.`;
  const byKind = elementIds.filter(
    (id) => model.flows[id] || UNSUPPORTED_KINDS.has(model.elements[id]?.kind ?? ''),
  );
  if (byKind.length > 0) {
    const kinds = distinct(
      byKind.map((id) => (model.flows[id] ? 'sequenceFlow' : (model.elements[id]?.kind ?? ''))),
    );
    return `it contains activate instructions for elements that cannot be activated: '${byKind.join("', '")}'. Elements of kind '${kinds.join("', '")}' cannot be activated (start events and boundary events start only through their trigger; a sequence flow is taken by its source).`;
  }
  const inEventSubProcess = elementIds.filter((id) =>
    [...flowScopeIdsOf(model, id), id].some((scopeId) => {
      const scope = model.elements[scopeId];
      return scope?.kind === 'subProcess' && scope.triggeredByEvent === true;
    }),
  );
  if (inEventSubProcess.length > 0)
    return `it contains activate instructions for event subprocesses or elements inside one: '${inEventSubProcess.join("', '")}'. Baton starts an event subprocess only through its start event's trigger.`;
  return undefined;
}

/** "element 'x' requires flow scope instance 'k' which is being terminated", per conflict. */
function scopesBeingTerminated(draft: Draft, command: ModifyCommand): string[] {
  const { model } = draft.ctx.definition;
  const conflicts: string[] = [];
  for (const { elementInstanceKey } of distinctBy(
    command.terminateInstructions,
    (one) => one.elementInstanceKey,
  )) {
    const terminated = draft.elementInstance(elementInstanceKey);
    if (!terminated) continue;
    for (const activation of command.activateInstructions) {
      const ancestorKey = activation.ancestorElementInstanceKey;
      const conflict =
        ancestorKey !== undefined
          ? ancestorKey === elementInstanceKey
          : isFlowScopeOf(model, terminated.elementId, activation.elementId);
      if (conflict)
        conflicts.push(
          `element '${activation.elementId}' requires flow scope instance '${elementInstanceKey}' which is being terminated`,
        );
    }
  }
  return conflicts;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function distinctBy<T>(values: readonly T[], keyOf: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = keyOf(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
