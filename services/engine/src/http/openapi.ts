// Generates the OpenAPI 3.1 document from the route table and the contract zod schemas
// (zod 4's `z.toJSONSchema`): nothing here is written by hand except the multipart form.
import { z } from 'zod';
import { restSchemas } from '@baton/contracts';
import { hoistLocalRefs } from './openapi-local-refs';
import { pathParameterNames, toOpenApiPath, type RouteDefinition } from './route-table';

/** Path parameters that are not a decimal key; every other one is. */
const PATH_PARAMETER_PATTERNS: Readonly<Record<string, string>> = {
  // Zeebe keys the decisions of one evaluation `<decisionEvaluationKey>-<n>`
  decisionEvaluationInstanceKey: '^\\d{1,20}-\\d{1,6}$',
};

type JsonObject = Record<string, unknown>;

const statusDescriptions: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT: the request is malformed; `detail` and `invalidParams` name every bad field.',
  401: 'UNAUTHORIZED: no bearer token, or one that is malformed, badly signed or expired (`WWW-Authenticate: Bearer`).',
  403: 'FORBIDDEN: the token lacks the role this operation needs (or a starter role of the process).',
  404: 'NOT_FOUND',
  409: 'INVALID_STATE or ALREADY_EXISTS',
  413: 'PAYLOAD_TOO_LARGE',
  500: 'INTERNAL',
  503: 'RESOURCE_EXHAUSTED: nothing was applied; retry later.',
  504: 'DEADLINE_EXCEEDED: the request timed out; the work goes on.',
};

/**
 * A request body is described as the server reads it (`io: 'input'`): unknown members are
 * ignored, as Camunda does, so its objects do not say `additionalProperties: false` (only the
 * `strictObject`s that refuse them do). Answers are described as the server writes them.
 */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonObject {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io,
  }) as JsonObject;
  delete generated['$schema'];
  return generated;
}

/** A `$ref` for a named contract schema, the inline schema otherwise. */
function schemaReference(
  schema: z.ZodType,
  names: ReadonlyMap<z.ZodType, string>,
  io: 'input' | 'output' = 'output',
): JsonObject {
  const name = names.get(schema);
  return name === undefined ? jsonSchemaOf(schema, io) : { $ref: `#/components/schemas/${name}` };
}

function operationId(route: RouteDefinition): string {
  const words = route.path
    .split(/[/\-:]/)
    .filter((word) => word !== '' && word !== 'v2')
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return route.method + words.join('');
}

function successResponse(route: RouteDefinition, names: ReadonlyMap<z.ZodType, string>): JsonObject {
  const response = route.response;
  if (response.status === 204) return { '204': { description: 'Done; no content.' } };
  if ('schema' in response) {
    return {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: schemaReference(response.schema, names) } },
      },
    };
  }
  return {
    '200': {
      description: 'OK',
      content: {
        [response.contentType]: {
          schema: { type: response.contentType === 'application/json' ? 'object' : 'string' },
        },
      },
    },
  };
}

/** The `in: query` parameters of a route's query schema, one per member. */
function queryParameters(query: z.ZodObject | undefined): JsonObject[] {
  if (query === undefined) return [];
  const schema = jsonSchemaOf(query, 'input');
  const properties = (schema['properties'] ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof description === 'string' && { description }),
      schema: rest,
    };
  });
}

function operation(route: RouteDefinition, names: ReadonlyMap<z.ZodType, string>): JsonObject {
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const responses: JsonObject = { ...successResponse(route, names) };
  if (route.noContent !== undefined) responses['204'] = { description: route.noContent };
  for (const status of route.problems ?? []) {
    responses[String(status)] = { description: statusDescriptions[status] ?? 'Problem', content: problem };
  }
  if (route.access !== 'public') {
    responses['401'] ??= { description: statusDescriptions[401], content: problem };
    responses['403'] ??= { description: statusDescriptions[403], content: problem };
  }
  responses['default'] = {
    description: 'A problem (RFC 9457); `title` is a stable error code.',
    content: problem,
  };
  const result: JsonObject = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    responses,
  };
  const parameters = pathParameterNames(route.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: PATH_PARAMETER_PATTERNS[name] ?? '^\\d{1,20}$' },
  }));
  if (parameters.length > 0 || route.query !== undefined)
    result['parameters'] = [...parameters, ...queryParameters(route.query)];
  // The document-wide bearer requirement; public routes (health, this document) opt out.
  if (route.access === 'public') result['security'] = [];
  else result['x-baton-access'] = route.access;
  if (route.body !== undefined) {
    result['requestBody'] = {
      required: false,
      content: { 'application/json': { schema: schemaReference(route.body, names, 'input') } },
    };
  } else if (route.multipartBody !== undefined) {
    result['requestBody'] = {
      required: true,
      content: { 'multipart/form-data': { schema: route.multipartBody } },
    };
  }
  return result;
}

/** The OpenAPI 3.1 document of the given routes. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], version: string): JsonObject {
  const names = new Map<z.ZodType, string>(
    Object.entries(restSchemas).map(([name, schema]) => [schema, name]),
  );
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, names) };
  }
  const requestBodies = new Set(routes.flatMap((route) => (route.body === undefined ? [] : [route.body])));
  const schemas: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(restSchemas)) {
    const io = requestBodies.has(schema) ? 'input' : 'output';
    const { schema: component, hoisted } = hoistLocalRefs(name, jsonSchemaOf(schema, io));
    Object.assign(schemas, hoisted, { [name]: component });
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baton REST API',
      version,
      description:
        'Camunda 8 REST API v2 compatible operations plus Baton extensions. Keys are decimal strings; errors are RFC 9457 problem documents. Unknown members of a request body are ignored, as Camunda does (except inside filter operator objects such as `{"$like": …}`, where an unknown operator is refused). Size, depth and time limits: docs/security.md.',
    },
    paths,
    security: [{ bearerAuth: [] }],
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT signed with AUTH_JWT_SECRET (HS256) or a key of AUTH_JWKS_URL; roles in the `roles` claim (AUTH_ROLES_CLAIM): baton-operator, baton-worker, or starter roles named by process definitions.',
        },
      },
    },
  };
}
