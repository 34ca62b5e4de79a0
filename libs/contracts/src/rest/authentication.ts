// GET /v2/authentication/me (Camunda 8.8 `CamundaUserResult`): who the caller is and which roles
// its token holds, as the engine read them — so a client (the console) can offer only what the
// caller may do without knowing how roles are carried in the token (AUTH_ROLES_CLAIM).
import { z } from 'zod';

export const currentUserSchema = z.object({
  /** The token's subject; `anonymous` when the server runs with AUTH_MODE=none. */
  username: z.string(),
  displayName: z.string(),
  /** Baton keeps no user directory: always null. */
  email: z.null(),
  /** Baton has one web component, the console. */
  authorizedComponents: z.array(z.string()),
  /** Baton's tenants are not per user: always empty. */
  tenants: z.array(z.object({ tenantId: z.string(), name: z.string() })),
  /** Baton has no groups: always empty. */
  groups: z.array(z.string()),
  /** The roles of the token (`baton-operator`, `baton-worker`, starter roles). */
  roles: z.array(z.string()),
  salesPlanType: z.string(),
  c8Links: z.record(z.string(), z.string()),
  /** Whether the console offers signing out: false when the server runs with AUTH_MODE=none. */
  canLogout: z.boolean(),
});
export type CurrentUserResponse = z.infer<typeof currentUserSchema>;
