// RFC 9457 problem documents: every failure of the REST API, whatever raised it, is answered
// as `application/problem+json` whose `title` is a stable Baton error code (DESIGN §5). Every
// member is bounded (problem-bounds.ts): an answer never carries a stack, a source path or more
// than a few kilobytes of what the caller sent.
import type { Response } from 'express';
import { BatonError, type ErrorCode, type Problem } from '@baton/contracts';
import { boundedList, boundedText, maxDetailChars, maxEntryChars, maxInstanceChars } from './problem-bounds';

/** The HTTP status of each stable error code. */
export const statusOfErrorCode: Readonly<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  INVALID_ARGUMENT: 400,
  INVALID_STATE: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 503,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  DEADLINE_EXCEEDED: 504,
  INTERNAL: 500,
};

export const problemContentType = 'application/problem+json';

/**
 * Builds the problem document of a BatonError; `details.problems` / `invalidParams` /
 * `processInstanceKey` become extension members.
 */
export function problemOfBatonError(error: BatonError, instance: string): Problem {
  let detail = error.message;
  const problem: Problem = {
    type: 'about:blank',
    title: error.code,
    status: statusOfErrorCode[error.code],
    detail,
    instance: boundedText(instance, maxInstanceChars),
  };
  const problems = error.details?.['problems'];
  if (Array.isArray(problems)) {
    const { kept, omitted } = boundedList(problems.map(toDeploymentProblem));
    const described = kept.map(describeDeploymentProblem);
    // The engine's message may already list them; only add what a reader would otherwise miss.
    const missing = described.filter((line) => !error.message.includes(line));
    if (missing.length > 0) detail = `${error.message}: ${described.join('; ')}`;
    if (omitted > 0) detail = `${detail} (${omitted} more problem(s) not listed)`;
    problem.problems = kept;
  }
  const invalidParams = error.details?.['invalidParams'];
  if (Array.isArray(invalidParams)) {
    const { kept } = boundedList(invalidParams as NonNullable<Problem['invalidParams']>);
    problem.invalidParams = kept.map((param) => ({
      path: boundedText(param.path, maxEntryChars),
      message: boundedText(param.message, maxEntryChars),
    }));
  }
  problem.detail = boundedText(detail, maxDetailChars);
  // The instance that already has a business id (idempotent creation): the client's retry target.
  const processInstanceKey = error.details?.['processInstanceKey'];
  if (typeof processInstanceKey === 'string') problem.processInstanceKey = processInstanceKey;
  // `Some mandatory params are missing.` (FLOWX start): which ones.
  const missingParams = error.details?.['missingParams'];
  if (Array.isArray(missingParams)) problem.missingParams = missingParams.map(String);
  return problem;
}

/**
 * Any thrown value as a problem: BatonErrors keep their code, anything else is INTERNAL with no
 * word of its cause (a library's message may name files or quote the request; the log has it).
 */
export function problemOfError(error: unknown, instance: string): Problem {
  if (error instanceof BatonError) return problemOfBatonError(error, instance);
  return problemOfBatonError(
    new BatonError('INTERNAL', "Internal server error; the cause is in the server's log."),
    instance,
  );
}

/** Writes a problem document with its status; one that cannot be written becomes a plain INTERNAL. */
export function sendProblem(res: Response, problem: Problem): void {
  let text: string;
  try {
    text = JSON.stringify(problem);
  } catch {
    // A member that does not serialise (a cycle in a detail): the status still tells the truth.
    text = JSON.stringify({ ...problemOfError(undefined, problem.instance), status: problem.status });
  }
  res.status(problem.status).type(problemContentType).send(text);
}

function toDeploymentProblem(value: unknown): NonNullable<Problem['problems']>[number] {
  if (typeof value !== 'object' || value === null)
    return { message: boundedText(String(value), maxEntryChars) };
  const record = value as Record<string, unknown>;
  const text = (member: unknown) =>
    typeof member === 'string' ? boundedText(member, maxEntryChars) : undefined;
  const message = text(record['message']) ?? 'invalid';
  const code = text(record['code']);
  const elementId = text(record['elementId']);
  const resourceName = text(record['resourceName']);
  return {
    message,
    ...(code !== undefined ? { code } : {}),
    ...(elementId !== undefined ? { elementId } : {}),
    ...(resourceName !== undefined ? { resourceName } : {}),
  };
}

function describeDeploymentProblem(value: unknown): string {
  const problem = toDeploymentProblem(value);
  const where = [problem.resourceName, problem.elementId].filter((part) => part !== undefined).join(' ');
  return where === '' ? problem.message : `${where}: ${problem.message}`;
}
