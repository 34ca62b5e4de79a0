// A route's query schema is documented as its `in: query` parameters, one per member, with the
// member's bounds: the instance history's `after` cursor and `limit`.
import { buildOpenApiDocument } from './openapi';
import { historyRoutes } from './routes/history-routes';
import { engineStandIn } from '../../test/support/test-support';

it('documents the history route query parameters beside its path parameter', () => {
  const document = buildOpenApiDocument(historyRoutes(engineStandIn()), 'test') as {
    paths: Record<string, { get: { parameters: unknown[] } }>;
  };
  expect(document.paths['/v2/process-instances/{processInstanceKey}/history']?.get.parameters).toEqual([
    {
      name: 'processInstanceKey',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^\\d{1,20}$' },
    },
    {
      name: 'after',
      in: 'query',
      required: false,
      schema: { type: 'string', pattern: '^\\d{1,15}\\.\\d{1,9}$' },
    },
    { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
  ]);
});
