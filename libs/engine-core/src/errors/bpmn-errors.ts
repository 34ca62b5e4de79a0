// BPMN errors: thrown by a job worker (THROW_ERROR, jobs/job-commands.ts) or an error end event
// (elements/end-event.ts), caught by the nearest
// catch walking up from the thrower: the error boundary events of the element, then the error
// event subprocesses of its scope, then the boundary events of that scope's activity, and so on
// up to the process. At each level an event naming the errorCode wins over a catch-all. Caught,
// everything between the thrower and the catch ends (both kinds interrupt); uncaught, an
// UNHANDLED_ERROR_EVENT incident waits on the thrower.
//
// Variables: the error's variables complete the catching event like a job's: through the error
// boundary event's output mappings (which also see `errorCode` and `errorMessage`), else they
// propagate (to the nearest scope that has the variable, new ones to the process). An event
// subprocess gets them propagated from its own instance when it starts.
//
// Across call activities (Zeebe's propagation): an error that no scope of a child instance catches
// goes to the parent's call activity (propagateToParent; child-errors.ts has the parent's side).
import type { BoundaryEventNode, ErrorCatchModel, SubProcessNode } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { boundaryEventsOf, eventSubProcessesIn, startEventOf } from '../elements/model-lookup';
import { triggerBoundaryEvent } from '../events/boundary-triggers';
import { startEventSubProcess } from '../events/event-subprocesses';
import { terminateScopeContents } from '../flow/termination';
import type { Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { bodyOfInner, isMultiInstanceBody } from '../multi-instance/multi-instance-body';

/** A thrown BPMN error as it travels: from a job worker or an error end event to its catch. */
export interface BpmnError {
  readonly errorCode: string;
  readonly errorMessage?: string;
  readonly variables?: Variables;
}

/** Where a thrown error is caught. */
export type ErrorCatch =
  | { readonly kind: 'boundary'; readonly host: ElementInstance; readonly event: BoundaryEventNode }
  | { readonly kind: 'eventSubProcess'; readonly scope: ElementInstance; readonly node: SubProcessNode };

/** The candidate naming `errorCode`, else the first catch-all. */
function pick<T>(
  candidates: readonly T[],
  errorCode: string,
  catchOf: (candidate: T) => ErrorCatchModel,
): T | undefined {
  return (
    candidates.find((candidate) => catchOf(candidate).errorCode === errorCode) ??
    candidates.find((candidate) => catchOf(candidate).errorCode === undefined)
  );
}

function boundaryCatch(
  draft: Draft,
  host: ElementInstance,
  errorCode: string,
): BoundaryEventNode | undefined {
  // The boundary events of a multi-instance activity are its body's, not each inner instance's.
  if (bodyOfInner(draft, host)) return undefined;
  const events = boundaryEventsOf(draft.ctx.definition.model, host.elementId).filter(
    (event) => event.trigger.kind === 'error',
  );
  return pick(events, errorCode, (event) => (event.trigger.kind === 'error' ? event.trigger.error : {}));
}

/** The error start event's catch of an event subprocess, if it starts on an error. */
function errorStartOf(draft: Draft, node: SubProcessNode): ErrorCatchModel | undefined {
  return startEventOf(draft.ctx.definition.model, node)?.error;
}

/**
 * The error event subprocess of a scope that catches `errorCode`. None while one of the scope's
 * event subprocesses runs already: it interrupted the scope, and errors from inside it go further up.
 */
function eventSubProcessCatch(
  draft: Draft,
  scope: ElementInstance,
  errorCode: string,
): SubProcessNode | undefined {
  // A multi-instance body is no subprocess scope: event subprocesses belong to its inner instances.
  if (isMultiInstanceBody(scope)) return undefined;
  const { model } = draft.ctx.definition;
  const eventSubProcesses = eventSubProcessesIn(model, scope.elementId);
  if (eventSubProcesses.length === 0) return undefined;
  // A non-interrupting one (message, timer) runs beside the scope's work and does not count.
  const interrupting = eventSubProcesses.filter((node) => startEventOf(model, node)?.interrupting !== false);
  const running = Object.values(draft.elementInstances()).some(
    (instance) =>
      instance.state === 'ACTIVE' &&
      instance.flowScopeKey === scope.key &&
      interrupting.some((node) => node.id === instance.elementId),
  );
  if (running) return undefined;
  const catching = eventSubProcesses.filter((node) => errorStartOf(draft, node) !== undefined);
  return pick(catching, errorCode, (node) => errorStartOf(draft, node) ?? {});
}

/** The nearest catch of an error thrown at element instance `throwerKey`, if any. */
export function findErrorCatch(draft: Draft, throwerKey: string, errorCode: string): ErrorCatch | undefined {
  let current = draft.elementInstance(throwerKey);
  while (current) {
    const event = boundaryCatch(draft, current, errorCode);
    if (event) return { kind: 'boundary', host: current, event };
    if (current.flowScopeKey === undefined) return undefined;
    const scope = draft.elementInstance(current.flowScopeKey);
    if (!scope) return undefined;
    const node = eventSubProcessCatch(draft, scope, errorCode);
    if (node) return { kind: 'eventSubProcess', scope, node };
    current = scope;
  }
  return undefined;
}

/** Catches an error where findErrorCatch found its catch. */
export function catchError(draft: Draft, found: ErrorCatch, error: BpmnError): void {
  if (found.kind === 'boundary') {
    // errorCode and errorMessage exist for the output mappings only: without any, nothing shadows
    // the error's own variables as they propagate.
    const forMappings = found.event.outputMappings.length > 0;
    triggerBoundaryEvent(draft, found.host, found.event, {
      ...(error.variables ? { variables: error.variables } : {}),
      ...(forMappings
        ? { localVariables: { errorCode: error.errorCode, errorMessage: error.errorMessage ?? '' } }
        : {}),
    });
    return;
  }
  terminateScopeContents(draft, found.scope.key);
  startEventSubProcess(draft, found.scope.key, found.node, error.variables);
}

/** The incident message of an error nothing catches (Zeebe's wording). */
export function unhandledErrorMessage(error: BpmnError): string {
  return `Expected to throw an error event with the code '${error.errorCode}' with message '${error.errorMessage ?? ''}', but it was not caught. No error events are available in the scope.`;
}

/**
 * Passes an error nothing in this instance catches to the parent instance, when there is one: the
 * thrower waits for the answer. False for an instance without parent (the caller raises the incident).
 */
export function propagateToParent(
  draft: Draft,
  throwerKey: string,
  error: BpmnError,
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
