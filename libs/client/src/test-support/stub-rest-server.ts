// A real HTTP server on port 0 for the client's own tests: it records each request and
// answers with what the test scripted, so the client is exercised over real sockets.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly contentType?: string;
}

export interface StubRestServer {
  readonly address: string;
  readonly requests: RecordedRequest[];
  /** Sets the answer to the next requests (until changed). */
  answer(next: ScriptedAnswer): void;
  close(): Promise<void>;
}

export async function startStubRestServer(): Promise<StubRestServer> {
  const requests: RecordedRequest[] = [];
  let scripted: ScriptedAnswer = { status: 204 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const { status, body, contentType } = scripted;
      if (body === undefined) {
        response.writeHead(status).end();
        return;
      }
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(status, { 'content-type': contentType ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    requests,
    answer: (next) => {
      scripted = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPortAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
