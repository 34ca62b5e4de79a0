// Decision evaluation (POST /v2/decision-definitions/evaluation) in the Camunda 8.8 shapes: the
// decision by id (latest version) or key, with variables; the answer names the decision, its output
// as a JSON string and every decision evaluated on the way, or the one that failed and why.
import { z } from 'zod';
import { keySchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';
import { tenantIdRequestSchema } from './common';

export const evaluateDecisionRequestSchema = z
  .object({
    /** The decision's id: its latest version is evaluated. */
    decisionDefinitionId: z.string().min(1).optional(),
    decisionDefinitionKey: keySchema.optional(),
    variables: requestVariablesSchema.nullish(),
    tenantId: tenantIdRequestSchema,
  })
  .refine(
    (body) => (body.decisionDefinitionId === undefined) !== (body.decisionDefinitionKey === undefined),
    {
      message: 'exactly one of decisionDefinitionId and decisionDefinitionKey is required',
    },
  );
export type EvaluateDecisionRequestBody = z.infer<typeof evaluateDecisionRequestSchema>;

export const evaluatedDecisionInputSchema = z.object({
  inputId: z.string(),
  inputName: z.string(),
  /** The input's value as JSON. */
  inputValue: z.string(),
});

export const evaluatedDecisionOutputSchema = z.object({
  outputId: z.string(),
  outputName: z.string(),
  /** The output's value as JSON. */
  outputValue: z.string(),
});

export const matchedDecisionRuleSchema = z.object({
  ruleId: z.string(),
  /** 1-based position of the rule in its table. */
  ruleIndex: z.number().int(),
  evaluatedOutputs: z.array(evaluatedDecisionOutputSchema),
});

export const evaluatedDecisionSchema = z.object({
  decisionDefinitionId: z.string(),
  decisionDefinitionName: z.string(),
  decisionDefinitionVersion: z.number().int(),
  /** UNKNOWN for other boxed expressions (a context, an invocation), as Camunda 8.8 answers. */
  decisionDefinitionType: z.enum(['DECISION_TABLE', 'LITERAL_EXPRESSION', 'UNKNOWN']),
  decisionDefinitionKey: keySchema,
  decisionEvaluationInstanceKey: z.string(),
  /** The decision's result as JSON. */
  output: z.string(),
  tenantId: z.string(),
  matchedRules: z.array(matchedDecisionRuleSchema),
  evaluatedInputs: z.array(evaluatedDecisionInputSchema),
});

export const evaluateDecisionResponseSchema = z.object({
  decisionDefinitionId: z.string(),
  decisionDefinitionName: z.string(),
  decisionDefinitionVersion: z.number().int(),
  decisionDefinitionKey: keySchema,
  decisionRequirementsId: z.string(),
  decisionRequirementsKey: keySchema,
  /** The requested decision's result as JSON; `null` when the evaluation failed. */
  output: z.string(),
  /** The decision that failed (the requested one or one it requires); empty when none did. */
  failedDecisionDefinitionId: z.string(),
  /** Why it failed, with the FEEL error; empty when nothing failed. */
  failureMessage: z.string(),
  tenantId: z.string(),
  decisionEvaluationKey: keySchema,
  /** Deprecated in Camunda 8.8 for decisionEvaluationKey; the same value. */
  decisionInstanceKey: keySchema,
  evaluatedDecisions: z.array(evaluatedDecisionSchema),
});
export type EvaluateDecisionResponse = z.infer<typeof evaluateDecisionResponseSchema>;
