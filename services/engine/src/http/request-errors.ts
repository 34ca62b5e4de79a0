// Failures raised by the HTTP framework before a route runs (body-parser, the router's path
// decoding, zlib behind a Content-Encoding) as BatonErrors: each is the caller's mistake, so it
// is a 4xx naming what was wrong, never a 500, and never quotes what the caller sent.
import { BatonError } from '@baton/contracts';

/** body-parser's errors carry a `type` naming the failure, http-errors ones a 4xx `status`. */
interface FrameworkError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
}

const asFrameworkError = (error: unknown): FrameworkError | undefined =>
  typeof error === 'object' && error !== null ? error : undefined;

// V8 quotes the text it could not parse (`Unexpected token 'x', ..."{"a":xxx"... is not valid
// JSON`): the quote goes, what was unexpected stays.
const quoteStart = /, (?:\.\.\.)?"/;

function jsonSyntaxMessage(message: unknown): string {
  const full = typeof message === 'string' ? message : '';
  const quoted = full.search(quoteStart);
  const text = (quoted === -1 ? full : full.slice(0, quoted)).slice(0, 200);
  return text === '' ? 'Request body is not valid JSON.' : `Request body is not valid JSON: ${text}`;
}

/** zlib's errors: `Z_DATA_ERROR`, `Z_BUF_ERROR`, and brotli's `ERR__ERROR_FORMAT_…`. */
const isDecompressionError = (error: FrameworkError): boolean =>
  typeof error.code === 'string' && (error.code.startsWith('Z_') || error.code.startsWith('ERR__'));

/** The BatonError a framework failure stands for; anything else is returned as it is. */
export function toBatonError(error: unknown, bodyLimitBytes: number): unknown {
  const failure = asFrameworkError(error);
  if (error instanceof BatonError || failure === undefined) return error;
  if (error instanceof URIError || failure.message === 'URI malformed') {
    // The router's "Failed to decode param '%ZZ'".
    return new BatonError('INVALID_ARGUMENT', 'The request path holds malformed percent-encoding.');
  }
  if (isDecompressionError(failure)) {
    return new BatonError(
      'INVALID_ARGUMENT',
      'Request body cannot be decoded as its Content-Encoding says (not valid gzip, deflate or br data).',
    );
  }
  switch (failure.type) {
    case undefined:
      break;
    case 'entity.parse.failed':
      return new BatonError('INVALID_ARGUMENT', jsonSyntaxMessage(failure.message));
    case 'entity.too.large':
      return new BatonError(
        'PAYLOAD_TOO_LARGE',
        `Request body is larger than the limit of ${bodyLimitBytes} bytes.`,
      );
    case 'encoding.unsupported':
      return new BatonError('INVALID_ARGUMENT', 'Request body has an unsupported Content-Encoding.');
    case 'charset.unsupported':
      return new BatonError('INVALID_ARGUMENT', 'Request body has an unsupported charset.');
    default:
      return new BatonError('INVALID_ARGUMENT', `Unreadable request body (${String(failure.type)}).`);
  }
  // Any other http-errors 4xx (aborted upload, bad length): the client's failure, said plainly.
  if (typeof failure.status === 'number' && failure.status >= 400 && failure.status < 500) {
    return failure.status === 413
      ? new BatonError(
          'PAYLOAD_TOO_LARGE',
          `Request body is larger than the limit of ${bodyLimitBytes} bytes.`,
        )
      : new BatonError('INVALID_ARGUMENT', 'Unreadable request.');
  }
  return error;
}
