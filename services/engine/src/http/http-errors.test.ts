// The HTTP layer on its own: every failure is an RFC 9457 problem with a stable title, bodies
// are validated and size-limited, and engine errors keep their code and message.
import { BatonError, errorCodes, flowxStartErrors, problemSchema } from '@baton/contracts';
import { statusOfErrorCode } from './problem';
import {
  engineStandIn,
  multipartForm,
  startTestServer,
  type JsonBody,
  type TestServer,
} from '../../test/support/test-support';

const deployProblems = [
  {
    code: 'MISSING_JOB_TYPE',
    resourceName: 'bad.bpmn',
    elementId: 'charge',
    message: 'service task has no job type',
  },
  {
    code: 'UNKNOWN_FLOW_TARGET',
    resourceName: 'bad.bpmn',
    elementId: 'flow_2',
    message: "flow targets unknown element 'nowhere'",
  },
];

let server: TestServer;
let lastDeployNames: string[] = [];

beforeAll(async () => {
  const engine = engineStandIn({
    createInstance: (request) => {
      if (request.processDefinitionId === 'missing')
        throw new BatonError('NOT_FOUND', flowxStartErrors.definitionNotFound);
      if (request.processDefinitionId === 'slow')
        throw new BatonError('DEADLINE_EXCEEDED', 'Timed out after 5 ms.');
      throw new Error('disk on fire');
    },
    deploy: (resources) => {
      lastDeployNames = resources.map((resource) => resource.name);
      throw new BatonError('INVALID_ARGUMENT', 'The deployment has 2 problems.', {
        problems: deployProblems,
      });
    },
    completeJob: () => Promise.reject(new BatonError('NOT_FOUND', 'Job with key 42 not found.')),
    failJob: () => Promise.reject(new BatonError('INVALID_STATE', 'Job with key 42 is already completed.')),
  });
  server = await startTestServer(engine, { bodyLimitBytes: 2048, maxResourceBytes: 512 });
});
afterAll(() => server.close());

function expectProblem(
  answer: { status: number; contentType: string; body: JsonBody },
  title: string,
  path: string,
) {
  expect(answer.contentType).toContain('application/problem+json');
  expect(problemSchema.parse(answer.body)).toMatchObject({
    type: 'about:blank',
    title,
    status: answer.status,
    instance: path,
  });
  expect(answer.status).toBe(statusOfErrorCode[title as keyof typeof statusOfErrorCode]);
}

it('maps every stable error code to an HTTP error status', () => {
  for (const code of errorCodes) expect(statusOfErrorCode[code]).toBeGreaterThanOrEqual(400);
  expect(statusOfErrorCode.NOT_FOUND).toBe(404);
  expect(statusOfErrorCode.DEADLINE_EXCEEDED).toBe(504);
  expect(statusOfErrorCode.RESOURCE_EXHAUSTED).toBe(503);
});

it('answers an unknown route with a 404 problem', async () => {
  const answer = await server.call('GET', '/v2/no-such-thing');
  expectProblem(answer, 'NOT_FOUND', '/v2/no-such-thing');
  expect(answer.body.detail).toBe('No route GET /v2/no-such-thing.');
});

it('answers invalid JSON with 400 INVALID_ARGUMENT saying so', async () => {
  const response = await fetch(`${server.baseUrl}/v2/process-instances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.authHeaders },
    body: '{"processDefinitionId": "order",',
  });
  const body = (await response.json()) as JsonBody;
  expectProblem(
    { status: response.status, contentType: response.headers.get('content-type') ?? '', body },
    'INVALID_ARGUMENT',
    '/v2/process-instances',
  );
  expect(body.detail).toMatch(/^Request body is not valid JSON/);
});

it('lists every invalid field of a body, not only the first', async () => {
  const answer = await server.call('POST', '/v2/jobs/activation', {
    type: 7,
    timeout: 'soon',
    requestTimeout: 1.5,
  });
  expectProblem(answer, 'INVALID_ARGUMENT', '/v2/jobs/activation');
  const paths = answer.body.invalidParams.map((param: { path: string }) => param.path).sort();
  expect(paths).toEqual(['maxJobsToActivate', 'requestTimeout', 'timeout', 'type']);
  for (const path of paths) expect(answer.body.detail).toContain(`${path}:`);
});

it('requires a process id or key to create an instance', async () => {
  const answer = await server.call('POST', '/v2/process-instances', { variables: {} });
  expectProblem(answer, 'INVALID_ARGUMENT', '/v2/process-instances');
  expect(answer.body.detail).toContain('one of processDefinitionId or processDefinitionKey is required');
});

it('rejects a path key that is not a decimal string', async () => {
  const answer = await server.call('POST', '/v2/jobs/abc/completion', {});
  expectProblem(answer, 'INVALID_ARGUMENT', '/v2/jobs/abc/completion');
  expect(answer.body.detail).toContain('jobKey');
});

it('answers a JSON body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
  const answer = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: 'x',
    variables: { blob: 'x'.repeat(4096) },
  });
  expectProblem(answer, 'PAYLOAD_TOO_LARGE', '/v2/process-instances');
  expect(answer.body.detail).toContain('2048 bytes');
});

it('answers a caller without a valid token 401 before reading its body, oversized or malformed', async () => {
  const oversized = await server.call(
    'POST',
    '/v2/process-instances',
    { processDefinitionId: 'x', variables: { blob: 'x'.repeat(4096) } },
    { token: null },
  );
  expectProblem(oversized, 'UNAUTHORIZED', '/v2/process-instances');
  const malformed = await fetch(`${server.baseUrl}/v2/process-instances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-jwt' },
    body: '{"processDefinitionId": "order",',
  });
  expect(malformed.status).toBe(401);
  expect(malformed.headers.get('www-authenticate')).toContain('error="invalid_token"');
});

