// The REST API of the engine service (DESIGN §5): the express app, its server and the OpenAPI document.
export { createHttpApp } from './app';
export { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './server';
export type { HttpOptions } from './options';
export { buildOpenApiDocument } from './openapi';
export { httpRoutes } from './routes';
