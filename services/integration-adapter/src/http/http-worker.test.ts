// The `http` worker against a real local HTTP server, driven through the in-memory bus as the
// engine drives it: job messages in, answers on the results topic.
import type { ServerResponse } from 'node:http';
import {
  answerJson,
  answerText,
  closedPortUrl,
  startTestHttpServer,
  waitFor,
  type TestHttpServer,
} from '@baton/testing';
import { startJobHarness, type JobHarness } from '../testing/job-harness';

let server: TestHttpServer;
let harness: JobHarness;

beforeEach(async () => {
  server = await startTestHttpServer();
  harness = await startJobHarness({ http: { maxResponseBytes: 64 * 1024 } });
});
afterEach(async () => {
  await harness.close();
  await server.close();
});

describe('a 2xx answer', () => {
  it('completes the job with the response under resultVariable and the resultExpression entries', async () => {
    server.handle(answerJson(201, { id: 'order-1', state: 'accepted' }, { 'x-request-id': 'r-42' }));
    const { result, headers, job, jobHeaders } = await harness.run({
      customHeaders: {
        url: `="${server.url}/orders/" + customer.id`,
        method: 'post',
        headers: '{"x-api-key": "secret", "accept": "application/json"}',
        body: '={ item: item, quantity: quantity * 2 }',
        resultVariable: 'orderResponse',
        resultExpression: '={ orderId: body.id, accepted: status = 201 }',
      },
      variables: { customer: { id: 'c-7' }, item: 'book', quantity: 3 },
    });

    expect(result).toEqual({
      result: 'COMPLETE',
      jobKey: job.jobKey,
      processInstanceKey: job.processInstanceKey,
      variables: {
        orderResponse: {
          status: 201,
          headers: expect.objectContaining({ 'content-type': 'application/json', 'x-request-id': 'r-42' }),
          body: { id: 'order-1', state: 'accepted' },
        },
        orderId: 'order-1',
        accepted: true,
      },
    });
    // The answer echoes the job's headers; the job's messageId becomes jobMessageId.
    expect(headers).toMatchObject({
      processInstanceKey: job.processInstanceKey,
      jobKey: job.jobKey,
      traceparent: jobHeaders['traceparent'],
      jobMessageId: jobHeaders['messageId'],
    });

    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/orders/c-7' });
    expect(JSON.parse(request!.body)).toEqual({ item: 'book', quantity: 6 });
    expect(request!.headers).toMatchObject({
      'x-api-key': 'secret',
      accept: 'application/json',
      'content-type': 'application/json',
      traceparent: headers['traceparent'],
    });
  });

  it('defaults to GET without a body, gives text bodies as text and sets no variables unasked', async () => {
    server.handle(answerText(200, 'pong'));
    const plain = await harness.run({ customHeaders: { url: `${server.url}/ping?x=1` } });
    expect(plain.result).toMatchObject({ result: 'COMPLETE', variables: {} });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/ping?x=1', body: '' });

    const kept = await harness.run({ customHeaders: { url: `${server.url}/ping`, resultVariable: 'reply' } });
    expect(kept.result).toMatchObject({ variables: { reply: { status: 200, body: 'pong' } } });
  });

  it('takes headers from a FEEL context over the variables', async () => {
    await harness.run({
      customHeaders: { url: server.url, headers: '={ authorization: "Bearer " + token, "x-count": 2 }' },
      variables: { token: 't0k3n' },
    });
    expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer t0k3n', 'x-count': '2' });
  });
});

describe('failures worth a retry', () => {
  it('fails a 5xx with one retry fewer and a back-off that doubles per retry consumed', async () => {
    server.handle(answerText(503, 'maintenance until noon'));
    const headers = { url: `${server.url}/busy`, method: 'POST', body: '={}' };
    const first = await harness.run({ customHeaders: headers, retries: 3 });
    expect(first.result).toEqual({
      result: 'FAIL',
      jobKey: first.job.jobKey,
      processInstanceKey: first.job.processInstanceKey,
      retries: 2,
      retryBackOff: 1000,
      errorMessage: `POST ${server.url}/busy answered HTTP 503 Service Unavailable: maintenance until noon`,
    });

    // The engine hands the same job out again with the retries left.
    const second = await harness.run({ ...first.job, retries: 2 });
    expect(second.result).toMatchObject({ result: 'FAIL', retries: 1, retryBackOff: 2000 });
    const last = await harness.run({ ...first.job, retries: 1 });
    expect(last.result).toMatchObject({ result: 'FAIL', retries: 0 });
    expect(last.result).not.toHaveProperty('retryBackOff');
    expect(server.requests).toHaveLength(3);
  });

  it('waits at least as long as a 429 answer asks in Retry-After', async () => {
    server.handle((_request, response) => {
      response.writeHead(429, { 'retry-after': '7' }).end();
    });
    const { result } = await harness.run({ customHeaders: { url: server.url } });
    expect(result).toMatchObject({ result: 'FAIL', retries: 2, retryBackOff: 7000 });
  });

  it('fails a call that takes longer than its timeout', async () => {
    const held: ServerResponse[] = [];
    server.handle((_request, response) => held.push(response)); // never answered
    const { result } = await harness.run({ customHeaders: { url: `${server.url}/slow`, timeout: 'PT0.2S' } });
    expect(result).toMatchObject({
      result: 'FAIL',
      retries: 2,
      retryBackOff: 1000,
      errorMessage: `GET ${server.url}/slow timed out after 200 ms`,
    });
  });

  it('fails a call nobody answers (connection refused)', async () => {
    const url = await closedPortUrl();
    const { result } = await harness.run({ customHeaders: { url: `${url}/gone`, method: 'DELETE' } });
    expect(result).toMatchObject({ result: 'FAIL', retries: 2, retryBackOff: 1000 });
    expect(result.result === 'FAIL' && result.errorMessage).toMatch(
      new RegExp(`^DELETE ${url}/gone failed: .*ECONNREFUSED`),
    );
  });
});

