// Decides which model kind a BPMN flow element becomes, or why it is not supported yet.
// Supported are exactly the FlowNodeKind values of model.ts; everything else is named in a
// problem so that a modeller knows which element to change.
import type { ModdleElement } from 'bpmn-moddle';
import type { FlowNodeKind } from './model';
import { booleanProperty, elementList, elementProperty } from './moddle-access';
import { multiInstanceLoopOf } from './multi-instance';

export type Classification =
  | { readonly supported: true; readonly kind: FlowNodeKind; readonly terminate?: boolean }
  | { readonly supported: false; readonly reason: string }
  /** Not a flow node (data objects and references): carries no tokens, ignored. */
  | { readonly supported: 'ignored' };

const KIND_BY_TYPE: Readonly<Record<string, FlowNodeKind>> = {
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
};

const EVENT_TYPES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:BoundaryEvent',
]);

/** The event definitions a boundary event may have: each is a BoundaryTrigger of model.ts. */
const BOUNDARY_EVENT_DEFINITIONS = new Set([
  'bpmn:EscalationEventDefinition',
  'bpmn:MessageEventDefinition',
  'bpmn:ErrorEventDefinition',
  'bpmn:TimerEventDefinition',
  'bpmn:SignalEventDefinition',
  'bpmn:CompensateEventDefinition',
]);

function isInEventSubProcess(element: ModdleElement): boolean {
  const parent = element.$parent;
  return parent?.$type === 'bpmn:SubProcess' && booleanProperty(parent, 'triggeredByEvent');
}

const IGNORED_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

function definitionTypes(event: ModdleElement): string[] {
  return elementList(event, 'eventDefinitions').map((definition) => definition.$type);
}

