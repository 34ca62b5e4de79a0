// Camunda 7's `mapDecisionResult` on a business rule task: the decision's result as a list of rule
// results, each a map of output name to value (DmnDecisionResult), then cut to the shape asked for.
// A literal expression (or other boxed expression) or an aggregated COLLECT table gives one result
// of one entry, as in Camunda 7.
import type { DecisionResultMapping } from '../model';
import type { DecisionModel } from './model';

export type MappedDecisionResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

type RuleResult = Readonly<Record<string, unknown>>;

export function mapDecisionResult(
  decision: DecisionModel,
  output: unknown,
  mapping: DecisionResultMapping,
): MappedDecisionResult {
  const results = ruleResults(decision, output);
  switch (mapping) {
    case 'resultList':
      return { ok: true, value: results };
    case 'singleResult':
      if (results.length > 1) return tooMany(decision, results.length, 'singleResult');
      return { ok: true, value: results[0] ?? null };
    case 'collectEntries': {
      const values: unknown[] = [];
      for (const result of results) {
        const entries = Object.values(result);
        if (entries.length > 1) return severalEntries(decision, 'collectEntries');
        values.push(entries[0] ?? null);
      }
      return { ok: true, value: values };
    }
    case 'singleEntry': {
      if (results.length > 1) return tooMany(decision, results.length, 'singleEntry');
      const entries = Object.values(results[0] ?? {});
      if (entries.length > 1) return severalEntries(decision, 'singleEntry');
      return { ok: true, value: entries[0] ?? null };
    }
  }
}

function ruleResults(decision: DecisionModel, output: unknown): RuleResult[] {
  const logic = decision.logic;
  if (logic.kind !== 'decisionTable') return [{ [decision.resultName]: output }];
  const names = logic.outputs.map((column) => column.name);
  const entries = (value: unknown): RuleResult =>
    names.length === 1 ? { [names[0] ?? decision.resultName]: value } : ((value ?? {}) as RuleResult);
  if (logic.aggregation) return [{ [names[0] ?? decision.resultName]: output }];
  const multiHit = ['COLLECT', 'RULE ORDER', 'OUTPUT ORDER'].includes(logic.hitPolicy);
  if (multiHit) return Array.isArray(output) ? output.map(entries) : [];
  return output === null || output === undefined ? [] : [entries(output)];
}

function tooMany(decision: DecisionModel, count: number, mapping: string): MappedDecisionResult {
  return {
    ok: false,
    message: `decision '${decision.decisionId}' has ${count} results; mapDecisionResult '${mapping}' takes at most one`,
  };
}

function severalEntries(decision: DecisionModel, mapping: string): MappedDecisionResult {
  return {
    ok: false,
    message: `decision '${decision.decisionId}' has results with several outputs; mapDecisionResult '${mapping}' takes one`,
  };
}
