// Reads a boxed expression (DMN 1.3 §7) into the DecisionLogic of model.ts: a decision table or
// literal expression, or an invocation, context, list, relation or function definition built of
// them. Every problem is named by the element it is about; an element Baton cannot evaluate
// (a Java or PMML function) is refused rather than evaluated to something else.
import type { DmnElement } from 'dmn-moddle';
import type { DecisionLogic, DmnProblem } from './model';
import { elementsOf, textOf } from './moddle-values';
import { readDecisionTable } from './read-decision-table';

/** The logic of `element`; undefined when it has problems (pushed to `problems`). */
export function readBoxedExpression(
  element: DmnElement | undefined,
  ownerId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  if (!element) {
    problems.push({ code: 'MISSING_EXPRESSION', elementId: ownerId, message: 'the expression is missing' });
    return undefined;
  }
  const elementId = element.id ?? ownerId;
  switch (element.$type) {
    case 'dmn:DecisionTable':
      return readDecisionTable(element, ownerId, problems);
    case 'dmn:LiteralExpression':
      return readLiteralExpression(element, elementId, problems);
    case 'dmn:Invocation':
      return readInvocation(element, elementId, problems);
    case 'dmn:Context':
      return readContext(element, elementId, problems);
    case 'dmn:List': {
      const items = readAll(elementsOf(element, 'elements'), elementId, problems);
      return items && { kind: 'list', items };
    }
    case 'dmn:Relation':
      return readRelation(element, elementId, problems);
    case 'dmn:FunctionDefinition':
      return readFunctionDefinition(element, elementId, problems);
    case 'dmn:Conditional': {
      const [condition, then, otherwise] = readChildren(element, ['if', 'then', 'else'], elementId, problems);
      return condition && then && otherwise && { kind: 'conditional', if: condition, then, else: otherwise };
    }
    case 'dmn:Filter': {
      const [list, match] = readChildren(element, ['in', 'match'], elementId, problems);
      return list && match && { kind: 'filter', in: list, match };
    }
    case 'dmn:For':
    case 'dmn:Some':
    case 'dmn:Every':
      return readIteration(element, elementId, problems);
    default:
      problems.push({
        code: 'UNSUPPORTED_DECISION_LOGIC',
        elementId,
        message: `boxed expression ${element.$type.replace('dmn:', '')} is not supported`,
      });
      return undefined;
  }
}

function readLiteralExpression(
  element: DmnElement,
  elementId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  const expression = textOf(element).trim();
  // No syntax check here: FEEL names may hold spaces (`Full Name`), which parse only against
  // the variables of an evaluation; a syntax error fails that evaluation with its message.
  if (expression !== '') return { kind: 'literalExpression', expression };
  problems.push({ code: 'MISSING_EXPRESSION', elementId, message: 'the literal expression is empty' });
  return undefined;
}

function readInvocation(
  element: DmnElement,
  elementId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  const called = element.calledFunction as DmnElement | undefined;
  const calledFunction = called?.$type === 'dmn:LiteralExpression' ? textOf(called).trim() : '';
  if (calledFunction === '')
    problems.push({
      code: 'MISSING_EXPRESSION',
      elementId,
      message: 'the invocation does not name the function it calls',
    });
  const before = problems.length;
  const bindings = elementsOf(element, 'binding').map((binding) => {
    const parameter = (binding.parameter as DmnElement | undefined)?.name ?? '';
    if (parameter === '')
      problems.push({
        code: 'MISSING_PARAMETER_NAME',
        elementId,
        message: 'a binding of the invocation names no parameter',
      });
    const formula = binding.bindingFormula as DmnElement | undefined;
    const value = formula ? readBoxedExpression(formula, elementId, problems) : undefined;
    return value ? { parameter, value } : { parameter };
  });
  if (calledFunction === '' || problems.length > before) return undefined;
  return { kind: 'invocation', calledFunction, bindings };
}

