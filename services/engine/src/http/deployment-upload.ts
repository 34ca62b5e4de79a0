// Reading a deployment's multipart body within its limits: each part (resource) at most
// `maxResourceBytes`, all parts together at most `maxDeploymentBytes`, at most
// `maxResourcesPerDeployment` parts. The parts are counted as they stream in, so no more than the
// limit is ever held: past it the upload is refused (413 naming the limit) and the rest of the body
// is read and dropped, never kept. A declared Content-Length above the limit is refused before any
// of the body is read.
import type { Request, RequestHandler } from 'express';
import multer, { type StorageEngine } from 'multer';
import { BatonError } from '@baton/contracts';
import type { HttpOptionsWithDefaults } from './options';

export const resourcesField = 'resources';

/** The part of a deployment that passed the limit. */
class DeploymentTooLargeError extends Error {}

/** Like multer's memory storage, but the bytes of all parts of one request count together. */
function boundedMemoryStorage(maxDeploymentBytes: number): StorageEngine {
  const received = new WeakMap<Request, number>();
  return {
    _handleFile(req, file, callback) {
      const chunks: Buffer[] = [];
      let done = false;
      const finish = (error: Error | null, buffer?: Buffer) => {
        if (done) return;
        done = true;
        if (error) callback(error);
        else callback(null, { buffer, size: buffer?.length ?? 0 });
      };
      file.stream.on('data', (chunk: Buffer) => {
        if (done) return;
        const total = (received.get(req) ?? 0) + chunk.length;
        received.set(req, total);
        if (total > maxDeploymentBytes) {
          chunks.length = 0;
          file.stream.resume();
          finish(new DeploymentTooLargeError());
        } else chunks.push(chunk);
      });
      file.stream.on('error', (error: Error) => finish(error));
      file.stream.on('end', () => finish(null, Buffer.concat(chunks)));
    },
    _removeFile(_req, file, callback) {
      (file as { buffer?: Buffer }).buffer = undefined;
      callback(null);
    },
  };
}

function deploymentTooLarge(options: HttpOptionsWithDefaults): BatonError {
  return new BatonError(
    'PAYLOAD_TOO_LARGE',
    `Deployment is larger than the limit of ${options.maxDeploymentBytes} bytes (all resources together).`,
  );
}

function multipartError(error: unknown, options: HttpOptionsWithDefaults): BatonError {
  if (error instanceof DeploymentTooLargeError) return deploymentTooLarge(options);
  if (error instanceof multer.MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new BatonError(
          'PAYLOAD_TOO_LARGE',
          `A resource is larger than the limit of ${options.maxResourceBytes} bytes per resource.`,
        );
      case 'LIMIT_FILE_COUNT':
        return new BatonError(
          'PAYLOAD_TOO_LARGE',
          `At most ${options.maxResourcesPerDeployment} resources per deployment.`,
        );
      case 'LIMIT_UNEXPECTED_FILE':
        return new BatonError(
          'INVALID_ARGUMENT',
          `Unexpected multipart file field '${(error.field ?? '').slice(0, 100)}': send each file as a part named '${resourcesField}'.`,
        );
      default:
        return new BatonError('INVALID_ARGUMENT', `Invalid multipart body (${error.code}).`);
    }
  }
  return new BatonError('INVALID_ARGUMENT', 'Invalid multipart body.');
}

/**
 * The deployment's parts in `req.files`, read within the limits; every failure is a BatonError.
 * An over-limit answer closes the connection, so a client still sending learns it at once.
 */
export function deploymentUpload(options: HttpOptionsWithDefaults): RequestHandler {
  const upload = multer({
    storage: boundedMemoryStorage(options.maxDeploymentBytes),
    limits: {
      fileSize: options.maxResourceBytes,
      files: options.maxResourcesPerDeployment,
      fieldSize: options.bodyLimitBytes,
      fields: 100,
      parts: options.maxResourcesPerDeployment + 100,
    },
  }).array(resourcesField);
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > options.maxDeploymentBytes + 64 * 1024) {
      // Multipart framing adds a little to the resources: refuse only what cannot fit.
      res.setHeader('connection', 'close');
      next(deploymentTooLarge(options));
      return;
    }
    upload(req, res, (error: unknown) => {
      if (error === undefined) return next();
      const failure = multipartError(error, options);
      if (failure.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
      next(failure);
    });
  };
}
