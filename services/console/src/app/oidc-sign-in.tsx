// Signing in to the console at an OpenID provider (issue 17): "Sign in" sends the browser to the
// provider (authorization code + PKCE); back at the console's root the code is exchanged for
// tokens, the access token is kept in this tab's sessionStorage (where REST calls and the socket
// read it) and renewed silently with the refresh token at three quarters of its life. The top bar
// shows who signed in (the ID token's name) and signs out at the provider's end_session_endpoint.
//
// Why a refresh token rather than a hidden iframe with prompt=none: the iframe needs the
// provider's session cookie in a third-party context, which browsers now block (Safari, Firefox,
// Chrome's third-party cookie controls); the refresh token grant is a plain CORS call that works
// with every provider, and is what the OAuth 2.0 for Browser-Based Apps BCP recommends for a
// public client (with rotation on the provider's side). The console asks for `offline_access`
// (AUTH_OIDC_SCOPES) to get one; a provider that issues none leaves the token unrenewed, and its
// expiry brings the sign-in back.
import { clearToken, currentToken, describeUser, showUser, storeToken } from './auth';
import type { OidcSettings } from './console-config';
import { el, replaceChildren } from './dom';
import { describeOidcError, OidcClient, type OidcTokens, type PendingSignIn } from './oidc-client';

const sessionKey = 'baton.oidc.session';
const pendingKey = 'baton.oidc.pending';
const signedOutKey = 'baton.oidc.signed-out';
/** A renewal that failed on the network is tried again after this long, while the token lives. */
const renewalRetryMs = 10_000;

/** What is kept of a sign-in besides the access token (which is under auth.tsx's key). */
interface StoredSession {
  readonly refreshToken?: string;
  readonly idToken?: string;
  /** Epoch ms at which the access token is renewed, and at which it expires; absent: never said. */
  readonly renewAt?: number;
  readonly expiresAt?: number;
  /** Who signed in, for the top bar. */
  readonly userName: string;
}

