// Timer event definitions (timer start events, intermediate timer catch events, timer boundary
// events): which of timeDuration, timeDate and timeCycle is set, and its value. A static value is
// checked at deploy, so a typo fails the deployment; `=expr` (FEEL) and Camunda 7 `${…}` are
// evaluated when the timer is armed, and a bad result becomes an incident then.
import type { ModdleElement } from 'bpmn-moddle';
import { containsJuel, translateJuelToFeel } from './c7-expression';
import { checkedFeel } from './expressions';
import { evaluateFeel } from './feel';
import type { TimerDefinitionModel, ValueSource } from './model';
import { elementList, elementProperty, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';
import { parseTimerValue, type TimerKind } from './time';

const PROPERTY_BY_KIND: Readonly<Record<TimerKind, string>> = {
  duration: 'timeDuration',
  date: 'timeDate',
  cycle: 'timeCycle',
};

/** Whether the element has a bpmn:timerEventDefinition. */
export function hasTimerDefinition(element: ModdleElement): boolean {
  return elementList(element, 'eventDefinitions').some(
    (definition) => definition.$type === 'bpmn:TimerEventDefinition',
  );
}

function timerValueSource(
  raw: string,
  kind: TimerKind,
  elementId: string,
  problems: ProblemCollector,
): ValueSource | undefined {
  const text = raw.trim();
  const what = `${PROPERTY_BY_KIND[kind]} of '${elementId}'`;
  if (text.startsWith('='))
    return {
      kind: 'feel',
      expression: checkedFeel(text.slice(1).trim(), { elementId, what: PROPERTY_BY_KIND[kind] }, problems),
    };
  if (containsJuel(text)) {
    const translation = translateJuelToFeel(text);
    if (translation.ok)
      return {
        kind: 'feel',
        expression: checkedFeel(translation.feel, { elementId, what: PROPERTY_BY_KIND[kind] }, problems),
      };
    problems.problem(ProblemCode.UNSUPPORTED_EXPRESSION, `${what}: ${translation.message}`, elementId);
    return undefined;
  }
  const parsed = parseTimerValue(kind, text);
  if (!parsed.ok) {
    problems.problem(ProblemCode.INVALID_TIMER, `${what}: ${parsed.message}`, elementId);
    return undefined;
  }
  return { kind: 'static', value: text };
}

/** Why a FEEL timer value evaluated without variables (at deployment) gives no valid timer, if it does not. */
function problemWithoutVariables(expression: string, kind: TimerKind): string | undefined {
  const result = evaluateFeel(expression, {});
  if (!result.ok) return result.message;
  if (typeof result.value !== 'string') return `it gives ${JSON.stringify(result.value)}, not a text`;
  const parsed = parseTimerValue(kind, result.value);
  return parsed.ok ? undefined : parsed.message;
}

/**
 * The timer of an element with a timer event definition, or undefined after reporting why there
 * is none: no value, several values, a kind the element does not take (`allowed`), or a static
 * value that does not parse. With `atDeploy` (timer start events) a FEEL value is evaluated now,
 * without variables, as the deployment will.
 */
export function timerDefinition(
  element: ModdleElement,
  allowed: readonly TimerKind[],
  problems: ProblemCollector,
  atDeploy = false,
): TimerDefinitionModel | undefined {
  const elementId = element.id ?? '';
  const definition = elementList(element, 'eventDefinitions').find(
    (candidate) => candidate.$type === 'bpmn:TimerEventDefinition',
  );
  const present = (Object.keys(PROPERTY_BY_KIND) as TimerKind[]).filter((kind) => {
    const expression = definition && elementProperty(definition, PROPERTY_BY_KIND[kind]);
    return expression !== undefined && stringProperty(expression, 'body') !== undefined;
  });
  const names = allowed.map((kind) => PROPERTY_BY_KIND[kind]).join(' or ');
  const [kind] = present;
  if (kind === undefined || present.length > 1) {
    const found = present.length === 0 ? 'none' : present.map((one) => PROPERTY_BY_KIND[one]).join(' and ');
    problems.problem(
      ProblemCode.INVALID_TIMER,
      `timer of ${element.$type} '${elementId}' needs exactly one value, ${names}; found ${found}`,
      elementId,
    );
    return undefined;
  }
  if (!allowed.includes(kind)) {
    problems.problem(
      ProblemCode.INVALID_TIMER,
      `${element.$type} '${elementId}' has a ${PROPERTY_BY_KIND[kind]} timer; it takes ${names}`,
      elementId,
    );
    return undefined;
  }
  const expression = definition && elementProperty(definition, PROPERTY_BY_KIND[kind]);
  const value = timerValueSource(
    (expression && stringProperty(expression, 'body')) ?? '',
    kind,
    elementId,
    problems,
  );
  const deployProblem =
    atDeploy && value?.kind === 'feel' ? problemWithoutVariables(value.expression, kind) : undefined;
  if (deployProblem !== undefined) {
    problems.problem(
      ProblemCode.INVALID_TIMER,
      `${PROPERTY_BY_KIND[kind]} of '${elementId}' is evaluated when the process is deployed, without variables: ${deployProblem}`,
      elementId,
    );
  }
  return value && { kind, value };
}
