// Message start events in the model. At process level (Zeebe's message start event) a published
// message whose name matches creates a new instance: the name is fixed in the XML, it has no
// correlation key expression (the message's own correlation key only limits instance creation),
// and the names of one process's message start events are unique. In an event subprocess the
// start event waits like a catch event: name and correlation key are evaluated when the enclosing
// scope is entered.
import type { ModdleElement } from 'bpmn-moddle';
import type { DialectReader } from './dialect';
import { messageSubscription } from './messages';
import type { FlowNode, MessageSubscriptionModel } from './model';
import { elementList, elementProperty, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

const missingMessage = { name: { kind: 'static', value: '' } } as const;

/** The message a start event waits for; a placeholder after a reported problem. */
export function messageStartEvent(
  element: ModdleElement,
  dialect: DialectReader,
  problems: ProblemCollector,
): MessageSubscriptionModel {
  const elementId = element.id ?? '';
  if (element.$parent?.$type !== 'bpmn:Process')
    return messageSubscription(element, dialect, problems) ?? missingMessage;
  const definition = elementList(element, 'eventDefinitions').find(
    (candidate) => candidate.$type === 'bpmn:MessageEventDefinition',
  );
  const message = definition && elementProperty(definition, 'messageRef');
  const name = message && stringProperty(message, 'name');
  if (name === undefined || name.trim() === '') {
    problems.problem(
      ProblemCode.MISSING_MESSAGE,
      `message start event '${elementId}' does not reference a bpmn:message with a name: set its messageRef`,
      elementId,
    );
    return missingMessage;
  }
  if (name.trim().startsWith('=')) {
    problems.problem(
      ProblemCode.INVALID_MESSAGE_START,
      `message start event '${elementId}' has the message name expression '${name}'; the name of a message start event is fixed text`,
      elementId,
    );
    return missingMessage;
  }
  return { name: { kind: 'static', value: name } };
}

/** The process-level message start events of a process, by id. */
export function processMessageStarts(
  elements: Readonly<Record<string, FlowNode>>,
  processId: string,
): (FlowNode & { kind: 'startEvent' })[] {
  return Object.values(elements).flatMap((node) =>
    node.kind === 'startEvent' && node.message !== undefined && node.scopeId === processId ? [node] : [],
  );
}

/** Reports two message start events of a process that wait for the same message name. */
export function checkMessageStartEvents(
  elements: Readonly<Record<string, FlowNode>>,
  processId: string,
  problems: ProblemCollector,
): void {
  const seen = new Map<string, string>();
  for (const start of processMessageStarts(elements, processId)) {
    const name = start.message?.name.kind === 'static' ? start.message.name.value : undefined;
    if (name === undefined || name === '') continue;
    const other = seen.get(name);
    if (other !== undefined)
      problems.problem(
        ProblemCode.INVALID_MESSAGE_START,
        `message start events '${other}' and '${start.id}' both wait for message '${name}'; the message start events of a process need distinct names`,
        start.id,
      );
    else seen.set(name, start.id);
  }
}
