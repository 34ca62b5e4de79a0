// POST /v2/deployments: multipart upload, one `resources` part per BPMN, DMN or form file, read within the
// deployment limits (deployment-upload.ts).
import { BatonError, deploymentResponseSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { toDeploymentResponse } from '../camunda-shapes';
import { deploymentUpload, resourcesField } from '../deployment-upload';
import type { HttpOptionsWithDefaults } from '../options';
import { defineRoute, type RouteDefinition } from '../route-table';

export function deploymentRoutes(engine: EngineService, options: HttpOptionsWithDefaults): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/deployments',
      access: 'operator',
      tag: 'Deployment',
      summary:
        'Deploys BPMN, DMN and form files; the same file again gives no new version, a changed one a new version.',
      multipartBody: {
        type: 'object',
        required: [resourcesField],
        properties: {
          [resourcesField]: { type: 'array', items: { type: 'string', format: 'binary' } },
          tenantId: { type: 'string' },
        },
      },
      response: { status: 200, schema: deploymentResponseSchema },
      problems: [400, 413],
      before: [deploymentUpload(options)],
      handle: async ({ req, res }) => {
        const files = Array.isArray(req.files) ? req.files : [];
        if (files.length === 0) {
          throw new BatonError(
            'INVALID_ARGUMENT',
            `Expected a multipart/form-data body with at least one file part named '${resourcesField}'.`,
          );
        }
        const result = await engine.deploy(
          files.map((file) => ({ name: file.originalname, content: file.buffer.toString('utf8') })),
        );
        res.json(toDeploymentResponse(result));
      },
    }),
  ];
}
