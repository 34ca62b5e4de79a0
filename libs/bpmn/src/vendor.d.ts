// Minimal typings for the untyped ESM packages the compiler uses; only what we call.
declare module 'feelin' {
  export function evaluate(expression: string, context?: Record<string, unknown>): { value: unknown; warnings: unknown[] };
  export function unaryTest(expression: string, context?: Record<string, unknown>): { value: unknown; warnings: unknown[] };
  export function parseExpression(expression: string, context?: Record<string, unknown>): {
    iterate(spec: { enter(node: { type: { isError: boolean; name: string }; from: number; to: number }): void }): void;
  };
}
