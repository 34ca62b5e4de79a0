// Call activities (FLOWX notify-parent). Entering one asks the runtime for a child instance of the
// latest version of the called process (CHILD_INSTANCE_REQUESTED, with the child's key made here);
// the child's completion comes back as CHILD_INSTANCE_COMPLETED and completes the activity;
// terminating the activity cancels the child (CHILD_INSTANCE_CANCEL_REQUESTED).
import type { CallActivityNode } from '@baton/bpmn';
import type { CommandOf, Variables } from '@baton/contracts';
import { raiseIncident } from '../errors/incidents';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { copyVariables } from '../variables/copy-variables';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString } from '../variables/value-sources';
import { WAIT, type ElementBehaviour } from './element-behaviour';
import { elementOfKind } from './model-lookup';

export const callActivity: ElementBehaviour<CallActivityNode> = {
  activate(draft, node, instance) {
    startChildInstance(draft, node, instance);
    return WAIT;
  },
  terminate: cancelChildInstance,
};

/**
 * Requests the child instance. Its variables: the call activity's input mappings (already in its
 * local scope), or every variable visible there when it has none. A process id that cannot be
 * evaluated raises an incident.
 */
function startChildInstance(draft: Draft, node: CallActivityNode, instance: ElementInstance): void {
  const visible = collectVisibleVariables(draft, instance.key);
  const processId = extractString(node.calledElement.processId, visible);
  if (!processId.ok) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: processId.message,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  const variables =
    node.inputMappings.length > 0 ? copyVariables(draft.scopeVariables(instance.key) ?? {}) : visible;
  const childProcessInstanceKey = draft.key();
  draft.updateElementInstance(instance.key, { calledProcessInstanceKey: childProcessInstanceKey });
  draft.emit({
    type: 'CHILD_INSTANCE_REQUESTED',
    childProcessInstanceKey,
    parentProcessInstanceKey: draft.rootKey,
    parentElementInstanceKey: instance.key,
    processDefinitionId: processId.value,
    variables,
  });
}

function waitingCallActivity(
  draft: Draft,
  elementInstanceKey: string,
  childProcessInstanceKey: string,
): ElementInstance {
  const instance = draft.elementInstance(elementInstanceKey);
  if (
    !instance ||
    instance.state !== 'ACTIVE' ||
    instance.calledProcessInstanceKey !== childProcessInstanceKey
  )
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected call activity instance ${elementInstanceKey} to wait for child instance ${childProcessInstanceKey}, but it does not.`,
    );
  return instance;
}

/**
 * The child completed: the call activity completes. Its output mappings read the child's
 * variables; without any, the variables come back only with propagateAllChildVariables.
 */
export function completeCallActivity(draft: Draft, command: CommandOf<'CHILD_INSTANCE_COMPLETED'>): void {
  const instance = waitingCallActivity(draft, command.elementInstanceKey, command.childProcessInstanceKey);
  const node = elementOfKind(draft.ctx.definition.model, instance.elementId, 'callActivity');
  const propagate =
    node !== undefined && (node.outputMappings.length > 0 || node.calledElement.propagateAllChildVariables);
  draft.updateElementInstance(instance.key, { calledProcessInstanceKey: undefined });
  draft.enqueue({
    kind: 'complete',
    elementInstanceKey: instance.key,
    ...(propagate ? { result: command.variables } : {}),
  });
}

/** The child could not be created (no such process): an incident; resolving it tries again. */
export function rejectCallActivity(draft: Draft, command: CommandOf<'CHILD_INSTANCE_REJECTED'>): void {
  const instance = waitingCallActivity(draft, command.elementInstanceKey, command.childProcessInstanceKey);
  draft.updateElementInstance(instance.key, { calledProcessInstanceKey: undefined });
  raiseIncident(draft, instance.key, {
    errorType: 'CALLED_ELEMENT_ERROR',
    errorMessage: command.message,
    pendingStep: 'ACTIVATE',
  });
}

/** A call activity ends before its child did: the child is canceled. */
function cancelChildInstance(draft: Draft, instance: ElementInstance): void {
  if (instance.calledProcessInstanceKey === undefined) return;
  draft.emit({
    type: 'CHILD_INSTANCE_CANCEL_REQUESTED',
    childProcessInstanceKey: instance.calledProcessInstanceKey,
  });
}

/** A child instance completed: its parent's call activity is told, with the child's root variables. */
export function notifyParent(draft: Draft, variables: Variables): void {
  const { parentProcessInstanceKey, parentElementInstanceKey } = draft.header;
  if (parentProcessInstanceKey === undefined || parentElementInstanceKey === undefined) return;
  draft.emit({
    type: 'PARENT_NOTIFICATION_REQUESTED',
    parentProcessInstanceKey,
    parentElementInstanceKey,
    childProcessInstanceKey: draft.rootKey,
    variables,
  });
}
