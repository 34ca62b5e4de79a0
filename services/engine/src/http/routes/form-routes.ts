// Linked forms (Camunda 8.8): GET /v2/user-tasks/{userTaskKey}/form and
// GET /v2/process-definitions/{processDefinitionKey}/form answer the form-js schema a user task or
// a start event links to by formId; 204 when it links none (a custom formKey, an external
// reference, or no form), 404 for an unknown task or definition.
import { formResponseSchema } from '@baton/contracts';
import type { StoredForm } from '@baton/store';
import type { Response } from 'express';
import type { EngineService } from '../../engine-service';
import { toFormResponse } from '../form-shapes';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

function answer(res: Response, form: StoredForm | undefined): void {
  if (form === undefined) res.status(204).end();
  else res.json(toFormResponse(form));
}

export function formRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v2/user-tasks/:userTaskKey/form',
      access: 'worker',
      tag: 'User task',
      summary:
        'The form linked to a user task (zeebe:formDefinition formId), as deployed; 204 when the task links no deployed form.',
      response: { status: 200, schema: formResponseSchema },
      noContent: 'The user task links no deployed form (none, a custom formKey or an external reference).',
      problems: [400, 404],
      handle: async ({ req, res }) => {
        answer(res, await engine.userTaskForm(pathKey(req.params, 'userTaskKey')));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/process-definitions/:processDefinitionKey/form',
      access: 'worker',
      tag: 'Process definition',
      summary:
        "The start form of a process definition (its none start event's zeebe:formDefinition formId); 204 when it has none.",
      response: { status: 200, schema: formResponseSchema },
      noContent: 'The process definition has no start form.',
      problems: [400, 404],
      handle: async ({ req, res }) => {
        answer(res, await engine.startForm(pathKey(req.params, 'processDefinitionKey')));
      },
    }),
  ];
}
