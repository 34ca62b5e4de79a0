// The console of a server that runs open (AUTH_MODE=none, as `/console-config.json` says): nobody
// signs in, and the top bar says so. Should the engine's REST API still refuse (a separate engine
// set up differently), its 401 brings the sign-in back (ConsoleApi's onUnauthorized).
import { el, replaceChildren } from './dom';

/** Says in the top bar that nobody signs in, and why. */
export function showOpenMode(): void {
  const user = document.getElementById('user');
  if (!user) return;
  replaceChildren(user, el('span', { class: 'user-name open-mode' }, 'open — no sign-in (AUTH_MODE=none)'));
}
