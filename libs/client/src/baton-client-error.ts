// The one error the client throws: an RFC 9457 problem answered by the server, or a request
// that never got an answer. Its message is the line the CLI prints after "Error: ".
import type { ProblemDocument } from './types';

/** The `title` used when the server could not be reached at all. */
export const unavailableTitle = 'UNAVAILABLE';

export class BatonClientError extends Error {
  override readonly name = 'BatonClientError';

  constructor(
    /** The stable code: the problem's `title` (`NOT_FOUND`, …), or `UNAVAILABLE` when unreachable. */
    readonly title: string,
    /** What went wrong, in a sentence (the problem's `detail`). */
    readonly detail: string,
    /** The HTTP status; undefined when no answer came. */
    readonly status: number | undefined,
    /** The problem document as received; undefined when the answer was not one. */
    readonly problem: ProblemDocument | undefined,
    options?: { cause?: unknown },
  ) {
    super(status === undefined ? detail : `${title}: ${detail}`, options);
  }

  /** Builds the error from a non-2xx answer, tolerating bodies that are not problem documents. */
  static fromResponse(status: number, statusText: string, body: string): BatonClientError {
    const problem = parseProblem(body);
    const title = problem?.title ?? `HTTP_${status}`;
    const detail = problem?.detail ?? (body.trim().slice(0, 200) || statusText || 'no detail given');
    return new BatonClientError(title, detail, status, problem);
  }

  /** Builds the error for a request that got no answer (refused, reset, DNS failure, …). */
  static unreachable(address: string, cause: unknown): BatonClientError {
    return new BatonClientError(
      unavailableTitle,
      `cannot reach Baton at ${address}: ${networkReason(cause)}`,
      undefined,
      undefined,
      {
        cause,
      },
    );
  }
}

function parseProblem(body: string): ProblemDocument | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as ProblemDocument)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * undici reports a refused connection as `TypeError('fetch failed')` whose cause carries the
 * system code, sometimes inside an AggregateError (IPv4 and IPv6 both tried); dig it out.
 */
function networkReason(error: unknown): string {
  let innermostMessage = String(error);
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && !candidate.code.startsWith('UND_ERR')) return candidate.code;
    // Not instanceof Error: undici's errors may come from another realm (jest's vm contexts).
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') innermostMessage = message;
    current =
      Array.isArray(candidate.errors) && candidate.errors.length > 0 ? candidate.errors[0] : candidate.cause;
  }
  return innermostMessage;
}
