// BPMN errors across call activities (Zeebe's propagation). An error that no scope of a child
// instance catches goes to the parent's call activity: the thrower waits (no incident yet) and the
// parent looks for a catch from its call activity up (error boundary events on the call activity,
// error event subprocesses around it). Caught, the call activity is interrupted and its child
// canceled with it. Not caught, the parent passes the error on to its own parent, if it is a child
// too; at the top the thrower is told (ERROR_NOT_CAUGHT) and an UNHANDLED_ERROR_EVENT incident
// waits on it, as it would without a parent.
import type { CommandOf } from '@baton/contracts';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { catchError, findErrorCatch, unhandledErrorMessage, type BpmnError } from './bpmn-errors';
import { raiseIncident } from './incidents';

/** CHILD_INSTANCE_ERROR_THROWN: the parent catches the child's error, passes it up, or answers. */
export function catchChildError(draft: Draft, command: CommandOf<'CHILD_INSTANCE_ERROR_THROWN'>): void {
  const callActivity = draft.elementInstance(command.elementInstanceKey);
  if (
    !callActivity ||
    callActivity.state !== 'ACTIVE' ||
    callActivity.calledProcessInstanceKey !== command.childProcessInstanceKey
  )
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected call activity instance ${command.elementInstanceKey} to wait for child instance ${command.childProcessInstanceKey}, but it does not.`,
    );
  const error: BpmnError = {
    errorCode: command.errorCode,
    ...(command.errorMessage !== undefined ? { errorMessage: command.errorMessage } : {}),
    ...(command.variables !== undefined ? { variables: command.variables } : {}),
  };
  const found = findErrorCatch(draft, callActivity.key, command.errorCode);
  if (found) {
    catchError(draft, found, error);
    return;
  }
  const { parentProcessInstanceKey, parentElementInstanceKey } = draft.header;
  if (parentProcessInstanceKey !== undefined && parentElementInstanceKey !== undefined) {
    draft.emit({
      type: 'ERROR_PROPAGATION_REQUESTED',
      parentProcessInstanceKey,
      parentElementInstanceKey,
      childProcessInstanceKey: draft.rootKey,
      errorCode: command.errorCode,
      ...(command.errorMessage !== undefined ? { errorMessage: command.errorMessage } : {}),
      ...(command.variables !== undefined ? { variables: command.variables } : {}),
      origin: command.origin,
    });
    return;
  }
  draft.emit({
    type: 'ERROR_NOT_CAUGHT_NOTIFIED',
    processInstanceKey: command.origin.processInstanceKey,
    elementInstanceKey: command.origin.elementInstanceKey,
    errorCode: command.errorCode,
    errorKey: command.origin.errorKey,
  });
}

/** ERROR_NOT_CAUGHT: no instance up the call chain caught the error; the thrower gets its incident. */
export function errorNotCaught(draft: Draft, command: CommandOf<'ERROR_NOT_CAUGHT'>): void {
  const thrower = draft.elementInstance(command.elementInstanceKey);
  const pending = thrower?.state === 'ACTIVE' ? thrower.pendingError : undefined;
  if (!thrower || pending?.errorCode !== command.errorCode)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected element instance ${command.elementInstanceKey} to wait for error '${command.errorCode}' to be caught, but it does not.`,
    );
  draft.updateElementInstance(thrower.key, { pendingError: undefined });
  raiseIncident(draft, thrower.key, {
    errorType: 'UNHANDLED_ERROR_EVENT',
    errorMessage: unhandledErrorMessage(pending),
    ...(pending.jobKey !== undefined ? { jobKey: pending.jobKey } : { pendingStep: 'ACTIVATE' as const }),
  });
}
