// Whether the server runs open (AUTH_MODE=none): the gateway that serves the console says so at
// `/console-config.json`, from the authenticator its socket handshakes use. Asked rather than
// probed with an unauthenticated API call, whose 401 would be logged as an error in every
// browser's console whenever authentication is on. Should the engine's REST API still refuse
// (a separate engine set up differently), its 401 brings the sign-in back (ConsoleApi's onUnauthorized).
import { el, replaceChildren } from './dom';

/** True when the gateway says AUTH_MODE=none; false when it says otherwise or cannot be asked. */
export async function serverIsOpen(): Promise<boolean> {
  try {
    const response = await fetch('/console-config.json');
    if (!response.ok) return false;
    return ((await response.json()) as { authMode?: unknown }).authMode === 'none';
  } catch {
    return false;
  }
}

/** Says in the top bar that nobody signs in, and why. */
export function showOpenMode(): void {
  const user = document.getElementById('user');
  if (!user) return;
  replaceChildren(user, el('span', { class: 'user-name open-mode' }, 'open — no sign-in (AUTH_MODE=none)'));
}
