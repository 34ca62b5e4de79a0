// Whether the signed-in user may act on incidents (resolve, update retries, set variables): those
// routes need the role baton-operator (docs/security.md). The engine says which roles it read from
// the token (GET /v2/authentication/me), so the console needs no knowledge of the roles claim.
// The answer only decides what is offered: the API still checks every call, and its 403 is shown.
import type { ConsoleApi } from '../api';
import { errorMessage } from '../toasts';

/** @baton/platform's OPERATOR_ROLE (the console bundles no server code). */
const OPERATOR_ROLE = 'baton-operator';

export type OperatorAccess =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Why the actions are not offered, shown beside the disabled buttons. */
      readonly reason: string;
    };

const asked = new WeakMap<ConsoleApi, Promise<OperatorAccess>>();

/** Asked once per console (per page load: signing in again reloads the page). */
export function operatorAccess(api: ConsoleApi): Promise<OperatorAccess> {
  let answer = asked.get(api);
  if (answer === undefined) {
    answer = askEngine(api);
    asked.set(api, answer);
  }
  return answer;
}

async function askEngine(api: ConsoleApi): Promise<OperatorAccess> {
  try {
    const user = await api.currentUser();
    if (user.roles.includes(OPERATOR_ROLE)) return { allowed: true };
    const held = user.roles.length > 0 ? `you have ${user.roles.join(', ')}` : 'you have no roles';
    return {
      allowed: false,
      reason: `Read-only: resolving incidents, updating retries and setting variables need the role ${OPERATOR_ROLE}; ${held}.`,
    };
  } catch (error) {
    return { allowed: false, reason: `Read-only: cannot tell your roles (${errorMessage(error)}).` };
  }
}
