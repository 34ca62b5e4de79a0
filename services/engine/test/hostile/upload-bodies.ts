// The deployment bodies the hostile uploads send, described as plain data (a child process builds
// them: upload-client.ts), so the test process that serves the REST API does none of the client's work.

/** One part of a multipart form: its text, or `bytes` bytes of `fill`. */
export type FormPartSpec =
  | { readonly name: string; readonly text: string }
  | { readonly name: string; readonly fill: number; readonly bytes: number };

export type UploadBodySpec =
  /** A multipart form of `parts`, each a `resources` file. */
  | { readonly kind: 'form'; readonly parts: readonly FormPartSpec[] }
  /** `parts` parts of `partBytes` bytes of `<`, streamed (no Content-Length). */
  | {
      readonly kind: 'streamed';
      readonly boundary: string;
      readonly parts: number;
      readonly partBytes: number;
    };

/** What the child process is asked to send. */
export interface UploadSpec {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: UploadBodySpec;
}

export function buildBody(spec: UploadBodySpec): FormData | ReadableStream<Uint8Array> {
  if (spec.kind === 'streamed') return streamedParts(spec.boundary, spec.parts, spec.partBytes);
  const body = new FormData();
  for (const part of spec.parts) {
    const content = 'text' in part ? part.text : new Uint8Array(part.bytes).fill(part.fill);
    body.append('resources', new Blob([content]), part.name);
  }
  return body;
}

function streamedParts(boundary: string, parts: number, partBytes: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunk = new Uint8Array(64 * 1024).fill(0x3c);
  let part = 0;
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (part === parts) {
        controller.enqueue(encoder.encode(`--${boundary}--\r\n`));
        controller.close();
      } else if (sent === 0) {
        controller.enqueue(
          encoder.encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="resources"; filename="p${part}.bpmn"\r\nContent-Type: application/xml\r\n\r\n`,
          ),
        );
        sent = 1;
      } else if (sent < partBytes) {
        const size = Math.min(chunk.length, partBytes - sent + 1);
        controller.enqueue(chunk.subarray(0, size));
        sent += size;
      } else {
        controller.enqueue(encoder.encode('\r\n'));
        part += 1;
        sent = 0;
      }
    },
  });
}