function readContext(
  element: DmnElement,
  elementId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  const before = problems.length;
  const entries = elementsOf(element, 'contextEntry').flatMap((entry) => {
    const name = (entry.variable as DmnElement | undefined)?.name;
    const value = readBoxedExpression(entry.value as DmnElement | undefined, entry.id ?? elementId, problems);
    if (!value) return [];
    return [name === undefined ? { value } : { name, value }];
  });
  return problems.length > before ? undefined : { kind: 'context', entries };
}

function readRelation(
  element: DmnElement,
  elementId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  const columns = elementsOf(element, 'column').map((column) => column.name ?? '');
  const before = problems.length;
  const rows = elementsOf(element, 'row').map((row) => {
    const cells = readAll(elementsOf(row, 'elements'), row.id ?? elementId, problems) ?? [];
    if (cells.length !== columns.length)
      problems.push({
        code: 'INVALID_RELATION',
        elementId: row.id ?? elementId,
        message: `the row has ${cells.length} cells, the relation ${columns.length} columns`,
      });
    return cells;
  });
  return problems.length > before ? undefined : { kind: 'relation', columns, rows };
}

function readFunctionDefinition(
  element: DmnElement,
  elementId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  const kind = typeof element.kind === 'string' ? element.kind : 'FEEL';
  if (kind !== 'FEEL') {
    problems.push({
      code: 'UNSUPPORTED_DECISION_LOGIC',
      elementId,
      message: `${kind} functions are not supported (FEEL functions are)`,
    });
    return undefined;
  }
  const parameters = readParameters(element, elementId, problems);
  const body = readBoxedExpression(element.body as DmnElement | undefined, elementId, problems);
  return parameters && body && { kind: 'functionDefinition', parameters, body };
}

/** DMN 1.5's child expressions (`<if>`, `<in>`, …), each holding one boxed expression. */
function readChildren(
  element: DmnElement,
  names: readonly string[],
  elementId: string,
  problems: DmnProblem[],
): (DecisionLogic | undefined)[] {
  return names.map((name) => {
    const child = element[name] as DmnElement | undefined;
    if (child)
      return readBoxedExpression(child.value as DmnElement | undefined, child.id ?? elementId, problems);
    problems.push({ code: 'MISSING_EXPRESSION', elementId, message: `the expression has no <${name}>` });
    return undefined;
  });
}

function readIteration(
  element: DmnElement,
  elementId: string,
  problems: DmnProblem[],
): DecisionLogic | undefined {
  const kind = element.$type === 'dmn:For' ? 'for' : element.$type === 'dmn:Some' ? 'some' : 'every';
  const variable = typeof element.iteratorVariable === 'string' ? element.iteratorVariable : '';
  if (variable === '')
    problems.push({
      code: 'MISSING_PARAMETER_NAME',
      elementId,
      message: `the ${kind} has no iteratorVariable`,
    });
  const [list, body] = readChildren(
    element,
    ['in', kind === 'for' ? 'return' : 'satisfies'],
    elementId,
    problems,
  );
  return variable !== '' && list && body ? { kind, variable, in: list, body } : undefined;
}

/** The names of a function definition's formal parameters; undefined when one has none. */
export function readParameters(
  definition: DmnElement,
  ownerId: string,
  problems: DmnProblem[],
): string[] | undefined {
  const parameters = elementsOf(definition, 'formalParameter').map((parameter) => parameter.name ?? '');
  if (!parameters.includes('')) return parameters;
  problems.push({
    code: 'MISSING_PARAMETER_NAME',
    elementId: ownerId,
    message: 'a formal parameter has no name',
  });
  return undefined;
}

function readAll(
  elements: readonly DmnElement[],
  ownerId: string,
  problems: DmnProblem[],
): DecisionLogic[] | undefined {
  const before = problems.length;
  const read = elements.flatMap((element) => readBoxedExpression(element, ownerId, problems) ?? []);
  return problems.length > before ? undefined : read;
}
