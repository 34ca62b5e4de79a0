// The multi-instance characteristics of an activity in the executable model (multi-instance.ts
// compiles them, engine-core's multi-instance/ runs them).

/**
 * A multi-instance activity, as Zeebe runs it: a body runs one inner instance of the activity per
 * item of `inputCollection`, all at once (parallel) or one after the other (sequential).
 */
export interface MultiInstanceModel {
  readonly sequential: boolean;
  /** FEEL expression (without the leading `=`) giving the list to iterate over. */
  readonly inputCollection: string;
  /** Local variable of each inner instance holding its item. */
  readonly inputElement?: string;
  /** Variable receiving the list of every inner instance's `outputElement`, in item order. */
  readonly outputCollection?: string;
  /** FEEL expression evaluated when an inner instance completes: its entry of `outputCollection`. */
  readonly outputElement?: string;
  /** FEEL expression evaluated after each inner completion: true ends the body early. */
  readonly completionCondition?: string;
}
