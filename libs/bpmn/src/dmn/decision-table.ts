// Evaluates a decision table: the input expressions once, each rule's unary tests against them,
// the output entries of the rules that matched, then the hit policy (hit-policy.ts). When no rule
// matches, the outputs' default entries give the result where the table has them.
import { evaluateFeel, evaluateFeelUnaryTests, evaluateFeelValue, feelValueToJson } from '../feel';
import type { EvaluatedInput, EvaluatedOutput, LogicOutcome, MatchedRule } from './evaluation';
import { applyHitPolicy, type RuleHit } from './hit-policy';
import type { DecisionTableLogic, DecisionTableOutput } from './model';

type Context = Readonly<Record<string, unknown>>;

export function evaluateDecisionTable(table: DecisionTableLogic, context: Context): LogicOutcome {
  const evaluatedInputs: EvaluatedInput[] = [];
  // the rules test the FEEL values (a date stays a date for `< date("2020-01-01")`); the report has JSON
  const inputValues: unknown[] = [];
  for (const input of table.inputs) {
    const value = evaluateFeelValue(input.expression, context);
    if (!value.ok) return { ok: false, message: `input '${input.inputName}': ${value.message}` };
    inputValues.push(value.value);
    evaluatedInputs.push({
      inputId: input.inputId,
      inputName: input.inputName,
      inputValue: feelValueToJson(value.value),
    });
  }
  const priorities = outputPriorities(table.outputs, context);
  if (!priorities.ok) return priorities;

  const hits: RuleHit[] = [];
  const matchedRules = new Map<string, MatchedRule>();
  for (const [ruleIndex, rule] of table.rules.entries()) {
    const matches = ruleMatches(rule.inputEntries, inputValues, context);
    if (typeof matches === 'string') return { ok: false, message: `rule '${rule.ruleId}': ${matches}` };
    if (!matches) continue;
    const evaluatedOutputs: EvaluatedOutput[] = [];
    for (const [index, output] of table.outputs.entries()) {
      const entry = rule.outputEntries[index] ?? '';
      const value = entry === '' ? { ok: true as const, value: null } : evaluateFeel(entry, context);
      if (!value.ok)
        return {
          ok: false,
          message: `rule '${rule.ruleId}', output '${output.outputName}': ${value.message}`,
        };
      evaluatedOutputs.push({
        outputId: output.outputId,
        outputName: output.outputName,
        outputValue: value.value,
      });
    }
    matchedRules.set(rule.ruleId, { ruleId: rule.ruleId, ruleIndex: ruleIndex + 1, evaluatedOutputs });
    hits.push({
      ruleId: rule.ruleId,
      result: ruleResult(table.outputs, evaluatedOutputs),
      priority: evaluatedOutputs.map((output, index) =>
        priorityOf(priorities.values[index], output.outputValue),
      ),
    });
  }

  if (hits.length === 0) {
    const defaults = defaultResult(table, context);
    if (defaults !== undefined)
      return defaults.ok ? { ...defaults, evaluatedInputs, matchedRules: [] } : defaults;
  }
  const outcome = applyHitPolicy(table.hitPolicy, table.aggregation, hits);
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    output: outcome.output,
    evaluatedInputs,
    matchedRules: outcome.hits.flatMap((hit) => matchedRules.get(hit.ruleId) ?? []),
  };
}

/** True when every entry matches its input; a message when an entry cannot be evaluated. */
function ruleMatches(
  entries: readonly string[],
  inputs: readonly unknown[],
  context: Context,
): boolean | string {
  for (const [index, entry] of entries.entries()) {
    if (entry === '' || entry === '-') continue;
    const tested = evaluateFeelUnaryTests(entry, inputs[index] ?? null, context);
    if (!tested.ok) return tested.message;
    if (tested.value !== true) return false;
  }
  return true;
}

/** One output gives its value; several give a context keyed by output name. */
function ruleResult(outputs: readonly DecisionTableOutput[], values: readonly EvaluatedOutput[]): unknown {
  if (outputs.length === 1) return values[0]?.outputValue ?? null;
  return Object.fromEntries(
    outputs.map((output, index) => [output.name, values[index]?.outputValue ?? null]),
  );
}

/** The output values of each output as a list, for PRIORITY and OUTPUT ORDER (else empty). */
function outputPriorities(
  outputs: readonly DecisionTableOutput[],
  context: Context,
): { ok: true; values: readonly (readonly unknown[])[] } | { ok: false; message: string } {
  const values: unknown[][] = [];
  for (const output of outputs) {
    if (output.outputValues === undefined) {
      values.push([]);
      continue;
    }
    const list = evaluateFeel(`[${output.outputValues}]`, context);
    if (!list.ok) return { ok: false, message: `output values of '${output.outputName}': ${list.message}` };
    values.push(Array.isArray(list.value) ? list.value : []);
  }
  return { ok: true, values };
}

function priorityOf(values: readonly unknown[] | undefined, value: unknown): number {
  const index = (values ?? []).findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(value));
  return index === -1 ? Infinity : index;
}

/** The default output entries as the result, or undefined when the table defines none. */
function defaultResult(
  table: DecisionTableLogic,
  context: Context,
): { ok: true; output: unknown } | { ok: false; message: string } | undefined {
  if (!table.outputs.some((output) => output.defaultOutputEntry !== undefined)) return undefined;
  const values: EvaluatedOutput[] = [];
  for (const output of table.outputs) {
    const value =
      output.defaultOutputEntry === undefined
        ? { ok: true as const, value: null }
        : evaluateFeel(output.defaultOutputEntry, context);
    if (!value.ok)
      return { ok: false, message: `default output of '${output.outputName}': ${value.message}` };
    values.push({ outputId: output.outputId, outputName: output.outputName, outputValue: value.value });
  }
  const single = ruleResult(table.outputs, values);
  const listPolicy =
    ['COLLECT', 'RULE ORDER', 'OUTPUT ORDER'].includes(table.hitPolicy) && !table.aggregation;
  return { ok: true, output: listPolicy ? [single] : single };
}
