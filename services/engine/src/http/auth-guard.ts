// The authentication step in front of every route: verifies the bearer token, checks the
// route's access level and leaves the principal in `res.locals` for the handler. 401 answers
// carry `WWW-Authenticate: Bearer` (RFC 6750); both 401 and 403 go out as problem documents.
import type { RequestHandler, Response } from 'express';
import { BatonError } from '@baton/contracts';
import { bearerToken, hasAccess, rolesOfAccess, type Authenticator, type Principal } from '@baton/platform';
import type { RouteDefinition } from './route-table';

const principalKey = 'batonPrincipal';

export function routeGuard(route: RouteDefinition, authenticator: Authenticator): RequestHandler {
  return (req, res, next) => {
    if (route.access === 'public') {
      next();
      return;
    }
    const token = bearerToken(req.headers.authorization);
    authenticator.authenticate(token).then(
      (principal) => {
        if (!hasAccess(principal, route.access)) {
          const held = principal.roles.length > 0 ? `has ${principal.roles.join(', ')}` : 'has no roles';
          next(
            new BatonError(
              'FORBIDDEN',
              `${req.method} ${route.path} needs the role ${rolesOfAccess(route.access).join(' or ')}; the token of "${principal.subject}" ${held}.`,
            ),
          );
          return;
        }
        res.locals[principalKey] = principal;
        next();
      },
      (error: unknown) => {
        res.setHeader(
          'WWW-Authenticate',
          token === undefined ? 'Bearer realm="baton"' : 'Bearer realm="baton", error="invalid_token"',
        );
        next(error);
      },
    );
  };
}

/** The caller of a guarded route; fails closed on a public route, which has none. */
export function principalOf(res: Response): Principal {
  const principal = res.locals[principalKey] as Principal | undefined;
  if (principal === undefined) throw new BatonError('INTERNAL', 'This route has no authenticated caller.');
  return principal;
}
