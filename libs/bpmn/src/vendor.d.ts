// Minimal typings for the untyped ESM packages the compiler uses; only what we call.
declare module 'feelin' {
  export function evaluate(
    expression: string,
    context?: Record<string, unknown>,
  ): { value: unknown; warnings: unknown[] };
  export function unaryTest(
    expression: string,
    context?: Record<string, unknown>,
  ): { value: unknown; warnings: unknown[] };
  export function parseExpression(
    expression: string,
    context?: Record<string, unknown>,
  ): {
    iterate(spec: {
      enter(node: { type: { isError: boolean; name: string }; from: number; to: number }): void;
    }): void;
  };
  /** A FEEL range; the budget (feel-budget.ts) wraps its enumeration. */
  export class FeelRange {
    map<T>(fn: (value: unknown) => T): T[];
  }
  /** A FEEL function (builtin or user-defined); the budget wraps its invocation. */
  export class FeelFunction {
    constructor(fn: (...args: never[]) => unknown, parameterNames: readonly string[]);
    /** The JavaScript function invoked: for a builtin, the one `evaluate(name)` answers. */
    readonly fn: unknown;
    /** The parameters' names, in order; positional arguments bind to them. */
    readonly parameterNames: readonly string[];
    invoke(contextOrArgs: unknown): unknown;
  }
  export function isFunction(value: unknown): value is FeelFunction;
}

declare module 'bpmn-moddle' {
  /** Any element of the parsed tree; properties depend on `$type` (see bpmn-moddle's meta-model). */
  export interface ModdleElement {
    readonly $type: string;
    readonly id?: string;
    readonly $attrs?: Record<string, string>;
    readonly $parent?: ModdleElement;
    /** Reads a property by its (possibly namespaced) name, e.g. `camunda:topic`. */
    get(name: string): unknown;
    readonly [property: string]: unknown;
  }
  export interface ModdleWarning {
    readonly message: string;
    readonly element?: ModdleElement;
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: Error;
  }
  export interface FromXmlResult {
    readonly rootElement: ModdleElement;
    readonly warnings: ModdleWarning[];
    readonly elementsById: Record<string, ModdleElement>;
  }
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
  }
}