describe('answers retrying cannot fix', () => {
  it('throws the BPMN error HTTP_<status> for a 4xx, quoting the answer', async () => {
    server.handle(answerJson(404, { error: 'no such customer' }));
    const { result } = await harness.run({ customHeaders: { url: `${server.url}/customers/9` } });
    expect(result).toMatchObject({
      result: 'ERROR',
      errorCode: 'HTTP_404',
      errorMessage: `GET ${server.url}/customers/9 answered HTTP 404 Not Found: {"error":"no such customer"}`,
    });
  });

  it('truncates a long error answer in the message', async () => {
    server.handle(answerText(400, 'x'.repeat(50_000)));
    const { result } = await harness.run({ customHeaders: { url: server.url } });
    expect(result).toMatchObject({ result: 'ERROR', errorCode: 'HTTP_400' });
    const message = result.result === 'ERROR' ? (result.errorMessage ?? '') : '';
    expect(message.endsWith('x…')).toBe(true);
    expect(message.length).toBeLessThan(1200);
  });

  it('raises an incident for a body over the limit, and stops reading an endless one', async () => {
    let closedEarly = false;
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.on('close', () => (closedEarly = !response.writableFinished));
      const chunk = 'y'.repeat(16 * 1024);
      // Writes for as long as the client reads: only the client closing the connection ends it.
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    const { result } = await harness.run({ customHeaders: { url: `${server.url}/endless` } });
    expect(result).toEqual(
      expect.objectContaining({
        result: 'FAIL',
        retries: 0,
        errorMessage: `GET ${server.url}/endless answered HTTP 200 with a body over the limit of 65536 bytes (HTTP_MAX_RESPONSE_BYTES); reading stopped there`,
      }),
    );
    await waitFor(() => closedEarly, { description: 'the server seeing the connection closed' });
  });

  it('refuses a body whose declared length is over the limit', async () => {
    server.handle(answerText(200, 'z'.repeat(70_000)));
    const { result } = await harness.run({ customHeaders: { url: server.url } });
    expect(result).toMatchObject({ result: 'FAIL', retries: 0 });
  });

  it('raises an incident with the FEEL message when the body expression fails, without calling', async () => {
    const { result } = await harness.run({
      customHeaders: { url: server.url, method: 'POST', body: '={ total: missing + 1 }' },
      variables: { present: 1 },
    });
    expect(result).toMatchObject({ result: 'FAIL', retries: 0 });
    expect(result.result === 'FAIL' && result.errorMessage).toMatch(
      /^task header 'body': failed to evaluate expression .*Variable 'missing' not found/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('raises an incident when the url or resultExpression fails', async () => {
    const badUrl = await harness.run({ customHeaders: { url: '="http://x/" + nowhere' } });
    expect(badUrl.result).toMatchObject({ result: 'FAIL', retries: 0 });
    expect(badUrl.result.result === 'FAIL' && badUrl.result.errorMessage).toMatch(
      /^task header 'url': .*nowhere/,
    );

    server.handle(answerJson(200, { id: 1 }));
    const badResult = await harness.run({ customHeaders: { url: server.url, resultExpression: '=body.id' } });
    expect(badResult.result).toMatchObject({
      result: 'FAIL',
      retries: 0,
      errorMessage:
        "task header 'resultExpression': expected a context whose entries become variables, got number 1",
    });
  });

  it('raises an incident for headers that are not usable', async () => {
    const cases: { headers: Record<string, string>; message: RegExp }[] = [
      { headers: { url: 'ftp://example.com/file' }, message: /not an http or https URL/ },
      {
        headers: { url: server.url, headers: '[1]' },
        message: /^task header 'headers': expected an object/,
      },
      { headers: { url: server.url, headers: '{"a": 1' }, message: /^task header 'headers': not JSON/ },
      {
        headers: { url: server.url, headers: '{"bad name": "x"}' },
        message: /'bad name' is not a header name/,
      },
      { headers: { url: server.url, timeout: 'soon' }, message: /^task header 'timeout': 'soon' is neither/ },
      {
        headers: { url: server.url, body: '={}' },
        message: /^task header 'body': a GET request cannot have a body/,
      },
      { headers: {}, message: /^task header 'url': missing/ },
    ];
    for (const { headers, message } of cases) {
      const { result } = await harness.run({ customHeaders: headers });
      expect(result).toMatchObject({ result: 'FAIL', retries: 0 });
      expect(result.result === 'FAIL' && result.errorMessage).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
  });
});

it('runs the jobs of a batch concurrently, no more than HTTP_CONCURRENCY at once', async () => {
  await harness.close();
  let fetchCalls = 0;
  harness = await startJobHarness({
    http: {
      concurrency: 2,
      fetch: (input, init) => {
        fetchCalls++;
        return fetch(input, init);
      },
    },
  });
  const held: ServerResponse[] = [];
  server.handle((_request, response) => held.push(response));
  // Six jobs of one instance: one partition, one batch.
  const published = await harness.publish(
    Array.from({ length: 6 }, () => ({ customHeaders: { url: server.url }, processInstanceKey: '42' })),
  );
  await waitFor(() => held.length >= 2, { description: 'two requests in flight' });
  // The limiter admits jobs synchronously when the batch arrives: a third call would already have started.
  expect(fetchCalls).toBe(2);

  server.handle((_request, response) => response.writeHead(200).end());
  for (const response of held) response.writeHead(200).end();
  for (const each of published) expect((await harness.answerTo(each)).result.result).toBe('COMPLETE');
  expect(fetchCalls).toBe(6);
});
