// BPMN errors in the model: what an error catch event (boundary event, event subprocess start)
// catches, and the code an error end event throws, both read from the `bpmn:error` its
// errorEventDefinition references.
import type { ModdleElement } from 'bpmn-moddle';
import { valueSource } from './expressions';
import type { ErrorCatchModel, ValueSource } from './model';
import { booleanProperty, elementList, elementProperty, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

function errorDefinition(event: ModdleElement): ModdleElement | undefined {
  return elementList(event, 'eventDefinitions').find(
    (definition) => definition.$type === 'bpmn:ErrorEventDefinition',
  );
}

/** The referenced `bpmn:error`'s errorCode, when the event has one. */
function referencedErrorCode(event: ModdleElement): string | undefined {
  const definition = errorDefinition(event);
  const error = definition && elementProperty(definition, 'errorRef');
  return error && stringProperty(error, 'errorCode');
}

/**
 * What an error catch event catches: the errorCode of its `bpmn:error`, or every error when it
 * references none or one without a code (Zeebe's catch-all).
 */
export function errorCatch(event: ModdleElement): ErrorCatchModel {
  const errorCode = referencedErrorCode(event);
  return errorCode === undefined ? {} : { errorCode };
}

/**
 * The code an error end event throws: static, or FEEL (`=expr`) evaluated when it is reached.
 * Undefined after reporting MISSING_ERROR_CODE: a thrown error needs a code to be caught by.
 */
export function thrownErrorCode(event: ModdleElement, problems: ProblemCollector): ValueSource | undefined {
  const elementId = event.id ?? '';
  const errorCode = referencedErrorCode(event);
  if (errorCode === undefined) {
    problems.problem(
      ProblemCode.MISSING_ERROR_CODE,
      `error end event '${elementId}' throws no error code: reference a bpmn:error with an errorCode`,
      elementId,
    );
    return undefined;
  }
  return valueSource(errorCode, { elementId, what: 'error code' }, problems);
}

/** The error start event of an event subprocess: what it catches; it always interrupts. */
export function errorStartEvent(event: ModdleElement, problems: ProblemCollector): ErrorCatchModel {
  if (!booleanProperty(event, 'isInterrupting')) {
    problems.problem(
      ProblemCode.INVALID_EVENT_SUBPROCESS,
      `error start event '${event.id ?? ''}' catches an error, which always interrupts: remove isInterrupting="false"`,
      event.id,
    );
  }
  return errorCatch(event);
}
