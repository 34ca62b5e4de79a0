// Who the caller is (Camunda 8.8 GET /v2/authentication/me): the subject and roles the engine read
// from the token, so that a client offers only what the caller may do (the console hides operator
// actions) without decoding tokens or knowing the roles claim itself.
import { currentUserSchema, type CurrentUserResponse } from '@baton/contracts';
import { principalOf } from '../auth-guard';
import { defineRoute, type RouteDefinition } from '../route-table';

export function authenticationRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v2/authentication/me',
      access: 'authenticated',
      tag: 'Authentication',
      summary:
        'The caller: its token subject and roles as the engine reads them (anonymous with every role when AUTH_MODE=none).',
      response: { status: 200, schema: currentUserSchema },
      handle: ({ res }) => {
        const principal = principalOf(res);
        const user: CurrentUserResponse = {
          username: principal.subject,
          displayName: principal.subject,
          email: null,
          authorizedComponents: ['console'],
          tenants: [],
          groups: [],
          roles: [...principal.roles],
          salesPlanType: '',
          c8Links: {},
          canLogout: principal.unrestricted !== true,
        };
        res.json(user);
      },
    }),
  ];
}
