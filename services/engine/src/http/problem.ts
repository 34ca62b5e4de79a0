// RFC 9457 problem documents: every failure of the REST API, whatever raised it, is answered
// as `application/problem+json` whose `title` is a stable Baton error code (DESIGN §5).
import type { Response } from 'express';
import { BatonError, type ErrorCode, type Problem } from '@baton/contracts';

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
  const problem: Problem = {
    type: 'about:blank',
    title: error.code,
    status: statusOfErrorCode[error.code],
    detail: error.message,
    instance,
  };
  const problems = error.details?.['problems'];
  if (Array.isArray(problems)) {
    const described = problems.map(describeDeploymentProblem);
    // The engine's message may already list them; only add what a reader would otherwise miss.
    const missing = described.filter((line) => !error.message.includes(line));
    if (missing.length > 0) problem.detail = `${error.message}: ${described.join('; ')}`;
    problem.problems = problems.map(toDeploymentProblem);
  }
  const invalidParams = error.details?.['invalidParams'];
  if (Array.isArray(invalidParams)) problem.invalidParams = invalidParams as Problem['invalidParams'];
  // The instance that already has a business id (idempotent creation): the client's retry target.
  const processInstanceKey = error.details?.['processInstanceKey'];
  if (typeof processInstanceKey === 'string') problem.processInstanceKey = processInstanceKey;
  // `Some mandatory params are missing.` (FLOWX start): which ones.
  const missingParams = error.details?.['missingParams'];
  if (Array.isArray(missingParams)) problem.missingParams = missingParams.map(String);
  return problem;
}

/** Any thrown value as a problem: BatonErrors keep their code, anything else is INTERNAL. */
export function problemOfError(error: unknown, instance: string): Problem {
  if (error instanceof BatonError) return problemOfBatonError(error, instance);
  const message = error instanceof Error ? error.message : String(error);
  return problemOfBatonError(new BatonError('INTERNAL', `Internal server error: ${message}`), instance);
}

/** Writes a problem document with its status. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(problemContentType).send(JSON.stringify(problem));
}

function toDeploymentProblem(value: unknown): NonNullable<Problem['problems']>[number] {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return {
      ...record,
      message: typeof record['message'] === 'string' ? record['message'] : JSON.stringify(value),
    };
  }
  return { message: String(value) };
}

function describeDeploymentProblem(value: unknown): string {
  const problem = toDeploymentProblem(value);
  const where = [problem.resourceName, problem.elementId].filter((part) => part !== undefined).join(' ');
  return where === '' ? problem.message : `${where}: ${problem.message}`;
}
