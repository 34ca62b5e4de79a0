// Signing in to the console (DESIGN §6): the user pastes a bearer token (`npm start` prints
// development tokens); it is checked against the API, kept in sessionStorage for this tab only,
// and sent on every REST call and the socket handshake. A 401 later (expired token) brings the
// sign-in back with the reason.
import { el, replaceChildren } from './dom';

const storageKey = 'baton.token';

export function currentToken(): string | undefined {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

function storeToken(token: string): void {
  sessionStorage.setItem(storageKey, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(storageKey);
}

/** Who the token says the user is (read for display only; the server verifies it). */
export function describeToken(token: string): string {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: unknown; roles?: unknown };
    const roles = Array.isArray(claims.roles) ? claims.roles.join(', ') : '';
    return `${typeof claims.sub === 'string' ? claims.sub : 'signed in'}${roles ? ` (${roles})` : ''}`;
  } catch {
    return 'signed in';
  }
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

/** Shows who is signed in, with a sign-out button, in the top bar. */
export function showSignedIn(token: string, onSignOut: () => void): void {
  const user = document.getElementById('user');
  if (!user) return;
  replaceChildren(
    user,
    el('span', { class: 'user-name' }, describeToken(token)),
    el('button', { type: 'button', class: 'sign-out', onclick: onSignOut }, 'Sign out'),
  );
}
