// One declarative table of routes: express registers its handlers from it and the OpenAPI
// document is generated from it, so the two cannot drift apart.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { RouteAccess } from '@baton/platform';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler receives: the validated body plus the raw express objects. */
export interface RouteContext<Body> {
  readonly body: Body;
  readonly req: Request;
  readonly res: Response;
}

/** The successful answer of a route, for OpenAPI. */
export type RouteResponse =
  | { readonly status: 200; readonly schema: z.ZodType }
  /** An answer without a zod schema: XML text, or a free-form JSON document. */
  | { readonly status: 200; readonly contentType: 'application/xml' | 'application/json' }
  | { readonly status: 204 };

export interface RouteDefinition<BodySchema extends z.ZodType | undefined = z.ZodType | undefined> {
  readonly method: HttpMethod;
  /** Express path, `:name` for path parameters (OpenAPI gets `{name}`). */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /**
   * Who may call the route (DESIGN §6); required so that no route is added without deciding.
   * `public` routes need no token; the others answer 401 without a valid one and 403 without the role.
   */
  readonly access: RouteAccess;
  /** JSON body schema; an absent or empty body is validated as `{}`. */
  readonly body?: BodySchema;
  /** The query parameters the handler parses (documented as `in: query` parameters). */
  readonly query?: z.ZodObject;
  /** A hand-written JSON schema for a multipart body (only deployments). */
  readonly multipartBody?: Readonly<Record<string, unknown>>;
  readonly response: RouteResponse;
  /** When a 200 route may also answer 204 (no content): what that means. */
  readonly noContent?: string;
  /** Problem statuses this route documents besides the generic ones. */
  readonly problems?: readonly number[];
  /**
   * Whether the handler first waits until the creates this replica answered before, once their
   * commands were in the log, are stored: what it reads or changes then includes them
   * (docs/architecture.md, step 7). Only a create itself need not wait.
   * @default true, except on public routes (health, the OpenAPI document)
   */
  readonly afterEarlierCreates?: boolean;
  /** Middleware run before the body is validated (e.g. multer). */
  readonly before?: readonly RequestHandler[];
  readonly handle: (
    context: RouteContext<BodySchema extends z.ZodType ? z.output<BodySchema> : undefined>,
  ) => Promise<void> | void;
}

/** Type-checks one route against its own body schema, then erases the type for the table. */
export function defineRoute<BodySchema extends z.ZodType | undefined = undefined>(
  route: RouteDefinition<BodySchema>,
): RouteDefinition {
  return route;
}

/** `/v2/jobs/:jobKey/completion` → `/v2/jobs/{jobKey}/completion`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The names of the path parameters of an express path. */
export function pathParameterNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}