export class OidcSignIn {
  private readonly client: OidcClient;
  private renewal: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    /** Starts the console's views; called once, when signed in. */
    private readonly startConsole: () => void,
  ) {
    this.client = new OidcClient(settings, new URL('/', location.href).href);
  }

  /** Completes a sign-in the provider redirected back from, resumes a kept one, or asks to sign in. */
  async start(): Promise<void> {
    const callback = new URL(location.href);
    const pending = readJson<PendingSignIn>(pendingKey);
    const isCallback = callback.searchParams.has('code') || callback.searchParams.has('error');
    // The code and state leave the address bar (and the history) at once.
    if (isCallback)
      history.replaceState(null, '', this.client.redirectUri + (pending?.returnTo ?? location.hash));
    if (isCallback && pending) {
      sessionStorage.removeItem(pendingKey);
      try {
        this.keep(await this.client.completeSignIn(callback, pending));
      } catch (error) {
        this.showSignIn(`Signing in failed: ${describeOidcError(error)}`);
        return;
      }
    }
    const session = readJson<StoredSession>(sessionKey);
    if (session === undefined || currentToken() === undefined) {
      const signedOut = sessionStorage.getItem(signedOutKey) !== null;
      sessionStorage.removeItem(signedOutKey);
      this.showSignIn(signedOut ? 'You signed out.' : undefined);
      return;
    }
    // Back after a while (a reload, a sleeping laptop): renew first when the token is due.
    if (session.renewAt !== undefined && Date.now() >= session.renewAt) {
      if (!(await this.renew())) return;
    } else this.scheduleRenewal(session);
    this.showSignedIn();
    this.startConsole();
  }

  /** A 401 from the API or the socket: the token is no longer accepted; sign in again. */
  signInAgain(detail: string): void {
    this.forget();
    this.showSignIn(`Please sign in again: ${detail}`);
  }

  /** Keeps a sign-in's or a renewal's tokens and plans the next renewal. */
  private keep(tokens: OidcTokens): void {
    const previous = readJson<StoredSession>(sessionKey);
    const now = Date.now();
    const lifetimeMs = tokens.expiresIn !== undefined ? tokens.expiresIn * 1000 : undefined;
    // A provider that does not rotate refresh tokens answers a renewal without one: keep the old.
    const refreshToken = tokens.refreshToken ?? previous?.refreshToken;
    const idToken = tokens.idToken ?? previous?.idToken;
    const session: StoredSession = {
      ...(refreshToken !== undefined ? { refreshToken } : {}),
      ...(idToken !== undefined ? { idToken } : {}),
      ...(lifetimeMs !== undefined ? { renewAt: now + lifetimeMs * 0.75, expiresAt: now + lifetimeMs } : {}),
      userName: tokens.claims ? nameOf(tokens.claims) : (previous?.userName ?? 'signed in'),
    };
    storeToken(tokens.accessToken);
    sessionStorage.setItem(sessionKey, JSON.stringify(session));
    this.scheduleRenewal(session);
  }

  private scheduleRenewal(session: StoredSession): void {
    if (this.renewal !== undefined) clearTimeout(this.renewal);
    this.renewal = undefined;
    if (session.refreshToken === undefined || session.renewAt === undefined) return;
    this.renewal = setTimeout(() => void this.renew(), Math.max(0, session.renewAt - Date.now()));
  }

  /**
   * Renews the access token with the refresh token; true when it did. A provider that refuses
   * (revoked, session ended) brings the sign-in back; a network failure is retried while the
   * token still lives.
   */
  private async renew(): Promise<boolean> {
    const session = readJson<StoredSession>(sessionKey);
    if (session?.refreshToken === undefined) return true;
    try {
      this.keep(await this.client.refresh(session.refreshToken));
      this.showSignedIn();
      return true;
    } catch (error) {
      const stillValid = session.expiresAt !== undefined && Date.now() + renewalRetryMs < session.expiresAt;
      if (error instanceof TypeError && stillValid) {
        this.renewal = setTimeout(() => void this.renew(), renewalRetryMs);
        return true;
      }
      this.signInAgain(`the session could not be renewed (${describeOidcError(error)})`);
      return false;
    }
  }

  private async signOut(): Promise<void> {
    const idToken = readJson<StoredSession>(sessionKey)?.idToken;
    this.forget();
    sessionStorage.setItem(signedOutKey, 'yes');
    try {
      const url = await this.client.endSessionUrl(idToken);
      if (url) {
        location.assign(url.href);
        return;
      }
    } catch {
      // The provider cannot be reached: the console's own session is gone all the same.
    }
    location.reload();
  }

  private forget(): void {
    if (this.renewal !== undefined) clearTimeout(this.renewal);
    this.renewal = undefined;
    clearToken();
    sessionStorage.removeItem(sessionKey);
  }

  private showSignedIn(): void {
    const session = readJson<StoredSession>(sessionKey);
    const token = currentToken();
    if (session === undefined || token === undefined) return;
    showUser(describeUser(session.userName, token), () => void this.signOut());
  }

  /** The sign-in panel in place of the views: one button to the provider, and why it is shown. */
  private showSignIn(reason?: string): void {
    const panel = document.getElementById('login');
    const view = document.getElementById('view');
    if (!panel) return;
    view?.setAttribute('hidden', '');
    panel.removeAttribute('hidden');
    document.getElementById('user')?.replaceChildren();
    const message = el('p', { class: 'login-error error', role: 'alert' }, reason ?? '');
    const submit = async (event: Event) => {
      event.preventDefault();
      try {
        const { pending, url } = await this.client.startSignIn(location.hash);
        sessionStorage.setItem(pendingKey, JSON.stringify(pending));
        location.assign(url.href);
      } catch (error) {
        message.textContent = `The identity provider cannot be reached: ${describeOidcError(error)}`;
      }
    };
    const provider = new URL(this.settings.issuer).host;
    replaceChildren(
      panel,
      el(
        'form',
        { class: 'card login-form', onsubmit: (event) => void submit(event) },
        el('h1', {}, 'Sign in'),
        el('p', { class: 'muted' }, `Sign in with your account at ${provider}.`),
        el('button', { type: 'submit' }, 'Sign in'),
        message,
      ),
    );
  }
}

/** The name the ID token gives the user, most readable first. */
function nameOf(claims: Readonly<Record<string, unknown>>): string {
  for (const claim of ['name', 'preferred_username', 'email', 'sub']) {
    const value = claims[claim];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'signed in';
}

function readJson<T>(key: string): T | undefined {
  const text = sessionStorage.getItem(key);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
