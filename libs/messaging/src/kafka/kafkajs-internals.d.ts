// The kafkajs 2.2 internals Baton reaches into, and only these: its broker connection class, its
// request queue (request-queue-timer.ts: a timer that never stops) and its
// protocol encoder and decoder (kafka-group-fencing.ts, kafka-group-requests.ts: two requests
// kafkajs does not speak; kafka-produce-encoding.ts: produce requests written faster), besides its
// cluster (kafkajs-cluster.d.ts).
declare module 'kafkajs/src/protocol/encoder.js' {
  export default class Encoder {
    constructor(initialSize?: number);
    /** The bytes written so far are buf[0, offset). */
    buf: Buffer;
    offset: number;
    writeInt16(value: number): Encoder;
    writeInt32(value: number): Encoder;
    writeInt64(value: number | string): Encoder;
    writeBoolean(value: boolean): Encoder;
    writeUVarInt(value: number): Encoder;
    writeUVarIntString(value: string | null): Encoder;
    writeEncoderArray(value: readonly Encoder[]): Encoder;
  }
}

declare module 'kafkajs/src/protocol/decoder.js' {
  export default class Decoder {
    constructor(data: Buffer);
    readInt16(): number;
    readInt32(): number;
    readInt64(): { toString(): string };
    readUVarIntString(): string | null;
    readUVarIntArray<T>(reader: (decoder: Decoder) => T): T[] | null;
    readTaggedFields(): unknown;
  }
}

declare module 'kafkajs/src/protocol/error.js' {
  export function failure(code: number): boolean;
  export function createErrorFromCode(code: number): Error;
}

declare module 'kafkajs/src/broker/index.js' {
  /** One broker connection of a kafkajs client: each request is a method. */
  export default class Broker {
    /** The request versions the broker supports, by API key (known once connected). */
    versions: Record<number, { minVersion: number; maxVersion: number }> | null;
    txnOffsetCommit: (this: Broker, args: unknown) => Promise<unknown>;
    offsetFetch: (this: Broker, args: unknown) => Promise<unknown>;
    joinGroup: (this: Broker, args: unknown) => Promise<{ memberId: string; generationId: number }>;
    leaveGroup: (this: Broker, args: unknown) => Promise<unknown>;
    produce: (this: Broker, args: unknown) => Promise<unknown>;
    /** The request builder of the version both sides speak (set once connected). */
    lookupRequest: (
      apiKey: number,
      definitions: unknown,
    ) => (args: unknown) => { request: unknown; response: unknown };
  }
}

declare module 'kafkajs/src/protocol/recordBatch/crc32C/index.js' {
  /** CRC-32C (Castagnoli) of the bytes, unsigned. */
  export default function crc32C(bytes: Buffer): number;
}

declare module 'kafkajs/src/protocol/requests/index.js' {
  const protocol: { readonly requests: { readonly Produce: unknown } };
  export default protocol;
}

declare module 'kafkajs/src/protocol/requests/apiKeys.js' {
  const apiKeys: { readonly Produce: number };
  export default apiKeys;
}

declare module 'kafkajs/src/protocol/requests/produce/v3/request.js' {
  /** kafkajs's produce request, version 3 (4–7 send the same body): the reference of produce-request-encoding.test.ts. */
  export default function produceRequestV3(args: unknown): { encode(): Promise<{ readonly buffer: Buffer }> };
}

declare module 'kafkajs/src/network/requestQueue/index.js' {
  /** The requests of one broker connection: those sent and waiting, and those held back. */
  export default class RequestQueue {
    constructor(options: {
      maxInFlightRequests: number | null;
      requestTimeout: number;
      enforceRequestTimeout: boolean;
      clientId: string;
      broker: string;
      logger: unknown;
    });
    pending: unknown[];
    push(request: {
      entry: {
        correlationId: number;
        apiName: string;
        apiKey: number;
        apiVersion: number;
        resolve(answer: unknown): void;
        reject(error: unknown): void;
      };
      expectResponse: boolean;
      requestTimeout?: number;
      sendRequest(): void;
    }): void;
    fulfillRequest(answer: { correlationId: number; payload: Buffer; size: number }): void;
    /** Holds requests back for as long as the broker asked (its throttle time), ms. */
    maybeThrottle(throttleTimeMs: number | null): void;
    destroy(): void;
    /** Until when the broker asked this connection to hold its requests back (epoch ms), or -1. */
    throttledUntil: number;
    throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
    checkPendingRequests(): void;
    scheduleCheckPendingRequests(): void;
  }
}
