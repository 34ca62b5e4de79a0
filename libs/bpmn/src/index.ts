export type * from './model';
export * from './feel';
export { compileBpmn } from './compile';
export type { CompileOptions } from './compile';
export { ProblemCode } from './problems';
export { translateJuelToFeel } from './c7-expression';
export type { TranslationResult } from './c7-expression';
export * from './time';
export { ASYNC_CONTINUATION_JOB_TYPE } from './async-continuations';
