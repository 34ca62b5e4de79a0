// Escalations (Zeebe semantics): an intermediate throw or end escalation event throws its code to
// the nearest catch walking up from the thrower — the escalation boundary events of each enclosing
// activity, the escalation event subprocesses of each scope — a catch naming the code winning over
// a catch-all at each level. An interrupting catch ends what it interrupts (the thrower with it);
// a non-interrupting one starts beside it and the thrower goes on. Not caught, the thrower just
// goes on (unlike an error, no incident). A child instance passes an escalation it does not catch
// to its parent's call activity (CHILD_INSTANCE_ESCALATED) and goes on meanwhile.
import type { BoundaryEventNode, EscalationCatchModel, SubProcessNode, ValueSource } from '@baton/bpmn';
import type { CommandOf } from '@baton/contracts';
import { boundaryEventsOf, eventSubProcessesIn, startEventOf } from '../elements/model-lookup';
import { raiseIncident } from '../errors/incidents';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString } from '../variables/value-sources';
import { triggerBoundaryEvent } from './boundary-triggers';
import { interruptScope, startEventSubProcess } from './event-subprocesses';

type EscalationCatch =
  | { readonly kind: 'boundary'; readonly host: ElementInstance; readonly event: BoundaryEventNode }
  | { readonly kind: 'eventSubProcess'; readonly scope: ElementInstance; readonly node: SubProcessNode };

function pick<T>(
  candidates: readonly T[],
  code: string,
  catchOf: (candidate: T) => EscalationCatchModel,
): T | undefined {
  return (
    candidates.find((candidate) => catchOf(candidate).escalationCode === code) ??
    candidates.find((candidate) => catchOf(candidate).escalationCode === undefined)
  );
}

function boundaryCatch(draft: Draft, host: ElementInstance, code: string): BoundaryEventNode | undefined {
  const events = boundaryEventsOf(draft.ctx.definition.model, host.elementId).filter(
    (event) => event.trigger.kind === 'escalation',
  );
  return pick(events, code, (event) => (event.trigger.kind === 'escalation' ? event.trigger.escalation : {}));
}

function escalationStartOf(draft: Draft, node: SubProcessNode): EscalationCatchModel | undefined {
  return startEventOf(draft.ctx.definition.model, node)?.escalation;
}

/** The escalation event subprocess of a scope catching `code`; none while an interrupting one of the scope runs. */
function eventSubProcessCatch(
  draft: Draft,
  scope: ElementInstance,
  code: string,
): SubProcessNode | undefined {
  const { model } = draft.ctx.definition;
  const eventSubProcesses = eventSubProcessesIn(model, scope.elementId);
  const interrupted = Object.values(draft.elementInstances()).some((instance) => {
    if (instance.state !== 'ACTIVE' || instance.flowScopeKey !== scope.key) return false;
    const running = eventSubProcesses.find((node) => node.id === instance.elementId);
    const start = running && startEventOf(model, running);
    return start !== undefined && start.interrupting !== false;
  });
  if (interrupted) return undefined;
  const catching = eventSubProcesses.filter((node) => escalationStartOf(draft, node) !== undefined);
  return pick(catching, code, (node) => escalationStartOf(draft, node) ?? {});
}

function findEscalationCatch(draft: Draft, throwerKey: string, code: string): EscalationCatch | undefined {
  let current = draft.elementInstance(throwerKey);
  while (current) {
    const event = boundaryCatch(draft, current, code);
    if (event) return { kind: 'boundary', host: current, event };
    if (current.flowScopeKey === undefined) return undefined;
    const scope = draft.elementInstance(current.flowScopeKey);
    if (!scope) return undefined;
    const node = eventSubProcessCatch(draft, scope, code);
    if (node) return { kind: 'eventSubProcess', scope, node };
    current = scope;
  }
  return undefined;
}

/**
 * Throws the escalation of a throw event's instance. 'continue': not caught, or caught by a
 * non-interrupting catch, the thrower completes; 'stop': the thrower was interrupted, or waits
 * on an incident (its code could not be evaluated).
 */
export function throwEscalation(
  draft: Draft,
  thrower: ElementInstance,
  codeSource: ValueSource,
): 'continue' | 'stop' {
  const code = extractString(codeSource, collectVisibleVariables(draft, thrower.key));
  if (!code.ok) {
    raiseIncident(draft, thrower.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: code.message,
      pendingStep: 'ACTIVATE',
    });
    return 'stop';
  }
  return catchEscalation(draft, thrower.key, code.value, draft.key());
}

/**
 * Catches an escalation thrown at (or, from a child, passed to) element instance `fromKey`; not
 * caught here, it goes to the parent instance when there is one (the thrower goes on meanwhile).
 */
function catchEscalation(
  draft: Draft,
  fromKey: string,
  code: string,
  escalationKey: string,
): 'continue' | 'stop' {
  const found = findEscalationCatch(draft, fromKey, code);
  if (!found) {
    const { parentProcessInstanceKey, parentElementInstanceKey } = draft.header;
    if (parentProcessInstanceKey !== undefined && parentElementInstanceKey !== undefined)
      draft.emit({
        type: 'ESCALATION_PROPAGATION_REQUESTED',
        parentProcessInstanceKey,
        parentElementInstanceKey,
        childProcessInstanceKey: draft.rootKey,
        escalationCode: code,
        escalationKey,
      });
    return 'continue';
  }
  if (found.kind === 'boundary') {
    triggerBoundaryEvent(draft, found.host, found.event, {});
    return found.event.cancelActivity ? 'stop' : 'continue';
  }
  const interrupting = startEventOf(draft.ctx.definition.model, found.node)?.interrupting !== false;
  if (interrupting) interruptScope(draft, found.scope);
  startEventSubProcess(draft, found.scope.key, found.node, undefined);
  return interrupting ? 'stop' : 'continue';
}

/**
 * CHILD_INSTANCE_ESCALATED: an escalation the child did not catch, caught from the call activity
 * up, or passed further up. Refused when the call activity no longer waits for that child.
 */
export function catchChildEscalation(draft: Draft, command: CommandOf<'CHILD_INSTANCE_ESCALATED'>): void {
  const callActivity = draft.elementInstance(command.elementInstanceKey);
  if (
    callActivity?.state !== 'ACTIVE' ||
    callActivity.calledProcessInstanceKey !== command.childProcessInstanceKey
  )
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected call activity instance ${command.elementInstanceKey} to wait for child instance ${command.childProcessInstanceKey}, but it does not.`,
    );
  catchEscalation(draft, callActivity.key, command.escalationCode, command.escalationKey);
}
