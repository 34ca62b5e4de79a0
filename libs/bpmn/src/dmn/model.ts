// The executable form of a DMN file: a decision requirements graph (the `definitions` element)
// and its decisions, each a decision table or a literal expression. Built once at deployment by
// read-dmn.ts and evaluated by evaluate-decision.ts; plain data, so it can be stored and frozen.

/** How a decision table picks its result from the rules that matched (DMN 1.3 §8.2.11). */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

/** The aggregation of a COLLECT table; none gives the list of outputs. */
export type CollectAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTableInput {
  readonly inputId: string;
  /** The label, or the input expression when there is none (as Camunda names an input). */
  readonly inputName: string;
  /** FEEL expression giving the input value. */
  readonly expression: string;
}

export interface DecisionTableOutput {
  readonly outputId: string;
  /** The output's `name`: the key of this output in a multi-output result. */
  readonly name: string;
  /** The label, else the name. */
  readonly outputName: string;
  /** `outputValues` as FEEL (`"high", "low"`): the priority order for PRIORITY and OUTPUT ORDER. */
  readonly outputValues?: string;
  /** FEEL expression for the value when no rule matched. */
  readonly defaultOutputEntry?: string;
}

export interface DecisionRule {
  readonly ruleId: string;
  /** Unary tests, one per input; `-` or empty matches anything. */
  readonly inputEntries: readonly string[];
  /** FEEL expressions, one per output; empty gives null. */
  readonly outputEntries: readonly string[];
}

export interface DecisionTableLogic {
  readonly kind: 'decisionTable';
  readonly hitPolicy: HitPolicy;
  readonly aggregation?: CollectAggregation;
  readonly inputs: readonly DecisionTableInput[];
  readonly outputs: readonly DecisionTableOutput[];
  readonly rules: readonly DecisionRule[];
}

export interface LiteralExpressionLogic {
  readonly kind: 'literalExpression';
  readonly expression: string;
}

export type DecisionLogic = DecisionTableLogic | LiteralExpressionLogic;

export interface DecisionModel {
  readonly decisionId: string;
  readonly name: string;
  /** The name the result is known by to the decisions that require this one. */
  readonly resultName: string;
  /** Ids of the decisions whose results this one reads, evaluated before it. */
  readonly requiredDecisionIds: readonly string[];
  /** Camunda 8's `zeebe:versionTag`: a business rule task may call the version carrying it. */
  readonly versionTag?: string;
  readonly logic: DecisionLogic;
}

/** An input data element of the graph: a variable the caller gives (null when it does not). */
export interface InputDataModel {
  readonly inputDataId: string;
  readonly name: string;
}

export interface DecisionRequirementsModel {
  /** The `id` of the `definitions` element. */
  readonly decisionRequirementsId: string;
  readonly name: string;
  readonly namespace: string;
  readonly decisions: readonly DecisionModel[];
  readonly inputData: readonly InputDataModel[];
}

/** A problem of a DMN file, named with the element it is about (like BpmnProblem). */
export interface DmnProblem {
  readonly code: string;
  readonly elementId?: string;
  readonly message: string;
}

export type DmnReadResult =
  | { readonly ok: true; readonly drg: DecisionRequirementsModel }
  | { readonly ok: false; readonly problems: readonly DmnProblem[] };
