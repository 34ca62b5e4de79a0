// The units of work the advance loop processes. Behaviours never call each other directly:
// they enqueue the next step on the draft, which keeps modules acyclic and the order FIFO.
import type { Variables } from '@baton/contracts';

export type Step =
  /** A token arrives at an element, possibly through a sequence flow. */
  | {
      readonly kind: 'arrive';
      readonly tokenKey: string;
      readonly elementId: string;
      readonly flowId?: string;
      /** Set in the new element instance's scope before it activates (start instructions). */
      readonly localVariables?: Variables;
    }
  /** (Re-)run an element instance's activation: input mappings, then its behaviour. */
  | { readonly kind: 'activate'; readonly elementInstanceKey: string }
  /** Complete an element instance (output mappings, `result` merged) and move its token on. */
  | { readonly kind: 'complete'; readonly elementInstanceKey: string; readonly result?: Variables }
  /** Move a token on from an element along the given flows (none: the token ends). */
  | { readonly kind: 'leave'; readonly tokenKey: string; readonly flowIds: readonly string[] }
  /** A token ended (end event, no outgoing flow): free its parent and maybe its scope. */
  | { readonly kind: 'token-ended'; readonly tokenKey: string }
  /** Complete the scope (process or subprocess instance) when no live token is left in it. */
  | { readonly kind: 'scope-check'; readonly scopeKey: string };
