// Signing in to the console with a pasted token (DESIGN §6) — the development fallback when no
// OpenID provider is configured (oidc-sign-in.tsx is the real sign-in): the user pastes a bearer
// token (`npm start` prints development tokens); it is checked against the API. Either way the
// access token is kept in sessionStorage for this tab only, and sent on every REST call and the
// socket handshake. A 401 later (expired token) brings the sign-in back with the reason.
import { el, replaceChildren } from './dom';

const storageKey = 'baton.token';

export function currentToken(): string | undefined {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(storageKey, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(storageKey);
}

/** The claims of a JWT, read for display only (the server verifies it); {} when it is not one. */
function claimsOf(token: string): { sub?: unknown; roles?: unknown } {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
      roles?: unknown;
    };
  } catch {
    return {};
  }
}

/** The `roles` claim of a JWT, for display. */
export function tokenRoles(token: string): string[] {
  const roles = claimsOf(token).roles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
}

/** Who the token says the user is, with the roles it carries. */
export function describeToken(token: string): string {
  const sub = claimsOf(token).sub;
  return describeUser(typeof sub === 'string' ? sub : 'signed in', token);
}

/** A name with the roles of the access token, e.g. `Ada Lovelace (baton-operator)`. */
export function describeUser(name: string, token: string): string {
  const roles = tokenRoles(token).join(', ');
  return `${name}${roles ? ` (${roles})` : ''}`;
}

/** The problem document's detail of a failed answer. */
async function detailOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return (JSON.parse(text) as { detail?: string }).detail ?? text;
  } catch {
    return text || `${response.status} ${response.statusText}`;
  }
}

/**
 * Shows the sign-in form in place of the views; `onSignedIn` runs once a token the API accepts
 * was stored. `reason` says why (e.g. the token expired).
 */
export function showSignIn(onSignedIn: () => void, reason?: string): void {
  const panel = document.getElementById('login');
  const view = document.getElementById('view');
  if (!panel) return;
  view?.setAttribute('hidden', '');
  panel.removeAttribute('hidden');
  const message = el('p', { class: 'login-error error', role: 'alert' }, reason ?? '');
  const input = el('textarea', {
    name: 'token',
    rows: 4,
    'aria-label': 'Bearer token',
    placeholder: 'eyJhbGciOi…',
    required: true,
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    const token = input.value.trim().replace(/^Bearer\s+/i, '');
    if (token === '') return;
    const response = await fetch('/v2/topology', { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401) {
      message.textContent = `This token is not accepted: ${await detailOf(response)}`;
      return;
    }
    if (!response.ok) {
      message.textContent = `The API answered ${response.status}: ${await detailOf(response)}`;
      return;
    }
    storeToken(token);
    panel.setAttribute('hidden', '');
    view?.removeAttribute('hidden');
    onSignedIn();
  };
  replaceChildren(
    panel,
    el(
      'form',
      { class: 'card login-form', onsubmit: (event) => void submit(event) },
      el('h1', {}, 'Sign in'),
      el(
        'p',
        { class: 'muted' },
        'Paste a bearer token (JWT) issued for Baton. `npm start` prints development tokens for an operator, a worker and a starter.',
      ),
      input,
      el('button', { type: 'submit' }, 'Sign in'),
      message,
    ),
  );
  input.focus();
}

/** Shows who is signed in (a pasted token's subject and roles), with a sign-out button. */
export function showSignedIn(token: string, onSignOut: () => void): void {
  showUser(describeToken(token), onSignOut);
}

/** Shows `label` (who is signed in) and a sign-out button in the top bar. */
export function showUser(label: string, onSignOut: () => void): void {
  const user = document.getElementById('user');
  if (!user) return;
  replaceChildren(
    user,
    el('span', { class: 'user-name' }, label),
    el('button', { type: 'button', class: 'sign-out', onclick: onSignOut }, 'Sign out'),
  );
}
