// Two-level errors (STYLE.md): BatonError with a stable code for in-process use, and the
// serialisable { code, message, retriable } failure for anything that crosses Kafka or HTTP.

/** Stable error codes; the REST layer answers them as RFC 9457 `title`s. */
export const errorCodes = [
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'INVALID_STATE',
  'ALREADY_EXISTS',
  'RESOURCE_EXHAUSTED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'DEADLINE_EXCEEDED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface SerializedFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retriable: boolean;
}

export class BatonError extends Error {
  override readonly name = 'BatonError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable context (e.g. the list of BPMN problems). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  toFailure(): SerializedFailure {
    return { code: this.code, message: this.message, retriable: this.code === 'RESOURCE_EXHAUSTED' };
  }
}

/** The exact FLOWX start error sentences (DESIGN §1), used as problem `detail`. */
export const flowxStartErrors = {
  definitionNotFound: 'Process definition not found.',
  startNodeNotFound: 'Start node for process definition not found.',
  multipleStartNodes: 'Multiple start nodes found, but start condition not specified.',
  mandatoryParamsMissing: 'Some mandatory params are missing.',
} as const;
