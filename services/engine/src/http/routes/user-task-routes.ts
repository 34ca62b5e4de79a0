// User tasks: search, get, completion, assignment and unassignment in Camunda 8.8 shapes.
import {
  assignUserTaskRequestSchema,
  completeUserTaskRequestSchema,
  userTaskSchema,
  userTaskSearchRequestSchema,
  userTaskSearchResponseSchema,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { principalOf } from '../auth-guard';
import { toUserTask } from '../camunda-shapes';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { userTaskNotFoundUnquoted } from '../../errors';

export function userTaskRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/user-tasks/search',
      access: 'worker',
      tag: 'User task',
      summary: 'Searches user tasks by instance, state, assignee, element or key.',
      body: userTaskSearchRequestSchema,
      response: { status: 200, schema: userTaskSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const result = await engine.searchUserTasks({ filter: body.filter, page: body.page });
        res.json({ items: result.items.map(toUserTask), page: { totalItems: result.totalItems } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/user-tasks/:userTaskKey',
      access: 'worker',
      tag: 'User task',
      summary: 'One user task.',
      response: { status: 200, schema: userTaskSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const userTaskKey = pathKey(req.params, 'userTaskKey');
        const result = await engine.searchUserTasks({ filter: { userTaskKey } });
        const task = result.items[0];
        if (task === undefined) throw userTaskNotFoundUnquoted(userTaskKey);
        res.json(toUserTask(task));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/user-tasks/:userTaskKey/completion',
      access: 'worker',
      tag: 'User task',
      summary: 'Completes a user task with variables.',
      body: completeUserTaskRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.completeUserTask(
          pathKey(req.params, 'userTaskKey'),
          body.variables ?? undefined,
          body.action,
          principalOf(res).subject,
        );
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/user-tasks/:userTaskKey/assignment',
      access: 'worker',
      tag: 'User task',
      summary: 'Assigns a user task; allowOverride (default true) permits re-assigning an assigned task.',
      body: assignUserTaskRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.assignUserTask(
          pathKey(req.params, 'userTaskKey'),
          body.assignee,
          body.allowOverride ?? true,
          principalOf(res).subject,
        );
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v2/user-tasks/:userTaskKey/assignee',
      access: 'worker',
      tag: 'User task',
      summary: 'Unassigns a user task.',
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        await engine.assignUserTask(pathKey(req.params, 'userTaskKey'), null, true, principalOf(res).subject);
        res.status(204).end();
      },
    }),
  ];
}
