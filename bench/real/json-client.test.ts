import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonClient } from './json-client';

describe('JsonClient', () => {
  let server: Server;
  let baseUrl: string;
  const connections = new Set<unknown>();
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((incoming, outgoing) => {
      connections.add(incoming.socket);
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => {
        seen.push({ headers: incoming.headers, body });
        if (incoming.url === '/text') {
          outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
          return;
        }
        outgoing
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ echoed: JSON.parse(body) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts JSON with its headers and parses the JSON answer', async () => {
    const client = new JsonClient(2);
    const answer = await client.post(`${baseUrl}/json`, { authorization: 'Bearer t' }, { a: [1, 'two'] });
    client.close();
    expect(answer).toEqual({ status: 200, body: { echoed: { a: [1, 'two'] } } });
    const request = seen.at(-1)!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer t');
    expect(request.body).toBe('{"a":[1,"two"]}');
  });

  it('gives an answer that is not JSON as its text, with its status', async () => {
    const client = new JsonClient(1);
    await expect(client.post(`${baseUrl}/text`, {}, {})).resolves.toEqual({
      status: 502,
      body: 'bad gateway',
    });
    client.close();
  });

  it('keeps its connections open between requests', async () => {
    connections.clear();
    const client = new JsonClient(1);
    for (let index = 0; index < 5; index++) await client.post(`${baseUrl}/json`, {}, { index });
    client.close();
    expect(connections.size).toBe(1);
  });

  it('rejects when nothing answers', async () => {
    const client = new JsonClient(1);
    await expect(client.post('http://127.0.0.1:1/json', {}, {})).rejects.toThrow(/ECONNREFUSED/);
    client.close();
  });
});
