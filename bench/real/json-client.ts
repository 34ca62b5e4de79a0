// The driver's HTTP client for create requests: node:http over kept-alive connections. Node's
// built-in fetch (undici, with web streams) cost the driver about twice the CPU per request, and the
// driver shares the machine's two cores with the engine it measures.
import { Agent, request } from 'node:http';

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

export class JsonClient {
  private readonly agent: Agent;

  /** `connections`: at most this many sockets, kept open between requests. */
  constructor(connections: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** POSTs `body` as JSON; resolves with the status and the parsed answer (its text if not JSON). */
  post(url: string, headers: Readonly<Record<string, string>>, body: unknown): Promise<JsonAnswer> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: incoming.statusCode ?? 0, body: parsedOrText(text) });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
