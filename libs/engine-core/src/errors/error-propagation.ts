// The child side of BPMN errors across call activities (child-errors.ts has the rest): an error no
// scope of a child instance catches goes to the parent, and the thrower waits for the answer.
import type { BpmnErrorPayload } from './bpmn-error-payload';
import type { Draft } from '../instance/draft';

/**
 * Passes an error nothing in this instance catches to the parent instance, when there is one: the
 * thrower waits for the answer. False for an instance without parent (the caller raises the incident).
 */
export function propagateToParent(
  draft: Draft,
  throwerKey: string,
  error: BpmnErrorPayload,
  jobKey?: string,
): boolean {
  const { parentProcessInstanceKey, parentElementInstanceKey } = draft.header;
  if (parentProcessInstanceKey === undefined || parentElementInstanceKey === undefined) return false;
  draft.updateElementInstance(throwerKey, {
    pendingError: {
      errorCode: error.errorCode,
      ...(error.errorMessage !== undefined ? { errorMessage: error.errorMessage } : {}),
      ...(jobKey !== undefined ? { jobKey } : {}),
    },
  });
  draft.emit({
    type: 'ERROR_PROPAGATION_REQUESTED',
    parentProcessInstanceKey,
    parentElementInstanceKey,
    childProcessInstanceKey: draft.rootKey,
    errorCode: error.errorCode,
    ...(error.errorMessage !== undefined ? { errorMessage: error.errorMessage } : {}),
    ...(error.variables !== undefined ? { variables: error.variables } : {}),
    origin: { processInstanceKey: draft.rootKey, elementInstanceKey: throwerKey, errorKey: draft.key() },
  });
  return true;
}