it('limits the body to 1 MiB by default', async () => {
  const defaultServer = await startTestServer(engineStandIn());
  try {
    const answer = await defaultServer.call('POST', '/v2/process-instances/search', {
      filter: {},
      pad: 'x'.repeat(1024 * 1024),
    });
    expectProblem(answer, 'PAYLOAD_TOO_LARGE', '/v2/process-instances/search');
  } finally {
    await defaultServer.close();
  }
});

it('passes the FLOWX start error sentence through as detail', async () => {
  const answer = await server.call('POST', '/v2/process-instances', { processDefinitionId: 'missing' });
  expectProblem(answer, 'NOT_FOUND', '/v2/process-instances');
  expect(answer.body.detail).toBe('Process definition not found.');
});

it('answers an awaited creation that timed out with 504 DEADLINE_EXCEEDED', async () => {
  const answer = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: 'slow',
    awaitCompletion: true,
  });
  expectProblem(answer, 'DEADLINE_EXCEEDED', '/v2/process-instances');
});

it('answers an unexpected failure with 500 INTERNAL, its cause left to the log', async () => {
  const answer = await server.call('POST', '/v2/process-instances', { processDefinitionId: 'other' });
  expectProblem(answer, 'INTERNAL', '/v2/process-instances');
  expect(answer.body.detail).toBe("Internal server error; the cause is in the server's log.");
});

it('answers job errors with the status of their code', async () => {
  expectProblem(
    await server.call('POST', '/v2/jobs/42/completion', {}),
    'NOT_FOUND',
    '/v2/jobs/42/completion',
  );
  expectProblem(
    await server.call('POST', '/v2/jobs/42/failure', { retries: 1 }),
    'INVALID_STATE',
    '/v2/jobs/42/failure',
  );
});

describe('deployments', () => {
  const post = async (form: FormData) => {
    const response = await fetch(`${server.baseUrl}/v2/deployments`, {
      method: 'POST',
      headers: server.authHeaders,
      body: form,
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (await response.json()) as JsonBody,
    };
  };

  it('lists every BPMN problem with its element id', async () => {
    const answer = await post(
      multipartForm([{ field: 'resources', name: 'bad.bpmn', content: '<definitions/>' }]),
    );
    expectProblem(answer, 'INVALID_ARGUMENT', '/v2/deployments');
    expect(lastDeployNames).toEqual(['bad.bpmn']);
    expect(answer.body.problems).toEqual(deployProblems);
    expect(answer.body.detail).toContain('bad.bpmn charge: service task has no job type');
    expect(answer.body.detail).toContain('bad.bpmn flow_2: ');
  });

  it('refuses a resource over the size limit with 413', async () => {
    const answer = await post(
      multipartForm([{ field: 'resources', name: 'big.bpmn', content: 'x'.repeat(600) }]),
    );
    expectProblem(answer, 'PAYLOAD_TOO_LARGE', '/v2/deployments');
    expect(answer.body.detail).toContain('512 bytes');
  });

  it('refuses a file part with another name', async () => {
    const answer = await post(multipartForm([{ field: 'file', name: 'a.bpmn', content: '<x/>' }]));
    expectProblem(answer, 'INVALID_ARGUMENT', '/v2/deployments');
    expect(answer.body.detail).toContain("'file'");
  });

  it('refuses a deployment without resources', async () => {
    const answer = await server.call('POST', '/v2/deployments', {});
    expectProblem(answer, 'INVALID_ARGUMENT', '/v2/deployments');
    expect(answer.body.detail).toContain("'resources'");
  });
});
