// A hostile upload's client, as a process of its own (started by upload-in-child.ts under tsx):
// it gets what to send, builds the body, says it is ready, and on `go` sends it and reports the
// answer. The probe in the test process then measures the server alone, not the client's work
// of building and writing a multi-MiB body on the same event loop.
import { buildBody, type UploadSpec } from './upload-bodies';

type FromParent = { readonly type: 'spec'; readonly spec: UploadSpec } | { readonly type: 'go' };

let body: FormData | ReadableStream<Uint8Array> | undefined;
let spec: UploadSpec | undefined;

async function send(): Promise<void> {
  if (!spec || !body) throw new Error('upload-client: go before spec');
  const response = await fetch(spec.url, {
    method: 'POST',
    headers: spec.headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  const answer = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
  process.send?.({ type: 'answer', answer }, () => process.disconnect());
}

process.on('message', (message: FromParent) => {
  if (message.type === 'spec') {
    spec = message.spec;
    body = buildBody(spec.body);
    process.send?.({ type: 'ready' });
    return;
  }
  send().catch((error: unknown) => {
    process.send?.({ type: 'error', message: String(error) }, () => process.disconnect());
  });
});
