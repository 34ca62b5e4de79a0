// The instance history (issue 17): every event of an instance, oldest first, with its time, the
// elements it moved, the variables it changed (before → after) and who sent the command. Paged by
// cursor: `after` is the `cursor` of the last entry read.
import {
  historyCursor,
  instanceHistoryQuerySchema,
  instanceHistoryResponseSchema,
  parseHistoryCursor,
  type InstanceHistoryResponse,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { processInstanceNotFoundUnquoted } from '../../errors';
import { principalOf } from '../auth-guard';
import { assertMayRead } from '../definition-visibility';
import { defineRoute, type RouteDefinition } from '../route-table';
import { parseRequest, pathKey } from '../validation';

const defaultLimit = 100;

export function historyRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v2/process-instances/:processInstanceKey/history',
      access: 'authenticated',
      tag: 'Process instance',
      summary:
        "Baton: the instance's history, oldest first — per applied command its time, the command and who sent it (the caller's token subject), the tokens it moved, the elements it completed and the variables it changed (before → after, each value cut to 1,000 characters of JSON). Written from the instance events a moment after they happen.",
      query: instanceHistoryQuerySchema,
      response: { status: 200, schema: instanceHistoryResponseSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const processInstanceKey = pathKey(req.params, 'processInstanceKey');
        const query = parseRequest(instanceHistoryQuerySchema, req.query, 'query');
        const instance = await engine.getInstance(processInstanceKey);
        if (instance === undefined) throw processInstanceNotFoundUnquoted(processInstanceKey);
        assertMayRead(principalOf(res), await engine.getDefinition(instance.processDefinitionKey));
        const limit = query.limit ?? defaultLimit;
        // One more than asked: whether more follow, without a second query.
        const page = await engine.instanceHistory(processInstanceKey, {
          limit: limit + 1,
          ...(query.after !== undefined && { after: parseHistoryCursor(query.after) }),
        });
        const items = page.items.slice(0, limit);
        const last = items.at(-1);
        const answer: InstanceHistoryResponse = {
          items: [...items],
          page: {
            totalItems: page.totalItems,
            ...(last !== undefined && { endCursor: historyCursor(last.revision, last.eventIndex) }),
            hasMoreItems: page.items.length > limit,
          },
        };
        res.json(answer);
      },
    }),
  ];
}
