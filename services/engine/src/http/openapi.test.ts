// The OpenAPI document cannot drift: every route express serves is in it with its method, every
// operation in it is served, and every schema reference resolves.
import { testAuthenticator } from '@baton/testing';
import { createHttpApp } from './app';
import { toOpenApiPath } from './route-table';
import {
  engineStandIn,
  startTestServer,
  type JsonBody,
  type TestServer,
} from '../../test/support/test-support';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /path` of every route registered on the express app. */
function registeredOperations(): string[] {
  const app = createHttpApp(engineStandIn(), { authenticator: testAuthenticator() });
  const stack = (app as unknown as { router: { stack: ExpressLayer[] } }).router.stack;
  return stack.flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods).map(
          (method) => `${method.toUpperCase()} ${toOpenApiPath(layer.route!.path)}`,
        ),
  );
}

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, refs));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (key === '$ref' && typeof member === 'string') refs.push(member);
      else collectRefs(member, refs);
    }
  }
  return refs;
}

let server: TestServer;
let document: JsonBody;

beforeAll(async () => {
  server = await startTestServer(engineStandIn());
  const answer = await server.call('GET', '/v2/openapi.json');
  expect(answer.status).toBe(200);
  document = answer.body;
});
afterAll(() => server.close());

it('is an OpenAPI 3.1 document', () => {
  expect(document.openapi).toBe('3.1.0');
  expect(document.info.title).toBe('Baton REST API');
});

it('lists exactly the operations express serves', () => {
  const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const registered = registeredOperations();
  expect(registered.length).toBeGreaterThan(20);
  expect([...documented].sort()).toEqual([...registered].sort());
});

it('covers the Camunda operations of DESIGN §5', () => {
  for (const operation of [
    'get /v2/topology',
    'post /v2/deployments',
    'post /v2/process-instances',
    'get /v2/process-instances/{processInstanceKey}',
    'post /v2/process-instances/{processInstanceKey}/cancellation',
    'post /v2/process-instances/search',
    'post /v2/jobs/activation',
    'post /v2/jobs/{jobKey}/completion',
    'post /v2/jobs/{jobKey}/failure',
    'post /v2/jobs/{jobKey}/error',
    'post /v2/user-tasks/search',
    'post /v2/user-tasks/{userTaskKey}/completion',
    'post /v2/user-tasks/{userTaskKey}/assignment',
    'post /v2/messages/publication',
    'post /v2/messages/correlation',
    'post /v2/signals/broadcast',
  ]) {
    const [method, path] = operation.split(' ') as [string, string];
    expect(document.paths[path]?.[method]).toBeDefined();
  }
});

it('gives every operation its request body, path parameters and answers', () => {
  const createInstance = document.paths['/v2/process-instances'].post;
  expect(createInstance.requestBody.content['application/json'].schema).toEqual({
    $ref: '#/components/schemas/CreateProcessInstanceRequest',
  });
  expect(createInstance.responses['200'].content['application/json'].schema).toEqual({
    $ref: '#/components/schemas/CreateProcessInstanceResponse',
  });
  expect(createInstance.responses['504'].content['application/problem+json']).toBeDefined();
  const deploy = document.paths['/v2/deployments'].post;
  expect(deploy.requestBody.content['multipart/form-data'].schema.properties.resources.items.format).toBe(
    'binary',
  );
  const complete = document.paths['/v2/jobs/{jobKey}/completion'].post;
  expect(complete.parameters).toEqual([
    { name: 'jobKey', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,20}$' } },
  ]);
  expect(Object.keys(complete.responses)).toContain('204');
  const operationIds = Object.values(
    document.paths as Record<string, Record<string, { operationId: string }>>,
  ).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
  expect(new Set(operationIds).size).toBe(operationIds.length);
});

it('documents the decision queries, a decision instance keyed <evaluationKey>-<n>', () => {
  const instance = document.paths['/v2/decision-instances/{decisionEvaluationInstanceKey}'].get;
  expect(instance.parameters).toEqual([
    {
      name: 'decisionEvaluationInstanceKey',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^\\d{1,20}-\\d{1,6}$' },
    },
  ]);
  expect(instance.responses['200'].content['application/json'].schema).toEqual({
    $ref: '#/components/schemas/DecisionInstance',
  });
  for (const path of [
    '/v2/decision-definitions/search',
    '/v2/decision-requirements/search',
    '/v2/decision-instances/search',
  ])
    expect(document.paths[path]?.post).toBeDefined();
  expect(document.paths['/v2/decision-definitions/{decisionDefinitionKey}/xml']?.get).toBeDefined();
  expect(document.paths['/v2/decision-requirements/{decisionRequirementsKey}/xml']?.get).toBeDefined();
});

it('generates the component schemas from the zod contracts', () => {
  const schemas = document.components.schemas;
  for (const ref of collectRefs(document)) {
    expect(ref).toMatch(/^#\/components\/schemas\//);
    expect(schemas[ref.replace('#/components/schemas/', '')]).toBeDefined();
  }
  const job = schemas.ActivateJobsResponse.properties.jobs.items;
  expect(job.required).toEqual(
    expect.arrayContaining(['jobKey', 'deadline', 'customHeaders', 'variables', 'kind', 'listenerEventType']),
  );
  expect(job.properties.deadline.type).toBe('integer');
  expect(schemas.Problem.properties.title.enum).toContain('DEADLINE_EXCEEDED');
});

it('documents the linked-form routes: the Form schema, and 204 when there is no form', () => {
  for (const path of [
    '/v2/user-tasks/{userTaskKey}/form',
    '/v2/process-definitions/{processDefinitionKey}/form',
  ]) {
    const responses = document.paths[path].get.responses;
    expect(responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Form',
    });
    expect(responses['204'].description).toMatch(/no (deployed form|start form)/);
    expect(responses['404']).toBeDefined();
  }
  expect(document.components.schemas.Form.properties.schema.type).toBe('string');
});

it('says what the server does with unknown request members: ignores them, as Camunda does', async () => {
  const schemas = document.components.schemas;
  // A request body (z.object) allows unknown members; an answer lists exactly what it carries.
  expect(schemas.CreateProcessInstanceRequest.additionalProperties).toBeUndefined();
  expect(schemas.ActivateJobsRequest.additionalProperties).toBeUndefined();
  expect(schemas.CreateProcessInstanceResponse.additionalProperties).toBe(false);
  expect(document.info.description).toContain('Unknown members of a request body are ignored');
  // …and the server does ignore one: the request goes on to the engine (here: a stand-in's 500).
  const answer = await server.call('POST', '/v2/jobs/activation', {
    type: 't',
    timeout: 1000,
    maxJobsToActivate: 1,
    notAFieldOfThisRequest: true,
  });
  expect(answer.body.title).not.toBe('INVALID_ARGUMENT');
});
