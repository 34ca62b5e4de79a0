// The built-in `http` worker: one outbound HTTP call per job, described by the task
// headers. 2xx completes the job with the result variables; a network error, a timeout, 5xx, 408
// or 429 fails it with one retry fewer and an exponential back-off; any other status throws the
// BPMN error `HTTP_<status>`; an unusable header (FEEL error included) or a 2xx body over the
// size limit raises an incident at once, since calling again would not help.
import type { JobMessage } from '@baton/contracts';
import type { HttpWorkerOptionsWithDefaults } from '../adapter-options';
import { completeJob, raiseIncident, retryJob, throwBpmnError, type JobOutcome } from '../jobs/job-outcome';
import type { JobContext, JobWorker } from '../jobs/job-worker';
import { exponentialBackOff } from '../jobs/retry-ledger';
import { TaskConfigurationError } from '../jobs/task-configuration-error';
import { callHttp, isSuccess, type HttpExchange } from './http-call';
import { httpRequestOf, type HttpRequestSpec } from './http-request';
import { resultVariables } from './http-result';
import { retryAfterMs } from './retry-after';

/** Characters of an error answer's body quoted in the job's error message. */
const quotedBodyChars = 1000;

/** Statuses that say "try again later" although they are 4xx. */
const retriableClientStatuses = new Set([408, 429]);

export interface HttpWorkerSettings extends HttpWorkerOptionsWithDefaults {
  /** Back-off after the first failed call, doubled per retry consumed, ms. */
  readonly retryBackOffMs: number;
  readonly maxRetryBackOffMs: number;
}

export function httpWorker(options: HttpWorkerSettings): JobWorker {
  const retryBackOffMs = (consumed: number) =>
    exponentialBackOff(consumed, options.retryBackOffMs, options.maxRetryBackOffMs);
  return {
    type: 'http',
    concurrency: options.concurrency,
    retryBackOffMs,
    handle: async (job, context) => {
      try {
        const request = httpRequestOf(job, {
          timeoutMs: options.defaultTimeoutMs,
          ...(context.headers['traceparent'] ? { traceparent: context.headers['traceparent'] } : {}),
        });
        const exchange = await callHttp(request, {
          fetch: options.fetch,
          maxResponseBytes: options.maxResponseBytes,
          errorBodyBytes: quotedBodyChars * 4,
        });
        return outcomeOf(job, request, exchange, context, {
          maxResponseBytes: options.maxResponseBytes,
          maxRetryBackOffMs: options.maxRetryBackOffMs,
          backOffMs: retryBackOffMs,
        });
      } catch (error) {
        if (error instanceof TaskConfigurationError) return raiseIncident(error.message);
        throw error;
      }
    },
  };
}

interface Decisions {
  readonly maxResponseBytes: number;
  readonly maxRetryBackOffMs: number;
  backOffMs(consumed: number): number;
}

function outcomeOf(
  job: JobMessage,
  request: HttpRequestSpec,
  exchange: HttpExchange,
  context: JobContext,
  decisions: Decisions,
): JobOutcome {
  const call = `${request.method} ${redacted(request.url)}`;
  const backOff = decisions.backOffMs(context.consumedRetries);
  switch (exchange.kind) {
    case 'network-error':
      return retryJob(job, `${call} failed: ${exchange.reason}`, backOff);
    case 'timeout':
      return retryJob(job, `${call} timed out after ${request.timeoutMs} ms`, backOff);
    case 'too-large':
      return raiseIncident(
        `${call} answered HTTP ${exchange.status} with a body over the limit of ${decisions.maxResponseBytes} bytes (HTTP_MAX_RESPONSE_BYTES); reading stopped there`,
      );
    case 'response': {
      const { status, headers, body } = exchange;
      if (isSuccess(status))
        return completeJob(resultVariables(job.customHeaders, { status, headers, body }));
      const answered = `${call} answered HTTP ${status}${exchange.statusText ? ` ${exchange.statusText}` : ''}${quoted(exchange.text, exchange.truncated)}`;
      if (status >= 500 || retriableClientStatuses.has(status)) {
        // The server may say when to come back (429, 503): never sooner, within the cap.
        const askedFor = retryAfterMs(headers['retry-after']);
        const wait =
          askedFor === undefined
            ? backOff
            : Math.min(Math.max(backOff, askedFor), decisions.maxRetryBackOffMs);
        return retryJob(job, answered, wait);
      }
      return throwBpmnError(`HTTP_${status}`, answered);
    }
  }
}

function quoted(text: string, truncated: boolean): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const long = truncated || trimmed.length > quotedBodyChars;
  return `: ${long ? `${trimmed.slice(0, quotedBodyChars)}…` : trimmed}`;
}

/** The URL without a password, for messages stored in the instance. */
function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}
