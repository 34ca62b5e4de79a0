// What a migration does to the events an element instance waits for on its own behalf (its
// boundary events) or for others (a scope's event subprocess starts, an event-based gateway's
// events), as Camunda 8.8 documents it ("Dealing with catch events"): a mapped event keeps its
// subscription or timer (a due date is not computed again); an unmapped source event is withdrawn;
// an event of the target no mapping names is subscribed anew. A mapping may not detach an event
// from its holder, change its trigger kind, or lead two events to one.
import type { FlowNode, ProcessModel } from '@baton/bpmn';
import { boundaryEventsOf, eventSubProcessesIn, startEventOf } from '../elements/model-lookup';
import type { EventTrigger } from '../events/gateway-and-scope-arming';
import type { ArmedBoundaryEvent, ElementInstance } from '../instance/state';

/** Which list of its holder an event is kept in (ElementInstance fields). */
export type ArmedList = 'armedBoundaryEvents' | 'armedEvents';

export interface PlannedCatchEvent {
  /** The element instance waiting for the event. */
  readonly elementInstanceKey: string;
  readonly action: 'MIGRATE' | 'CLOSE' | 'OPEN';
  readonly sourceElementId?: string;
  readonly targetElementId?: string;
  readonly list: ArmedList;
  /** MIGRATE, CLOSE: the armed event's key (its subscription or timer is stored under it). */
  readonly armedKey?: string;
  /** OPEN: what the target's event waits for. */
  readonly trigger?: EventTrigger;
}

/** One holder being migrated: its instance, the element it becomes, and what it is. */
export interface CatchEventHolder {
  readonly instance: ElementInstance;
  readonly targetElementId: string;
  /** The process instance itself: it holds its event subprocess starts. */
  readonly isRoot: boolean;
  /** An inner instance of a multi-instance body: the body holds the boundary events. */
  readonly isInner: boolean;
  /**
   * A scope an interrupting event subprocess runs in: its other starts stopped waiting when it
   * started, and the target's are not subscribed either.
   */
  readonly interrupted: boolean;
}

interface ExpectedEvent {
  readonly elementId: string;
  readonly trigger: EventTrigger;
}

/**
 * The plan for one holder; each refusal (a sentence naming the events) is pushed to `problems`.
 * `mapping` is source element id → target element id.
 */
export function planCatchEvents(
  target: ProcessModel,
  holder: CatchEventHolder,
  mapping: ReadonlyMap<string, string>,
  problems: string[],
): PlannedCatchEvent[] {
  const planned: PlannedCatchEvent[] = [];
  // A holder whose activation waits on an incident arms its events when it runs again.
  const armsLater = holder.instance.pendingStep === 'ACTIVATE';
  const lists: readonly [ArmedList, readonly ExpectedEvent[]][] = [
    [
      'armedBoundaryEvents',
      holder.isRoot || holder.isInner ? [] : boundaryEventsIn(target, holder.targetElementId),
    ],
    ['armedEvents', holder.interrupted ? [] : heldEventsIn(target, holder)],
  ];
  for (const [list, expected] of lists) {
    const targeted = new Set<string>();
    for (const armed of holder.instance[list] ?? []) {
      const targetId = mapping.get(armed.elementId);
      const common = {
        elementInstanceKey: holder.instance.key,
        sourceElementId: armed.elementId,
        list,
        armedKey: armed.key,
      };
      if (targetId === undefined) {
        planned.push({ ...common, action: 'CLOSE' });
        continue;
      }
      const problem = mappedEventProblem(holder, armed, targetId, expected, targeted);
      if (problem) problems.push(problem);
      targeted.add(targetId);
      planned.push({ ...common, action: 'MIGRATE', targetElementId: targetId });
    }
    if (armsLater) continue;
    for (const event of expected)
      if (!targeted.has(event.elementId))
        planned.push({
          elementInstanceKey: holder.instance.key,
          action: 'OPEN',
          targetElementId: event.elementId,
          list,
          trigger: event.trigger,
        });
  }
  return planned;
}

function mappedEventProblem(
  holder: CatchEventHolder,
  armed: ArmedBoundaryEvent,
  targetId: string,
  expected: readonly ExpectedEvent[],
  targeted: ReadonlySet<string>,
): string | undefined {
  const who = `active element '${holder.instance.elementId}' (mapped to '${holder.targetElementId}')`;
  const match = expected.find((event) => event.elementId === targetId);
  if (!match)
    return `${who} waits for event '${armed.elementId}', which is mapped to '${targetId}', an event '${holder.targetElementId}' does not wait for in the target: the mapping would detach the event from its element`;
  if (targeted.has(targetId))
    return `${who} waits for more than one event mapped to '${targetId}': two catch events cannot become one`;
  const kind = armedKindOf(armed);
  if (kind !== undefined && kind !== match.trigger.kind)
    return `${who} waits for the ${kind} event '${armed.elementId}', which is mapped to '${targetId}', a ${match.trigger.kind} event: a catch event cannot change its type`;
  return undefined;
}

function armedKindOf(armed: ArmedBoundaryEvent): EventTrigger['kind'] | undefined {
  if (armed.messageSubscription) return 'message';
  if (armed.signalName !== undefined) return 'signal';
  return armed.timer ? 'timer' : undefined;
}

/** The target element's message, timer and signal boundary events (error and escalation ones are not waited for). */
function boundaryEventsIn(target: ProcessModel, elementId: string): ExpectedEvent[] {
  return boundaryEventsOf(target, elementId).flatMap((event) => {
    const { trigger } = event;
    return trigger.kind === 'message' || trigger.kind === 'timer' || trigger.kind === 'signal'
      ? [{ elementId: event.id, trigger }]
      : [];
  });
}

/** A scope's event subprocess starts, or the events after an event-based gateway, in the target. */
function heldEventsIn(target: ProcessModel, holder: CatchEventHolder): ExpectedEvent[] {
  const node = target.elements[holder.targetElementId];
  if (holder.isRoot) return scopeStartsIn(target, target.processDefinitionId);
  if (node?.kind === 'subProcess' && (holder.isInner || !node.multiInstance))
    return scopeStartsIn(target, node.id);
  if (node?.kind !== 'eventBasedGateway') return [];
  return node.outgoing.flatMap((flowId) => {
    const eventId = target.flows[flowId]?.targetId ?? '';
    const trigger = catchTriggerOf(target.elements[eventId]);
    return trigger ? [{ elementId: eventId, trigger }] : [];
  });
}

function scopeStartsIn(target: ProcessModel, scopeId: string): ExpectedEvent[] {
  return eventSubProcessesIn(target, scopeId).flatMap((subProcess) => {
    const start = startEventOf(target, subProcess);
    const trigger: EventTrigger | undefined = start?.message
      ? { kind: 'message', message: start.message }
      : start?.timer
        ? { kind: 'timer', timer: start.timer }
        : start?.signal
          ? { kind: 'signal', signal: start.signal }
          : undefined;
    return start && trigger ? [{ elementId: start.id, trigger }] : [];
  });
}

/** What a catch element after an event-based gateway waits for (a link catch: nothing). */
function catchTriggerOf(node: FlowNode | undefined): EventTrigger | undefined {
  if (node?.kind === 'receiveTask') return { kind: 'message', message: node.message };
  if (node?.kind !== 'intermediateCatchEvent') return undefined;
  if ('message' in node) return { kind: 'message', message: node.message };
  if ('timer' in node) return { kind: 'timer', timer: node.timer };
  if ('signal' in node) return { kind: 'signal', signal: node.signal };
  return undefined;
}
