// POST /v2/deployments: multipart upload, one `resources` part per BPMN file (multer, in memory).
// Multipart failures become problems here, so a client sees which part was wrong and why.
import multer from 'multer';
import type { RequestHandler } from 'express';
import { BatonError, deploymentResponseSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { toDeploymentResponse } from '../camunda-shapes';
import type { HttpOptionsWithDefaults } from '../options';
import { defineRoute, type RouteDefinition } from '../route-table';

const resourcesField = 'resources';

/** multer wrapped so that each of its errors is a BatonError with a clear message. */
function multipartResources(options: HttpOptionsWithDefaults): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: options.maxResourceBytes,
      files: options.maxResourcesPerDeployment,
      fieldSize: options.bodyLimitBytes,
    },
  }).array(resourcesField);
  return (req, res, next) => {
    upload(req, res, (error: unknown) =>
      next(error === undefined ? undefined : multipartError(error, options)),
    );
  };
}

function multipartError(error: unknown, options: HttpOptionsWithDefaults): BatonError {
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new BatonError(
          'PAYLOAD_TOO_LARGE',
          `Resource '${error.field ?? ''}' is larger than the limit of ${options.maxResourceBytes} bytes.`,
        );
      case 'LIMIT_FILE_COUNT':
        return new BatonError(
          'PAYLOAD_TOO_LARGE',
          `At most ${options.maxResourcesPerDeployment} resources per deployment.`,
        );
      case 'LIMIT_UNEXPECTED_FILE':
        return new BatonError(
          'INVALID_ARGUMENT',
          `Unexpected multipart file field '${error.field ?? ''}': send each file as a part named '${resourcesField}'.`,
        );
      default:
        return new BatonError('INVALID_ARGUMENT', `Invalid multipart body: ${error.message}`);
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BatonError('INVALID_ARGUMENT', `Invalid multipart body: ${message}`);
}

export function deploymentRoutes(engine: EngineService, options: HttpOptionsWithDefaults): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/deployments',
      access: 'operator',
      tag: 'Deployment',
      summary: 'Deploys BPMN files; the same XML again gives no new version, a changed one a new version.',
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
      before: [multipartResources(options)],
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
