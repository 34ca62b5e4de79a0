// BatonClient over real HTTP against a scripted server: the routes and bodies it sends, how it
// decodes answers, and the errors a caller sees for problems and unreachable servers.
import { BatonClient } from './baton-client';
import { BatonClientError } from './baton-client-error';
import { closedPortAddress, startStubRestServer, type StubRestServer } from './test-support/stub-rest-server';

describe('BatonClient', () => {
  let server: StubRestServer;
  let client: BatonClient;

  beforeEach(async () => {
    server = await startStubRestServer();
    client = new BatonClient({ address: `${server.address}/`, token: 'secret-token' });
  });
  afterEach(() => server.close());

  it('creates an instance with a JSON body and returns the decoded answer', async () => {
    const answer = {
      processDefinitionKey: '11',
      processDefinitionId: 'order-process',
      processDefinitionVersion: 1,
      processInstanceKey: '12',
      tenantId: '<default>',
      variables: {},
    };
    server.answer({ status: 200, body: answer });
    const result = await client.createInstance({
      processDefinitionId: 'order-process',
      variables: { orderId: '1234' },
      awaitCompletion: true,
    });
    expect(result).toEqual(answer);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v2/process-instances');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer secret-token');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      processDefinitionId: 'order-process',
      variables: { orderId: '1234' },
      awaitCompletion: true,
    });
  });

  it('deploys files as multipart parts named resources', async () => {
    server.answer({ status: 200, body: { deploymentKey: '1', tenantId: '<default>', deployments: [] } });
    await client.deploy([
      { name: 'a.bpmn', content: '<definitions id="a"/>' },
      { name: 'b.bpmn', content: new TextEncoder().encode('<definitions id="b"/>') },
    ]);
    const [request] = server.requests;
    expect(request?.path).toBe('/v2/deployments');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toMatch(/name="resources"; filename="a.bpmn"[\s\S]*<definitions id="a"\/>/);
    expect(request?.body).toMatch(/name="resources"; filename="b.bpmn"[\s\S]*<definitions id="b"\/>/);
  });

  it('resolves 204 answers to undefined and sends the documented paths and bodies', async () => {
    server.answer({ status: 204 });
    await expect(client.completeJob('5', { paid: true })).resolves.toBeUndefined();
    await client.failJob('5', { retries: 2, errorMessage: 'boom', retryBackOff: 100 });
    await client.throwJobError('5', { errorCode: 'CARD_DECLINED' });
    await client.cancelInstance('7');
    await client.completeUserTask('8', { ok: 1 });
    await client.assignUserTask('8', { assignee: 'demo' });
    expect(server.requests.map((request) => `${request.method} ${request.path} ${request.body}`)).toEqual([
      'POST /v2/jobs/5/completion {"variables":{"paid":true}}',
      'POST /v2/jobs/5/failure {"retries":2,"errorMessage":"boom","retryBackOff":100}',
      'POST /v2/jobs/5/error {"errorCode":"CARD_DECLINED"}',
      'POST /v2/process-instances/7/cancellation {}',
      'POST /v2/user-tasks/8/completion {"variables":{"ok":1}}',
      'POST /v2/user-tasks/8/assignment {"assignee":"demo"}',
    ]);
  });

  it('uses GET for topology and instances, POST for searches and activation', async () => {
    server.answer({ status: 200, body: { items: [], page: { totalItems: 0 } } });
    await client.topology();
    await client.getInstance('42');
    await client.searchInstances({ filter: { state: 'ACTIVE' } });
    await client.searchUserTasks();
    await client.listDefinitions();
    await client.activateJobs({ type: 'pay', worker: 'w', timeout: 1000, maxJobsToActivate: 1 });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v2/topology',
      'GET /v2/process-instances/42',
      'POST /v2/process-instances/search',
      'POST /v2/user-tasks/search',
      'POST /v2/process-definitions/search',
      'POST /v2/jobs/activation',
    ]);
  });

  it('throws a BatonClientError carrying the problem document of a non-2xx answer', async () => {
    const problem = {
      type: 'about:blank',
      title: 'NOT_FOUND',
      status: 404,
      detail: 'Process definition not found.',
      instance: '/v2/process-instances',
    };
    server.answer({ status: 404, body: problem, contentType: 'application/problem+json' });
    const error = await client
      .createInstance({ processDefinitionId: 'nope' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BatonClientError);
    expect(error).toMatchObject({
      status: 404,
      title: 'NOT_FOUND',
      detail: 'Process definition not found.',
      problem,
    });
    expect((error as Error).message).toBe('NOT_FOUND: Process definition not found.');
  });

  it('still reports a useful error when the answer is not a problem document', async () => {
    server.answer({ status: 502, body: 'upstream down', contentType: 'text/plain' });
    const error = await client.topology().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 502,
      title: 'HTTP_502',
      detail: 'upstream down',
      problem: undefined,
    });
  });

  it('names the address and the system error when the server cannot be reached', async () => {
    const address = await closedPortAddress();
    const error = await new BatonClient({ address }).topology().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BatonClientError);
    expect((error as BatonClientError).status).toBeUndefined();
    expect((error as Error).message).toBe(`cannot reach Baton at ${address}: ECONNREFUSED`);
  });

  it('takes its address from BATON_ADDRESS when none is given', () => {
    const saved = process.env.BATON_ADDRESS;
    process.env.BATON_ADDRESS = 'http://baton.example:9090';
    try {
      expect(new BatonClient().address).toBe('http://baton.example:9090');
      delete process.env.BATON_ADDRESS;
      expect(new BatonClient().address).toBe('http://localhost:8080');
    } finally {
      if (saved === undefined) delete process.env.BATON_ADDRESS;
      else process.env.BATON_ADDRESS = saved;
    }
  });
});
