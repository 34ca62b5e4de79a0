// The HTTP call an `http` job asks for, read from its task headers: `url` (literal, or FEEL
// with `=`), `method`, `headers` (a JSON object, or FEEL with `=`), `body` (FEEL over the job's
// variables, sent as JSON) and `timeout`. Anything that cannot be used is a TaskConfigurationError.
import type { JobMessage } from '@baton/contracts';
import { evaluateHeader, textOrExpression } from '../expressions/task-expressions';
import { TaskConfigurationError } from '../jobs/task-configuration-error';
import { parseDurationMs } from './duration';

export interface HttpRequestSpec {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text; absent when the task has no `body` header. */
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface HttpRequestDefaults {
  readonly timeoutMs: number;
  /** The job's trace context, passed on to the called service unless the task sets its own. */
  readonly traceparent?: string;
}

export function httpRequestOf(job: JobMessage, defaults: HttpRequestDefaults): HttpRequestSpec {
  const taskHeaders = job.customHeaders;
  const method = methodOf(taskHeaders['method']);
  const url = urlOf(taskHeaders['url'], job.variables);
  const headers = headersOf(taskHeaders['headers'], job.variables);
  const bodyExpression = taskHeaders['body'];
  let body: string | undefined;
  if (bodyExpression !== undefined && bodyExpression.trim() !== '') {
    if (method === 'GET' || method === 'HEAD')
      throw new TaskConfigurationError('body', `a ${method} request cannot have a body`);
    body = JSON.stringify(evaluateHeader('body', bodyExpression, job.variables));
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  }
  if (defaults.traceparent !== undefined && !hasHeader(headers, 'traceparent'))
    headers['traceparent'] = defaults.traceparent;
  return {
    method,
    url,
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: timeoutOf(taskHeaders['timeout'], defaults.timeoutMs),
  };
}

function methodOf(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return 'GET';
  const method = value.trim().toUpperCase();
  if (!/^[A-Z]+$/.test(method))
    throw new TaskConfigurationError('method', `'${value}' is not an HTTP method`);
  return method;
}

function urlOf(value: string | undefined, variables: Readonly<Record<string, unknown>>): string {
  if (value === undefined || value.trim() === '') throw new TaskConfigurationError('url', 'missing');
  const text = textOrExpression('url', value, variables);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TaskConfigurationError('url', `'${text}' is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TaskConfigurationError('url', `'${text}' is not an http or https URL`);
  return url.href;
}

/** RFC 9110 token characters. */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A JSON object, or with `=` a FEEL context (headers from variables, e.g. a token). */
function headersOf(
  value: string | undefined,
  variables: Readonly<Record<string, unknown>>,
): Record<string, string> {
  if (value === undefined || value.trim() === '') return {};
  let parsed: unknown;
  if (value.trimStart().startsWith('=')) parsed = evaluateHeader('headers', value, variables);
  else {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new TaskConfigurationError('headers', `not JSON: ${(error as Error).message}`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new TaskConfigurationError('headers', 'expected an object of header names and values');
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(parsed as Record<string, unknown>)) {
    if (!headerName.test(name)) throw new TaskConfigurationError('headers', `'${name}' is not a header name`);
    if ((typeof headerValue === 'object' && headerValue !== null) || /[\r\n\0]/.test(String(headerValue)))
      throw new TaskConfigurationError('headers', `the value of '${name}' is not a one-line string`);
    headers[name.toLowerCase()] = String(headerValue);
  }
  return headers;
}

function timeoutOf(value: string | undefined, defaultMs: number): number {
  if (value === undefined || value.trim() === '') return defaultMs;
  const ms = parseDurationMs(value);
  if (ms === undefined)
    throw new TaskConfigurationError(
      'timeout',
      `'${value}' is neither an ISO 8601 duration (PT10S) nor a number of milliseconds`,
    );
  return ms;
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.hasOwn(headers, name);
}
