// For tests: a pino destination that keeps the lines written to it, parsed.
import { Writable } from 'node:stream';

export interface CapturedLogs {
  /** Every line written so far, parsed. */
  readonly lines: Record<string, unknown>[];
  /** The destination to give `createLogger`. */
  readonly stream: Writable;
}

export function captureLogs(): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}
