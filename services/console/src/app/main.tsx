// The console's entry point: the sign-in the server asks for, the REST client, the live socket,
// and a view per hash route.
import { ConsoleApi } from './api';
import { clearToken, currentToken, showSignedIn, showSignIn } from './auth';
import { readConsoleConfig } from './console-config';
import type { ConsoleContext } from './context';
import { LiveConnection } from './live-connection';
import { OidcSignIn } from './oidc-sign-in';
import { showOpenMode } from './open-mode';
import { startRouter, type Route, type View } from './router';
import { renderIncidentsView } from './incidents/incidents-view';
import { renderDefinitionHeatmapView } from './views/definition-heatmap-view';
import { renderDefinitionsView } from './views/definitions-view';
import { renderInstanceView } from './views/instance-view';
import { renderInstancesView } from './views/instances-view';
import { renderTasksView } from './views/tasks-view';

function showConnection(status: 'connected' | 'disconnected'): void {
  const badge = document.getElementById('connection');
  if (!badge) return;
  badge.dataset['state'] = status;
  badge.textContent = status === 'connected' ? 'live' : 'offline';
}

let started = false;

/**
 * A 401 after signing in: the token expired or was revoked. Sign in again (a pasted token here;
 * the OpenID sign-in replaces this), then start afresh.
 */
let signInAgain = (detail: string): void => {
  clearToken();
  showSignIn(() => location.reload(), `Please sign in again: ${detail}`);
};

function startConsole(): void {
  if (started) return;
  started = true;
  const onUnauthorized = (detail: string) => signInAgain(detail);
  const context: ConsoleContext = {
    api: new ConsoleApi({ token: currentToken, onUnauthorized }),
    live: new LiveConnection(showConnection, { token: currentToken, onUnauthorized }),
  };
  const view = document.getElementById('view');
  if (view) startRouter(view, (route, container) => render(context, route, container));
}

function render(context: ConsoleContext, route: Route, container: HTMLElement): View {
  switch (route.name) {
    case 'definitions':
      return renderDefinitionsView(container, context);
    case 'definition':
      return renderDefinitionHeatmapView(container, context, route.processDefinitionKey);
    case 'instances':
      return renderInstancesView(container, context);
    case 'instance':
      return renderInstanceView(container, context, route.processInstanceKey);
    case 'tasks':
      return renderTasksView(container, context);
    case 'incidents':
      return renderIncidentsView(container, context);
  }
}

/** A pasted token's console: its subject in the top bar, and signing out forgets it. */
function startWithPastedToken(): void {
  const token = currentToken();
  if (token)
    showSignedIn(token, () => {
      clearToken();
      location.reload();
    });
  startConsole();
}

/** Open mode needs no sign-in; an OpenID provider signs users in; else a pasted token (development). */
async function boot(): Promise<void> {
  const config = await readConsoleConfig();
  if (config.authMode === 'none') {
    showOpenMode();
    startConsole();
  } else if (config.oidc) {
    const oidc = new OidcSignIn(config.oidc, startConsole);
    signInAgain = (detail) => oidc.signInAgain(detail);
    await oidc.start();
  } else if (currentToken()) startWithPastedToken();
  else showSignIn(startWithPastedToken);
}

void boot();
