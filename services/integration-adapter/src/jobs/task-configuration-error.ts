// A task whose headers cannot be used as written (a FEEL expression that fails, a header that is
// not valid): the same call would fail again, so the job raises an incident instead of retrying.

/** A task header that cannot be used; the message names the header and what is wrong. */
export class TaskConfigurationError extends Error {
  override readonly name = 'TaskConfigurationError';

  constructor(
    /** The task header at fault. */
    readonly header: string,
    detail: string,
  ) {
    super(`task header '${header}': ${detail}`);
  }
}
