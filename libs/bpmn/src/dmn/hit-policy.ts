// Turns the rules that matched into a decision table's result by its hit policy (DMN 1.3
// §8.2.11): one value or context for the single hit policies, a list for the multiple ones, an
// aggregate for COLLECT with SUM, MIN, MAX or COUNT. Pure: the outputs are already evaluated.
import type { CollectAggregation, HitPolicy } from './model';

/** A matched rule with its evaluated outputs; `priority` ranks it for PRIORITY and OUTPUT ORDER. */
export interface RuleHit {
  readonly ruleId: string;
  /** The rule's result: its single output value, or a context of the outputs by name. */
  readonly result: unknown;
  /** Per output, the index of its value among the output values (lower wins). */
  readonly priority: readonly number[];
}

export type HitPolicyOutcome =
  | { readonly ok: true; readonly output: unknown; readonly hits: readonly RuleHit[] }
  | { readonly ok: false; readonly message: string };

export function applyHitPolicy(
  hitPolicy: HitPolicy,
  aggregation: CollectAggregation | undefined,
  hits: readonly RuleHit[],
): HitPolicyOutcome {
  switch (hitPolicy) {
    case 'UNIQUE':
      if (hits.length > 1)
        return failure(`hit policy UNIQUE: ${hits.length} rules matched (${ruleIds(hits)}), at most one may`);
      return single(hits);
    case 'FIRST':
      return single(hits.slice(0, 1));
    case 'ANY': {
      const differing = hits.find((hit) => !sameValue(hit.result, hits[0]?.result));
      if (differing)
        return failure(`hit policy ANY: the rules that matched (${ruleIds(hits)}) give different outputs`);
      return single(hits.slice(0, 1));
    }
    case 'PRIORITY':
      return single(byPriority(hits).slice(0, 1));
    case 'RULE ORDER':
      return { ok: true, output: hits.map((hit) => hit.result), hits };
    case 'OUTPUT ORDER': {
      const ordered = byPriority(hits);
      return { ok: true, output: ordered.map((hit) => hit.result), hits: ordered };
    }
    case 'COLLECT':
      return aggregation === undefined
        ? { ok: true, output: hits.map((hit) => hit.result), hits }
        : aggregate(aggregation, hits);
  }
}

function single(hits: readonly RuleHit[]): HitPolicyOutcome {
  return { ok: true, output: hits[0]?.result ?? null, hits };
}

function failure(message: string): HitPolicyOutcome {
  return { ok: false, message };
}

function ruleIds(hits: readonly RuleHit[]): string {
  return hits.map((hit) => hit.ruleId).join(', ');
}

/** Stable: rules of equal priority keep their table order. */
function byPriority(hits: readonly RuleHit[]): RuleHit[] {
  return [...hits].sort((a, b) => {
    for (let index = 0; index < Math.max(a.priority.length, b.priority.length); index++) {
      const difference = (a.priority[index] ?? Infinity) - (b.priority[index] ?? Infinity);
      if (difference !== 0 && !Number.isNaN(difference)) return difference;
    }
    return 0;
  });
}

/** SUM, MIN and MAX of no value are null; COUNT counts the non-null outputs, as Camunda does. */
function aggregate(aggregation: CollectAggregation, hits: readonly RuleHit[]): HitPolicyOutcome {
  const values = hits.map((hit) => hit.result).filter((value) => value !== null && value !== undefined);
  if (aggregation === 'COUNT') return { ok: true, output: values.length, hits };
  if (values.length === 0) return { ok: true, output: null, hits };
  if (!values.every((value): value is number => typeof value === 'number'))
    return failure(
      `aggregation ${aggregation}: the outputs of the rules that matched (${ruleIds(hits)}) are not all numbers`,
    );
  const output =
    aggregation === 'SUM'
      ? values.reduce((sum, value) => sum + value, 0)
      : aggregation === 'MIN'
        ? Math.min(...values)
        : Math.max(...values);
  return { ok: true, output, hits };
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
