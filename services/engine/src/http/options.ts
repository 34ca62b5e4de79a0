// The REST layer's options, with their defaults applied in one place.
import { createLogger, type Authenticator, type Logger } from '@baton/platform';

/** Options of {@link createHttpApp}. */
export interface HttpOptions {
  /**
   * How callers are authenticated (DESIGN §6). Required: a server runs without authentication
   * only when given `noAuthentication` (AUTH_MODE=none) explicitly.
   */
  readonly authenticator: Authenticator;
  /**
   * Largest JSON request body, bytes; a bigger one is answered 413 PAYLOAD_TOO_LARGE.
   * @default 1048576 (1 MiB)
   */
  readonly bodyLimitBytes?: number;
  /**
   * Largest single deployed resource (one `resources` part), bytes; a bigger one is answered 413.
   * @default 4194304 (4 MiB, Zeebe's default maximum message size)
   */
  readonly maxResourceBytes?: number;
  /**
   * Most resources in one deployment.
   * @default 100
   */
  readonly maxResourcesPerDeployment?: number;
  /**
   * Largest deployment (every part of one multipart upload together), bytes; a bigger one is
   * answered 413 as soon as the limit is passed, before the rest is read.
   * @default 16777216 (16 MiB)
   */
  readonly maxDeploymentBytes?: number;
  /**
   * Deepest nesting of objects and arrays in a JSON request body (the body is level 1); deeper is
   * answered 400. Keeps variables within what MongoDB stores (100 levels per document).
   * @default 64
   */
  readonly maxJsonDepth?: number;
  /**
   * Long-poll duration of job activation when the request's `requestTimeout` is 0 or absent, ms.
   * @default 10000
   */
  readonly defaultJobPollTimeoutMs?: number;
  /**
   * How long a create-with-result caller waits when its `requestTimeout` is 0 or absent, ms.
   * @default 15000
   */
  readonly defaultAwaitTimeoutMs?: number;
  /**
   * Version reported as `gatewayVersion` companion in the OpenAPI document's `info.version`.
   * @default '0.1.0'
   */
  readonly apiVersion?: string;
  /**
   * Where failures of the API (anything but a BatonError answer) are logged, with the request's
   * traceparent and the path's processInstanceKey.
   * @default createLogger({ service: 'engine' })
   */
  readonly logger?: Logger;
}

export type HttpOptionsWithDefaults = Required<HttpOptions>;

/** Applies the documented defaults. */
export function withDefaults(options: HttpOptions): HttpOptionsWithDefaults {
  return {
    authenticator: options.authenticator,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    maxResourceBytes: options.maxResourceBytes ?? 4 * 1024 * 1024,
    maxResourcesPerDeployment: options.maxResourcesPerDeployment ?? 100,
    maxDeploymentBytes: options.maxDeploymentBytes ?? 16 * 1024 * 1024,
    maxJsonDepth: options.maxJsonDepth ?? 64,
    defaultJobPollTimeoutMs: options.defaultJobPollTimeoutMs ?? 10_000,
    defaultAwaitTimeoutMs: options.defaultAwaitTimeoutMs ?? 15_000,
    apiVersion: options.apiVersion ?? '0.1.0',
    logger: options.logger ?? createLogger({ service: 'engine' }),
  };
}
