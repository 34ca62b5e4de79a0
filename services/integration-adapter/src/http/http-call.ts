// One HTTP call with its timeout and body limit, reduced to what the worker decides on: an answer
// (status, headers, body parsed as JSON when its content type says so, else text), a body too
// large, a timeout, or a network error. The timeout covers the whole exchange, body included.
import type { HttpRequestSpec } from './http-request';
import { readLimitedBody } from './read-limited-body';

export type HttpExchange =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly statusText: string;
      readonly headers: Readonly<Record<string, string>>;
      /** Parsed JSON for a JSON content type, else the text; `null` when empty. */
      readonly body: unknown;
      /** The body as text (the first bytes only when `truncated`). */
      readonly text: string;
      readonly truncated: boolean;
    }
  | { readonly kind: 'too-large'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network-error'; readonly reason: string };

export interface HttpCallLimits {
  readonly fetch: typeof fetch;
  /** Largest successful (2xx) body read, bytes; over it the exchange is `too-large`. */
  readonly maxResponseBytes: number;
  /** Bytes kept of an error answer's body, for the job's error message. */
  readonly errorBodyBytes: number;
}

export async function callHttp(request: HttpRequestSpec, limits: HttpCallLimits): Promise<HttpExchange> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await limits.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal,
      redirect: 'follow',
    });
    const success = isSuccess(response.status);
    const read = await readLimitedBody(
      response,
      success ? limits.maxResponseBytes : limits.errorBodyBytes,
      success ? 'reject' : 'truncate',
    );
    if (read.kind === 'too-large') return { kind: 'too-large', status: response.status };
    const contentType = response.headers.get('content-type') ?? '';
    const text = decode(read.bytes, contentType);
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers.entries()),
      body: read.truncated ? text : parseBody(text, contentType),
      text,
      truncated: read.truncated,
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    return { kind: 'network-error', reason: networkReason(error) };
  }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** `application/json`, `application/problem+json`, `text/json` … */
function isJson(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z]+\/([a-z0-9.!#$&^_-]+\+)?json$/.test(mediaType);
}

/** JSON when the content type says so and it parses (else the text, as sent); `null` when empty. */
function parseBody(text: string, contentType: string): unknown {
  if (text === '') return null;
  if (!isJson(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // a charset TextDecoder does not know
  }
}

/**
 * fetch hides the socket's error in `cause` (`connect ECONNREFUSED 127.0.0.1:1234`). Duck-typed,
 * not `instanceof Error`: undici's errors may come from another realm (Jest's sandbox).
 */
function networkReason(error: unknown): string {
  const outer = asError(error);
  const inner = asError(outer?.cause) ?? outer;
  if (!inner) return String(error);
  if (inner.message) return inner.message;
  // Dual-stack connects fail with an AggregateError whose own message is empty.
  const parts = Array.isArray(inner.errors)
    ? inner.errors.map((each) => asError(each)?.message ?? String(each))
    : [];
  return [typeof inner.code === 'string' ? inner.code : (inner.name ?? 'error'), ...parts].join(': ');
}

interface ErrorLike {
  readonly message?: string;
  readonly name?: string;
  readonly code?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

function asError(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null && 'message' in value ? (value as ErrorLike) : undefined;
}
