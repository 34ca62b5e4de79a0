// Who may do what (DESIGN §6): the two platform roles, the access level every REST route
// declares, and the starter-role rule of process definitions.

/** May deploy, suspend, cancel, resolve incidents, set variables, update jobs — everything. */
export const OPERATOR_ROLE = 'baton-operator';
/** May activate, complete and fail jobs, work on user tasks and publish messages. */
export const WORKER_ROLE = 'baton-worker';

/**
 * The access level of a REST route (a required field of every route definition):
 * - `public`: no token needed (health, the OpenAPI document);
 * - `authenticated`: any valid token; what the caller reads is limited to the definitions it may start;
 * - `worker`: `baton-worker` or `baton-operator`;
 * - `operator`: `baton-operator`.
 */
export type RouteAccess = 'public' | 'authenticated' | 'worker' | 'operator';

/** The verified caller of a request or socket. */
export interface Principal {
  /** The token's `sub`, or `anonymous` when authentication is off. */
  readonly subject: string;
  readonly roles: readonly string[];
  /** True when AUTH_MODE=none: every check passes. */
  readonly unrestricted?: boolean;
}

/** The caller when AUTH_MODE=none. */
export const unrestrictedPrincipal: Principal = {
  subject: 'anonymous',
  roles: [OPERATOR_ROLE, WORKER_ROLE],
  unrestricted: true,
};

export function isOperator(principal: Principal): boolean {
  return principal.unrestricted === true || principal.roles.includes(OPERATOR_ROLE);
}

/** Whether the principal passes a route's access level. */
export function hasAccess(principal: Principal, access: RouteAccess): boolean {
  switch (access) {
    case 'public':
    case 'authenticated':
      return true;
    case 'worker':
      return isOperator(principal) || principal.roles.includes(WORKER_ROLE);
    case 'operator':
      return isOperator(principal);
  }
}

/** The roles an access level asks for, for the 403 message. */
export function rolesOfAccess(access: RouteAccess): readonly string[] {
  if (access === 'worker') return [WORKER_ROLE, OPERATOR_ROLE];
  if (access === 'operator') return [OPERATOR_ROLE];
  return [];
}

/**
 * Whether the principal may start (and therefore see the instances of) a definition naming these
 * starter roles: operators always, anyone when it names none, else a holder of one of them.
 */
export function mayStart(principal: Principal, starterRoles: readonly string[]): boolean {
  if (isOperator(principal) || starterRoles.length === 0) return true;
  return starterRoles.some((role) => principal.roles.includes(role));
}