function classifyEvent(element: ModdleElement): Classification {
  const definitions = definitionTypes(element);
  if (element.$type === 'bpmn:IntermediateCatchEvent') {
    if (
      definitions.length === 1 &&
      (definitions[0] === 'bpmn:MessageEventDefinition' ||
        definitions[0] === 'bpmn:TimerEventDefinition' ||
        definitions[0] === 'bpmn:LinkEventDefinition' ||
        definitions[0] === 'bpmn:SignalEventDefinition')
    )
      return { supported: true, kind: 'intermediateCatchEvent' };
    const what = definitions.length === 0 ? 'no event definition' : definitions.join(', ');
    return { supported: false, reason: `bpmn:IntermediateCatchEvent with ${what} is not supported` };
  }
  if (element.$type === 'bpmn:IntermediateThrowEvent') {
    // None: passes through. Message: a job (zeebe:taskDefinition), as Zeebe does; a worker sends it.
    if (definitions.length === 0) return { supported: true, kind: 'task' };
    if (definitions.length === 1 && definitions[0] === 'bpmn:MessageEventDefinition')
      return { supported: true, kind: 'sendTask' };
    // Link: jumps to the catch link event of the same name (link-events.ts).
    if (definitions.length === 1 && definitions[0] === 'bpmn:LinkEventDefinition')
      return { supported: true, kind: 'intermediateThrowEvent' };
    // Escalation: thrown to the nearest catch up the scopes (escalations.ts in engine-core);
    // signal: broadcast to every waiting catch and signal start (signals.ts in engine-core);
    // compensation: invokes the handlers of its scope (compensation.ts in engine-core).
    if (
      definitions.length === 1 &&
      (definitions[0] === 'bpmn:EscalationEventDefinition' ||
        definitions[0] === 'bpmn:SignalEventDefinition' ||
        definitions[0] === 'bpmn:CompensateEventDefinition')
    )
      return { supported: true, kind: 'intermediateThrowEvent' };
    return {
      supported: false,
      reason: `bpmn:IntermediateThrowEvent with ${definitions.join(', ')} is not supported`,
    };
  }
  if (element.$type === 'bpmn:BoundaryEvent') {
    if (definitions.length === 1 && BOUNDARY_EVENT_DEFINITIONS.has(definitions[0] ?? ''))
      return { supported: true, kind: 'boundaryEvent' };
    const what = definitions.length === 0 ? 'no event definition' : definitions.join(', ');
    return { supported: false, reason: `bpmn:BoundaryEvent with ${what} is not supported` };
  }
  if (element.$type === 'bpmn:StartEvent') {
    if (definitions.length === 0) return { supported: true, kind: 'startEvent' };
    if (definitions.length === 1 && definitions[0] === 'bpmn:ErrorEventDefinition') {
      if (isInEventSubProcess(element)) return { supported: true, kind: 'startEvent' };
      return { supported: false, reason: 'an error start event belongs in an event subprocess' };
    }
    if (definitions.length === 1 && definitions[0] === 'bpmn:EscalationEventDefinition') {
      if (isInEventSubProcess(element)) return { supported: true, kind: 'startEvent' };
      return { supported: false, reason: 'an escalation start event belongs in an event subprocess' };
    }
    if (
      definitions.length === 1 &&
      (definitions[0] === 'bpmn:TimerEventDefinition' ||
        definitions[0] === 'bpmn:MessageEventDefinition' ||
        definitions[0] === 'bpmn:SignalEventDefinition')
    ) {
      // At process level they create instances; in an event subprocess they start it (events/event-subprocesses.ts in the core).
      if (element.$parent?.$type === 'bpmn:Process' || isInEventSubProcess(element))
        return { supported: true, kind: 'startEvent' };
      const what =
        definitions[0] === 'bpmn:TimerEventDefinition'
          ? 'timer'
          : definitions[0] === 'bpmn:SignalEventDefinition'
            ? 'signal'
            : 'message';
      return {
        supported: false,
        reason: `a ${what} start event is only supported directly in a process or in an event subprocess`,
      };
    }
    if (definitions.length === 1 && definitions[0] === 'bpmn:CompensateEventDefinition')
      return {
        supported: false,
        reason:
          'a compensation start event (compensation event subprocess) is not supported, as in Zeebe: use a compensation boundary event and its handler',
      };
    return { supported: false, reason: `bpmn:StartEvent with ${definitions.join(', ')} is not supported` };
  }
  if (definitions.length === 0) return { supported: true, kind: 'endEvent', terminate: false };
  if (definitions.length === 1 && definitions[0] === 'bpmn:TerminateEventDefinition') {
    return { supported: true, kind: 'endEvent', terminate: true };
  }
  if (
    definitions.length === 1 &&
    (definitions[0] === 'bpmn:ErrorEventDefinition' ||
      definitions[0] === 'bpmn:EscalationEventDefinition' ||
      definitions[0] === 'bpmn:SignalEventDefinition' ||
      definitions[0] === 'bpmn:CompensateEventDefinition')
  ) {
    return { supported: true, kind: 'endEvent', terminate: false };
  }
  // A message end event is a job (zeebe:taskDefinition) whose completion ends the token.
  if (definitions.length === 1 && definitions[0] === 'bpmn:MessageEventDefinition') {
    return { supported: true, kind: 'sendTask' };
  }
  return { supported: false, reason: `bpmn:EndEvent with ${definitions.join(', ')} is not supported` };
}

/** Activities (not gateways, not event subprocesses) may be multi-instance. */
function isMultiInstanceActivity(element: ModdleElement, kind: FlowNodeKind): boolean {
  if (!multiInstanceLoopOf(element) || kind.endsWith('Gateway')) return false;
  return !(kind === 'subProcess' && booleanProperty(element, 'triggeredByEvent'));
}

/** Classifies one element of a process's or subprocess's `flowElements` (sequence flows excluded). */
export function classifyFlowElement(element: ModdleElement): Classification {
  if (IGNORED_TYPES.has(element.$type)) return { supported: 'ignored' };
  if (EVENT_TYPES.has(element.$type)) return classifyEvent(element);
  const kind = KIND_BY_TYPE[element.$type];
  if (!kind) return { supported: false, reason: `${element.$type} is not supported` };
  const loop = elementProperty(element, 'loopCharacteristics');
  // Multi-instance activities are supported (multi-instance.ts); standard loops are not.
  if (loop && !isMultiInstanceActivity(element, kind))
    return {
      supported: false,
      reason: `${element.$type} with ${loop.$type} (loop / multi-instance) is not supported`,
    };
  return { supported: true, kind };
}
