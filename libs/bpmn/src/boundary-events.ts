// Boundary events in the model: the trigger each one has (message, error), the activity it is
// attached to, and the checks that it can run there. Once every node is built, the hosts learn
// their boundary events' ids (`boundaryEventIds`), which is what the engine arms on entering one.
import type { ModdleElement } from 'bpmn-moddle';
import type { DialectReader } from './dialect';
import { errorCatch } from './error-events';
import { escalationCatch } from './escalation-events';
import { messageSubscription } from './messages';
import type { BoundaryEventNode, BoundaryTrigger, FlowNode } from './model';
import { elementList, elementProperty } from './moddle-access';
import { ProblemCode } from './problems';
import { timerDefinition } from './timers';
import { signalOf } from './signal-events';
import type { ProblemCollector } from './problems';

/** The activities a boundary event may be attached to. */
const HOST_KINDS = new Set<FlowNode['kind']>([
  'task',
  'manualTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'businessRuleTask',
  'userTask',
  'scriptTask',
  'subProcess',
  'callActivity',
]);

const missingMessage = { name: { kind: 'static', value: '' } } as const;
const missingTimer = { kind: 'duration', value: { kind: 'static', value: 'PT0S' } } as const;

/**
 * The trigger of a boundary event, from its one event definition: one case per definition that
 * node-kinds.ts lets a boundary event have (BOUNDARY_EVENT_DEFINITIONS).
 */
export function boundaryTrigger(
  event: ModdleElement,
  dialect: DialectReader,
  problems: ProblemCollector,
): BoundaryTrigger {
  const [definition] = elementList(event, 'eventDefinitions');
  switch (definition?.$type) {
    case 'bpmn:ErrorEventDefinition':
      return { kind: 'error', error: errorCatch(event) };
    case 'bpmn:EscalationEventDefinition':
      return { kind: 'escalation', escalation: escalationCatch(event) };
    case 'bpmn:MessageEventDefinition':
      // A placeholder keeps the node well-formed; a missing message is a problem already.
      return { kind: 'message', message: messageSubscription(event, dialect, problems) ?? missingMessage };
    case 'bpmn:SignalEventDefinition':
      return { kind: 'signal', signal: signalOf(event, problems) };
    case 'bpmn:CompensateEventDefinition':
      // Never armed: its handler is found through the association (compensation-events.ts).
      return { kind: 'compensation' };
    case 'bpmn:TimerEventDefinition': {
      // An interrupting event fires once: a cycle is for non-interrupting ones (Zeebe's rule).
      const interrupting = event['cancelActivity'] !== false && event['cancelActivity'] !== 'false';
      const kinds = interrupting ? (['duration', 'date'] as const) : (['duration', 'cycle', 'date'] as const);
      // A placeholder keeps the node well-formed; a bad timer is a problem already.
      return { kind: 'timer', timer: timerDefinition(event, kinds, problems) ?? missingTimer };
    }
    default:
      throw new Error(
        `internal: boundary event '${event.id ?? '?'}' with ${definition?.$type ?? 'no definition'}`,
      );
  }
}

/** The id of the activity a boundary event is attached to ('' when moddle could not resolve it). */
export function attachedToId(event: ModdleElement): string {
  return elementProperty(event, 'attachedToRef')?.id ?? '';
}

function checkBoundaryEvent(
  event: BoundaryEventNode,
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): boolean {
  const report = (message: string) => {
    problems.problem(ProblemCode.INVALID_BOUNDARY_EVENT, `boundary event '${event.id}' ${message}`, event.id);
    return false;
  };
  const host = elements[event.attachedToId];
  if (event.incoming.length > 0) report('has incoming sequence flows; it is only entered by its trigger');
  if (event.trigger.kind === 'error' && !event.cancelActivity)
    report('catches an error, which always interrupts: remove cancelActivity="false"');
  if (event.attachedToId === '') {
    // An attachedToRef naming an unknown element was reported as an unresolved reference already.
    const unresolved = problems.problems.some(
      (problem) => problem.code === ProblemCode.UNRESOLVED_REFERENCE && problem.elementId === event.id,
    );
    if (!unresolved) report('is attached to no activity: set its attachedToRef');
    return false;
  }
  if (!host)
    return report(`is attached to '${event.attachedToId}', which is not a flow node of this process`);
  if (!HOST_KINDS.has(host.kind) || (host.kind === 'subProcess' && host.triggeredByEvent))
    return report(`is attached to ${host.kind} '${host.id}'; attach it to a task or an embedded subprocess`);
  if (host.scopeId !== event.scopeId)
    return report(`is not in the same scope as the activity '${host.id}' it is attached to`);
  return true;
}

/**
 * Checks every boundary event and returns the elements with `boundaryEventIds` set on each host
 * (document order). Problems name the boundary event.
 */
export function linkBoundaryEvents(
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): Record<string, FlowNode> {
  const byHost = new Map<string, string[]>();
  for (const node of Object.values(elements)) {
    if (node.kind !== 'boundaryEvent' || !checkBoundaryEvent(node, elements, problems)) continue;
    byHost.set(node.attachedToId, [...(byHost.get(node.attachedToId) ?? []), node.id]);
  }
  const linked: Record<string, FlowNode> = { ...elements };
  for (const [hostId, boundaryEventIds] of byHost) {
    const host = linked[hostId];
    if (host) linked[hostId] = { ...host, boundaryEventIds };
  }
  return linked;
}
