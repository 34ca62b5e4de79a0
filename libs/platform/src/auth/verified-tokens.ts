// Bearer tokens already verified, so that a client sending the same token with every request
// (as OAuth clients do until it expires) pays for the signature check once rather than per
// request: in the `--real` benchmark the check was about 5 % of a replica's CPU. Keyed by the
// whole token, signature included, so only the very string that verified is let in again, and
// never past its `exp` (checked on every hit) nor longer than `maxAgeMs` after it verified: that
// bounds how long a token signed by a key the issuer has since dropped from its JWKS still works.
import type { Principal } from './roles';

interface Verified {
  readonly principal: Principal;
  /** Epoch ms after which the entry no longer answers: the token's exp, or the max age. */
  readonly validUntil: number;
}

export interface VerifiedTokensOptions {
  /** @default 10_000 */
  readonly maxEntries?: number;
  /** @default 60_000 */
  readonly maxAgeMs?: number;
  /** Epoch ms. @default Date.now */
  readonly now?: () => number;
}

export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: VerifiedTokensOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The principal of a token verified earlier and still valid; undefined means verify it. */
  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.validUntil) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a token that just verified; `expiresAtSeconds` is its `exp` claim, if any. */
  remember(token: string, principal: Principal, expiresAtSeconds: number | undefined): void {
    const now = this.now();
    const validUntil = Math.min(now + this.maxAgeMs, (expiresAtSeconds ?? Infinity) * 1000);
    if (validUntil <= now) return;
    // The oldest entry goes first when full (a Map iterates in insertion order).
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { principal, validUntil });
  }
}
