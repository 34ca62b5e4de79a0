// Reads a `decisionTable` element: hit policy and aggregation, inputs, outputs and rules, each
// problem named with the element it is about (a rule with too few entries, a COLLECT aggregation
// on two outputs, an input without expression).
import type { DmnElement } from 'dmn-moddle';
import type {
  CollectAggregation,
  DecisionTableInput,
  DecisionTableLogic,
  DecisionTableOutput,
  DmnProblem,
  HitPolicy,
} from './model';
import { elementsOf, textOf } from './moddle-values';

const hitPolicies: readonly HitPolicy[] = [
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
];
const aggregations: readonly CollectAggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

export function readDecisionTable(
  table: DmnElement,
  decisionId: string,
  problems: DmnProblem[],
): DecisionTableLogic | undefined {
  const before = problems.length;
  const tableId = table.id ?? decisionId;
  const hitPolicy = (typeof table.hitPolicy === 'string' ? table.hitPolicy : 'UNIQUE') as HitPolicy;
  if (!hitPolicies.includes(hitPolicy))
    problems.push({
      code: 'INVALID_HIT_POLICY',
      elementId: tableId,
      message: `unknown hit policy '${hitPolicy}'`,
    });
  const aggregation =
    typeof table.aggregation === 'string' ? (table.aggregation as CollectAggregation) : undefined;
  if (aggregation !== undefined && (!aggregations.includes(aggregation) || hitPolicy !== 'COLLECT'))
    problems.push({
      code: 'INVALID_AGGREGATION',
      elementId: tableId,
      message: `aggregation '${aggregation}' needs hit policy COLLECT and one of ${aggregations.join(', ')}`,
    });

  const inputs = elementsOf(table, 'input').map((input, index): DecisionTableInput => {
    const expression = textOf(input.inputExpression as DmnElement | undefined).trim();
    const inputId = input.id ?? `${tableId}-input-${index + 1}`;
    if (expression === '')
      problems.push({
        code: 'MISSING_EXPRESSION',
        elementId: inputId,
        message: 'the input has no input expression',
      });
    const label = typeof input.label === 'string' ? input.label : undefined;
    return { inputId, inputName: label ?? expression, expression };
  });

  const outputElements = elementsOf(table, 'output');
  if (outputElements.length === 0)
    problems.push({
      code: 'MISSING_OUTPUT',
      elementId: tableId,
      message: 'the decision table has no output',
    });
  const outputs = outputElements.map((output, index): DecisionTableOutput => {
    const outputId = output.id ?? `${tableId}-output-${index + 1}`;
    const name = output.name ?? '';
    if (name === '' && outputElements.length > 1)
      problems.push({
        code: 'MISSING_OUTPUT_NAME',
        elementId: outputId,
        message: 'an output of a table with several outputs needs a name',
      });
    const label = typeof output.label === 'string' ? output.label : undefined;
    const outputValues = textOf(output.outputValues as DmnElement | undefined).trim();
    const defaultOutputEntry = textOf(output.defaultOutputEntry as DmnElement | undefined).trim();
    return {
      outputId,
      name,
      outputName: label ?? name,
      ...(outputValues !== '' ? { outputValues } : {}),
      ...(defaultOutputEntry !== '' ? { defaultOutputEntry } : {}),
    };
  });
  if (aggregation !== undefined && outputs.length > 1)
    problems.push({
      code: 'INVALID_AGGREGATION',
      elementId: tableId,
      message: `aggregation '${aggregation}' needs a single output`,
    });

  const rules = elementsOf(table, 'rule').map((rule, index) => {
    const ruleId = rule.id ?? `${tableId}-rule-${index + 1}`;
    const inputEntries = elementsOf(rule, 'inputEntry').map((entry) => textOf(entry).trim());
    const outputEntries = elementsOf(rule, 'outputEntry').map((entry) => textOf(entry).trim());
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length)
      problems.push({
        code: 'INVALID_RULE',
        elementId: ruleId,
        message: `the rule has ${inputEntries.length} input and ${outputEntries.length} output entries, the table ${inputs.length} inputs and ${outputs.length} outputs`,
      });
    return { ruleId, inputEntries, outputEntries };
  });
  if (problems.length > before) return undefined;
  return {
    kind: 'decisionTable',
    hitPolicy,
    ...(aggregation ? { aggregation } : {}),
    inputs,
    outputs,
    rules,
  };
}
