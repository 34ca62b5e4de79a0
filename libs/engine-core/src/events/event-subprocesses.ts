// Event subprocesses started by a message, a signal or a timer. Entering a scope (the process, an
// embedded subprocess) arms the message, signal and timer start events of its event subprocesses:
// the subscription (name and correlation key evaluated now, in the scope) opens, the timer is scheduled; they stay
// armed while the scope runs and are disarmed when it ends (flow/element-instances.ts). When one
// triggers, an interrupting event subprocess ends everything else in the scope (and every other
// start stops waiting) and runs; a non-interrupting one runs beside the rest, and its start waits
// again (the same subscription under a new key, a timer cycle's next occurrence).
// Error and escalation start events are not armed: a thrown error or escalation looks for its
// catch (errors/bpmn-errors.ts, escalations.ts), which starts the event subprocess here.
import type { ProcessModel, StartEventNode, SubProcessNode } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { elementOfKind, eventSubProcessesIn, startEventOf } from '../elements/model-lookup';
import { raiseIncident } from '../errors/incidents';
import { createElementInstance } from '../flow/element-instances';
import { terminateScopeContents } from '../flow/termination';
import { createToken } from '../flow/tokens';
import type { Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { propagateVariables } from '../variables/variables';
import {
  armEvent,
  disarmEvent,
  rearmEvent,
  spendEvent,
  type ArmedEvent,
  type EventTrigger,
} from './gateway-and-scope-arming';

/** The message or timer start events of the event subprocesses directly in scope `scopeElementId`. */
type TriggeredStart = { readonly start: StartEventNode; readonly trigger: EventTrigger };

/** Per model (deep-frozen, shared by every instance): scope element id → its triggered starts. */
const startsByModel = new WeakMap<ProcessModel, Map<string, readonly TriggeredStart[]>>();

/**
 * The message or timer start events of the event subprocesses directly in scope `scopeElementId`,
 * in document order (error and escalation starts are caught, not armed); computed once per model
 * and scope, since every instance creation and subprocess entry asks.
 */
function triggeredStarts(model: ProcessModel, scopeElementId: string): readonly TriggeredStart[] {
  let byScope = startsByModel.get(model);
  if (!byScope) {
    byScope = new Map();
    startsByModel.set(model, byScope);
  }
  let starts = byScope.get(scopeElementId);
  if (!starts) {
    starts = eventSubProcessesIn(model, scopeElementId).flatMap((node) => {
      const start = startEventOf(model, node);
      const trigger: EventTrigger | undefined = start?.message
        ? { kind: 'message', message: start.message }
        : start?.timer
          ? { kind: 'timer', timer: start.timer }
          : start?.signal
            ? { kind: 'signal', signal: start.signal }
            : undefined;
      return start && trigger ? [{ start, trigger }] : [];
    });
    byScope.set(scopeElementId, starts);
  }
  return starts;
}

/**
 * Whether creating an instance of the process arms event subprocess starts: the one step of a
 * create that depends on more than the model and the start variables' names (a correlation key or
 * a timer expression is evaluated), so the one that can refuse a create a caller checked beforehand.
 */
export function createArmsEventSubProcesses(model: ProcessModel, processId: string): boolean {
  return triggeredStarts(model, processId).length > 0;
}

/**
 * Arms the message and timer event subprocess starts of a scope just entered (`scopeKey`, an
 * instance of `scopeElementId`). Returns the failure message when one could not be armed: the
 * others are disarmed again, and nothing is kept.
 */
export function armEventSubProcessStarts(
  draft: Draft,
  scopeKey: string,
  scopeElementId: string,
): string | undefined {
  const scope = draft.elementInstance(scopeKey);
  if (!scope || scope.armedEvents) return undefined;
  const armed: ArmedEvent[] = [];
  for (const { start, trigger } of triggeredStarts(draft.ctx.definition.model, scopeElementId)) {
    const result = armEvent(draft, scopeKey, scopeKey, start.id, trigger);
    if (!result.ok) {
      for (const done of armed) disarmEvent(draft, scopeKey, done);
      return result.message;
    }
    armed.push(result.value);
  }
  if (armed.length > 0) draft.updateElementInstance(scopeKey, { armedEvents: armed });
  return undefined;
}

/**
 * For an embedded subprocess being entered: arms its event subprocess starts, or raises an
 * EXTRACT_VALUE_ERROR incident on it (resolving it enters it again). False when it must wait.
 */
export function armSubProcessScope(draft: Draft, instance: ElementInstance): boolean {
  const failure = armEventSubProcessStarts(draft, instance.key, instance.elementId);
  if (failure === undefined) return true;
  raiseIncident(draft, instance.key, {
    errorType: 'EXTRACT_VALUE_ERROR',
    errorMessage: failure,
    pendingStep: 'ACTIVATE',
  });
  return false;
}

/** An armed event subprocess start of `scope` triggered (with a message's variables, or a timer). */
export function fireEventSubProcessStart(
  draft: Draft,
  scope: ElementInstance,
  armed: ArmedEvent,
  variables: Variables | undefined,
): void {
  const { model } = draft.ctx.definition;
  const start = elementOfKind(model, armed.elementId, 'startEvent');
  const eventSubProcess = start && elementOfKind(model, start.scopeId, 'subProcess');
  if (!start || !eventSubProcess) return;
  spendEvent(draft, scope.key, armed);
  if (start.interrupting !== false) {
    interruptScope(draft, scope, armed.key);
  } else {
    const next = rearmEvent(draft, scope.key, armed);
    const armedEvents = (scope.armedEvents ?? []).flatMap((one) =>
      one.key !== armed.key ? [one] : next ? [next] : [],
    );
    draft.updateElementInstance(scope.key, { armedEvents: armedEvents.length > 0 ? armedEvents : undefined });
  }
  startEventSubProcess(draft, scope.key, eventSubProcess, variables);
}

/**
 * An interrupting event subprocess starts: every other start of the scope stops waiting (`spentKey`
 * fired already) and everything else in the scope ends.
 */
export function interruptScope(draft: Draft, scope: ElementInstance, spentKey?: string): void {
  const current = draft.elementInstance(scope.key) ?? scope;
  for (const other of current.armedEvents ?? [])
    if (other.key !== spentKey) disarmEvent(draft, scope.key, other);
  if (current.armedEvents) draft.updateElementInstance(scope.key, { armedEvents: undefined });
  terminateScopeContents(draft, scope.key);
}

/** A token in the scope enters the event subprocess; the trigger's variables propagate from it. */
export function startEventSubProcess(
  draft: Draft,
  scopeKey: string,
  node: SubProcessNode,
  variables: Variables | undefined,
): void {
  const token = createToken(draft, scopeKey, node.id);
  const instance = createElementInstance(draft, node, token.tokenKey, scopeKey);
  draft.updateToken(token.tokenKey, { elementInstanceKey: instance.key });
  if (variables && Object.keys(variables).length > 0) propagateVariables(draft, instance.key, variables);
  draft.enqueue({ kind: 'activate', elementInstanceKey: instance.key });
}
