// DMN: read a decision requirements graph (read-dmn.ts) and evaluate its decisions
// (evaluate-decision.ts). Pure and synchronous once read, so the engine core may evaluate.
export type * from './model';
export type * from './evaluation';
export { readDmn } from './read-dmn';
export { decisionTypeOf, evaluateDecision } from './evaluate-decision';
export { mapDecisionResult } from './camunda7-result';
export type { MappedDecisionResult } from './camunda7-result';
