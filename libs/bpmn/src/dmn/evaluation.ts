// What an evaluation reports, shaped after Camunda 8's evaluatedDecisions: for every decision
// evaluated (required ones first), its inputs, the rules that gave its result and their outputs.

/** Camunda 8.8's decision types: other boxed expressions (a context, an invocation) are UNKNOWN. */
export type DecisionType = 'DECISION_TABLE' | 'LITERAL_EXPRESSION' | 'UNKNOWN';

export interface EvaluatedInput {
  readonly inputId: string;
  readonly inputName: string;
  readonly inputValue: unknown;
}

export interface EvaluatedOutput {
  readonly outputId: string;
  readonly outputName: string;
  readonly outputValue: unknown;
}

export interface MatchedRule {
  readonly ruleId: string;
  /** 1-based position of the rule in its table, as Camunda counts. */
  readonly ruleIndex: number;
  readonly evaluatedOutputs: readonly EvaluatedOutput[];
}

export interface EvaluatedDecision {
  readonly decisionId: string;
  readonly decisionName: string;
  readonly decisionType: DecisionType;
  readonly output: unknown;
  readonly evaluatedInputs: readonly EvaluatedInput[];
  readonly matchedRules: readonly MatchedRule[];
}

export type DecisionEvaluation =
  | {
      readonly ok: true;
      readonly output: unknown;
      readonly evaluatedDecisions: readonly EvaluatedDecision[];
    }
  | {
      readonly ok: false;
      /** The decision whose evaluation failed: the requested one or one it requires. */
      readonly failedDecisionId: string;
      readonly failureMessage: string;
      /** The decisions evaluated before the failure. */
      readonly evaluatedDecisions: readonly EvaluatedDecision[];
    };

/** The outcome of one decision's logic, before it is placed among the others. */
export type LogicOutcome =
  | {
      readonly ok: true;
      readonly output: unknown;
      readonly evaluatedInputs: readonly EvaluatedInput[];
      readonly matchedRules: readonly MatchedRule[];
    }
  | { readonly ok: false; readonly message: string };
