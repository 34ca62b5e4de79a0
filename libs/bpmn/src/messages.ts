// Message catch elements (intermediate message catch events, receive tasks): finds the
// `bpmn:message` an element waits for and lets the dialect read its name and correlation key.
import type { ModdleElement } from 'bpmn-moddle';
import type { DialectReader } from './dialect';
import type { MessageSubscriptionModel } from './model';
import { elementList, elementProperty, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** The element holding `messageRef`: a receive task itself, an event its message event definition. */
function referenceHolder(element: ModdleElement): ModdleElement | undefined {
  if (element.$type === 'bpmn:ReceiveTask') return element;
  return elementList(element, 'eventDefinitions').find(
    (definition) => definition.$type === 'bpmn:MessageEventDefinition',
  );
}

/** Whether moddle already reported the holder's reference as unresolved (one problem is enough). */
function alreadyReported(holder: ModdleElement, problems: ProblemCollector): boolean {
  return problems.problems.some(
    (problem) =>
      problem.code === ProblemCode.UNRESOLVED_REFERENCE &&
      problem.elementId !== undefined &&
      problem.elementId === holder.id,
  );
}

/**
 * The subscription model of a message catch element, or undefined after reporting why there is
 * none: no message referenced, a message without a name, or what the dialect finds wrong.
 */
export function messageSubscription(
  element: ModdleElement,
  dialect: DialectReader,
  problems: ProblemCollector,
): MessageSubscriptionModel | undefined {
  const elementId = element.id ?? '';
  const holder = referenceHolder(element);
  const message = holder && elementProperty(holder, 'messageRef');
  if (!message) {
    if (!holder || !alreadyReported(holder, problems)) {
      problems.problem(
        ProblemCode.MISSING_MESSAGE,
        `${element.$type} '${elementId}' does not reference a bpmn:message: set its messageRef`,
        elementId,
      );
    }
    return undefined;
  }
  if (stringProperty(message, 'name') === undefined) {
    problems.problem(
      ProblemCode.MISSING_MESSAGE,
      `bpmn:message '${message.id ?? '?'}' of '${elementId}' has no name`,
      elementId,
    );
    return undefined;
  }
  return dialect.messageSubscription(message, elementId, problems);
}
