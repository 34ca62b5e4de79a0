// Multi-instance activities: `bpmn:multiInstanceLoopCharacteristics` with Zeebe's
// `zeebe:loopCharacteristics` (inputCollection, inputElement, outputCollection, outputElement)
// and `bpmn:completionCondition`. Camunda 7's `camunda:collection` / `camunda:elementVariable` and
// `bpmn:loopCardinality` are read too and turned into the same model (a cardinality becomes the
// collection `1..n`). Every expression is FEEL; `${…}` is translated, a leading `=` is optional.
import type { ModdleElement } from 'bpmn-moddle';
import { containsJuel, translateJuelToFeel } from './c7-expression';
import { checkedFeel } from './expressions';
import type { MultiInstanceModel } from './model';
import { booleanProperty, elementProperty, findExtension, stringProperty } from './moddle-access';
import { ProblemCode, type ProblemCollector } from './problems';

const MULTI_INSTANCE_TYPE = 'bpmn:MultiInstanceLoopCharacteristics';

/** A FEEL name: what `inputElement` and `outputCollection` must be to become variables. */
const VARIABLE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The loop characteristics of an activity, when they make it a multi-instance activity. */
export function multiInstanceLoopOf(element: ModdleElement): ModdleElement | undefined {
  const loop = elementProperty(element, 'loopCharacteristics');
  return loop?.$type === MULTI_INSTANCE_TYPE ? loop : undefined;
}

/** `=expr` or `${expr}` or a bare expression → FEEL; undefined after reporting why it is unusable. */
function feelOf(
  raw: string,
  elementId: string,
  what: string,
  problems: ProblemCollector,
): string | undefined {
  const trimmed = raw.trim();
  if (containsJuel(trimmed)) {
    const translation = translateJuelToFeel(trimmed);
    if (translation.ok) return translation.feel;
    problems.problem(
      ProblemCode.UNSUPPORTED_EXPRESSION,
      `${what} of '${elementId}': ${translation.message}`,
      elementId,
    );
    return undefined;
  }
  const feel = trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
  return checkedFeel(feel, { elementId, what }, problems);
}

function variableName(
  raw: string | undefined,
  elementId: string,
  what: string,
  problems: ProblemCollector,
): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw.trim();
  if (VARIABLE_NAME.test(name)) return name;
  problems.problem(
    ProblemCode.INVALID_MULTI_INSTANCE,
    `${what} '${raw}' of multi-instance activity '${elementId}' is not a variable name`,
    elementId,
  );
  return undefined;
}

/** A `bpmn:FormalExpression` child's text, e.g. `bpmn:completionCondition`. */
function expressionText(loop: ModdleElement, property: string): string | undefined {
  const expression = elementProperty(loop, property);
  return expression && stringProperty(expression, 'body');
}

/** `bpmn:loopCardinality` as a FEEL collection `[1, …, n]` (Camunda 7 models). */
function cardinalityCollection(
  raw: string,
  elementId: string,
  problems: ProblemCollector,
): string | undefined {
  const count = feelOf(raw, elementId, 'loop cardinality', problems);
  if (count === undefined) return undefined;
  // `1..0` counts down in FEEL, so an empty loop needs its own branch.
  return `if (${count}) >= 1 then for i in 1..(${count}) return i else []`;
}

/**
 * The multi-instance model of an activity, or undefined when it is no multi-instance activity
 * (or after reporting why its characteristics are unusable; the problem fails the deployment).
 */
export function multiInstanceOf(
  element: ModdleElement,
  problems: ProblemCollector,
): MultiInstanceModel | undefined {
  const loop = multiInstanceLoopOf(element);
  if (!loop) return undefined;
  const elementId = element.id ?? '';
  const zeebe = findExtension(loop, 'zeebe:LoopCharacteristics');
  const rawCollection = zeebe
    ? stringProperty(zeebe, 'inputCollection')
    : stringProperty(loop, 'camunda:collection');
  const rawCardinality = expressionText(loop, 'loopCardinality');
  const inputCollection =
    rawCollection !== undefined
      ? feelOf(rawCollection, elementId, 'input collection', problems)
      : rawCardinality !== undefined
        ? cardinalityCollection(rawCardinality, elementId, problems)
        : undefined;
  if (rawCollection === undefined && rawCardinality === undefined) {
    problems.problem(
      ProblemCode.INVALID_MULTI_INSTANCE,
      `multi-instance activity '${elementId}' has no input collection: add <zeebe:loopCharacteristics inputCollection="=…"/> to its bpmn:multiInstanceLoopCharacteristics`,
      elementId,
    );
  }
  const inputElement = variableName(
    zeebe ? stringProperty(zeebe, 'inputElement') : stringProperty(loop, 'camunda:elementVariable'),
    elementId,
    'input element',
    problems,
  );
  const outputCollection = variableName(
    zeebe && stringProperty(zeebe, 'outputCollection'),
    elementId,
    'output collection',
    problems,
  );
  const rawOutputElement = zeebe && stringProperty(zeebe, 'outputElement');
  const outputElement =
    rawOutputElement === undefined
      ? undefined
      : feelOf(rawOutputElement, elementId, 'output element', problems);
  if ((outputCollection === undefined) !== (outputElement === undefined)) {
    problems.problem(
      ProblemCode.INVALID_MULTI_INSTANCE,
      `multi-instance activity '${elementId}' needs both outputCollection and outputElement, or neither`,
      elementId,
    );
  }
  const rawCondition = expressionText(loop, 'completionCondition');
  const completionCondition =
    rawCondition === undefined
      ? undefined
      : feelOf(rawCondition, elementId, 'completion condition', problems);
  return {
    sequential: booleanProperty(loop, 'isSequential'),
    inputCollection: inputCollection ?? '[]',
    ...(inputElement === undefined ? {} : { inputElement }),
    ...(outputCollection === undefined ? {} : { outputCollection }),
    ...(outputElement === undefined ? {} : { outputElement }),
    ...(completionCondition === undefined ? {} : { completionCondition }),
  };
}
