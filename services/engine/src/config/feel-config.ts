// The FEEL limits (issues 18 and 19) as configuration: read with the engine's other variables,
// applied once at start-up to @baton/bpmn, whose evaluations and deploy checks all obey them.
import { z } from 'zod';
import { defaultFeelLimits, type FeelLimits } from '@baton/bpmn';

export const feelConfigShape = {
  /** Steps (calls, range items, regular-expression work) one FEEL evaluation may take; past them it fails into an incident. @default 100000 */
  FEEL_MAX_STEPS: z.coerce.number().int().min(1).default(defaultFeelLimits.maxSteps),
  /** Wall-clock backstop of one FEEL evaluation, ms, far above what FEEL_MAX_STEPS takes (not reproducible on replay). @default 1000 */
  FEEL_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(defaultFeelLimits.budgetMs),
  /** Budget of parsing one FEEL expression at deploy, ms. @default 1000 */
  FEEL_PARSE_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(defaultFeelLimits.parseBudgetMs),
  /** Most items a FEEL evaluation may enumerate from ranges, or get back in a list from a function. @default 100000 */
  FEEL_MAX_LIST_SIZE: z.coerce.number().int().min(1).default(defaultFeelLimits.maxListSize),
  /** Longest FEEL expression, in characters, accepted at deploy and evaluated. @default 10000 */
  FEEL_MAX_EXPRESSION_LENGTH: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(defaultFeelLimits.maxExpressionLength),
  /** Deepest bracket nesting of a FEEL expression accepted at deploy. @default 64 */
  FEEL_MAX_NESTING_DEPTH: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(defaultFeelLimits.maxNestingDepth),
};

type FeelConfig = { readonly [K in keyof typeof feelConfigShape]: number };

/** The limits the configuration names, for configureFeelLimits. */
export function feelLimitsOf(config: FeelConfig): FeelLimits {
  return {
    maxSteps: config.FEEL_MAX_STEPS,
    budgetMs: config.FEEL_BUDGET_MS,
    parseBudgetMs: config.FEEL_PARSE_BUDGET_MS,
    maxListSize: config.FEEL_MAX_LIST_SIZE,
    maxExpressionLength: config.FEEL_MAX_EXPRESSION_LENGTH,
    maxNestingDepth: config.FEEL_MAX_NESTING_DEPTH,
  };
}
