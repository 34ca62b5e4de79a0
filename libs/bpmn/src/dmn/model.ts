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

/** A call of a function (a business knowledge model) with its arguments bound by parameter name. */
export interface InvocationLogic {
  readonly kind: 'invocation';
  /** FEEL giving the function called: usually the name of a business knowledge model. */
  readonly calledFunction: string;
  /** Parameters without a binding are null (DMN 1.3 §10.2.2.2). */
  readonly bindings: readonly { readonly parameter: string; readonly value?: DecisionLogic }[];
}

/** Entries evaluated in order, each seeing the ones before; an entry without a name is the result. */
export interface ContextLogic {
  readonly kind: 'context';
  readonly entries: readonly { readonly name?: string; readonly value: DecisionLogic }[];
}

export interface ListLogic {
  readonly kind: 'list';
  readonly items: readonly DecisionLogic[];
}

/** A list of contexts sharing the column names. */
export interface RelationLogic {
  readonly kind: 'relation';
  readonly columns: readonly string[];
  readonly rows: readonly (readonly DecisionLogic[])[];
}

/** A FEEL function whose body is a boxed expression, seeing its parameters and its enclosing scope. */
export interface FunctionDefinitionLogic {
  readonly kind: 'functionDefinition';
  readonly parameters: readonly string[];
  readonly body: DecisionLogic;
}

/** DMN 1.5's boxed conditional: `then` when `if` is true, `else` when it is false or null. */
export interface ConditionalLogic {
  readonly kind: 'conditional';
  readonly if: DecisionLogic;
  readonly then: DecisionLogic;
  readonly else: DecisionLogic;
}

/** DMN 1.5's boxed filter: the items of `in` for which `match` is true, each as `item`. */
export interface FilterLogic {
  readonly kind: 'filter';
  readonly in: DecisionLogic;
  readonly match: DecisionLogic;
}

/** DMN 1.5's boxed for, some and every: `body` for each item of `in`, named `variable`. */
export interface IterationLogic {
  readonly kind: 'for' | 'some' | 'every';
  readonly variable: string;
  readonly in: DecisionLogic;
  /** `return` of a for, `satisfies` of some and every. */
  readonly body: DecisionLogic;
}

/** A boxed expression (DMN 1.3 §7): decision tables and literal expressions, and those built of them. */
export type DecisionLogic =
  | DecisionTableLogic
  | LiteralExpressionLogic
  | InvocationLogic
  | ContextLogic
  | ListLogic
  | RelationLogic
  | FunctionDefinitionLogic
  | ConditionalLogic
  | FilterLogic
  | IterationLogic;

/**
 * A business knowledge model: a function (its formal parameters and body) that the decisions
 * requiring it, and other business knowledge models, invoke by its name (DMN 1.3 §6.3.8).
 */
export interface BusinessKnowledgeModel {
  readonly bkmId: string;
  /** The name the function is called by (its variable's name). */
  readonly name: string;
  readonly parameters: readonly string[];
  /** Ids of the business knowledge models its body may invoke. */
  readonly requiredKnowledgeIds: readonly string[];
  readonly body: DecisionLogic;
}

/**
 * A decision service (DMN 1.3 §6.3.10), callable like a business knowledge model: it evaluates its
 * output decisions (and the decisions they require) from its arguments.
 */
export interface DecisionServiceModel {
  readonly serviceId: string;
  /** The name the function is called by (its variable's name). */
  readonly name: string;
  readonly outputDecisionIds: readonly string[];
  /** Decisions whose results are arguments, not evaluated. */
  readonly inputDecisionIds: readonly string[];
  /** The input data's names, then the input decisions' result names. */
  readonly parameters: readonly string[];
}

export interface DecisionModel {
  readonly decisionId: string;
  readonly name: string;
  /** The name the result is known by to the decisions that require this one. */
  readonly resultName: string;
  /** Ids of the decisions whose results this one reads, evaluated before it. */
  readonly requiredDecisionIds: readonly string[];
  /** Ids of the business knowledge models it invokes (absent in graphs stored before they were read). */
  readonly requiredKnowledgeIds?: readonly string[];
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
  /** Absent in graphs stored before business knowledge models were read. */
  readonly businessKnowledgeModels?: readonly BusinessKnowledgeModel[];
  /** Absent in graphs stored before decision services were read. */
  readonly decisionServices?: readonly DecisionServiceModel[];
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
