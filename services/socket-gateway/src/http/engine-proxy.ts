// Forwards `/v2/*` to the engine's REST API, so that the console reaches the API on the origin of
// its socket. Streams both ways (deployments upload files, job activation long-polls) and gives up
// the upstream request when the caller goes away.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1). */
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createEngineProxy(engineUrl: string): RequestHandler {
  const target = new URL(engineUrl);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const basePath = target.pathname.replace(/\/+$/, '');
  return (req, res) => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !hopByHopHeaders.has(name)),
    );
    const upstream = send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: basePath + (req.url ?? '/'),
        headers: { ...headers, host: target.host },
      },
      (answer) => {
        const answerHeaders = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !hopByHopHeaders.has(name)),
        );
        res.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'INTERNAL',
          status: 502,
          detail: `The engine at ${target.origin} cannot be reached: ${error.message}`,
          instance: req.url ?? '/',
        }),
      );
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
