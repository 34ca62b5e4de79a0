// The console's entry point: the REST client, the live socket, and a view per hash route.
import { ConsoleApi } from './api';
import { clearToken, currentToken, showSignedIn, showSignIn } from './auth';
import type { ConsoleContext } from './context';
import { LiveConnection } from './live-connection';
import { serverIsOpen, showOpenMode } from './open-mode';
import { startRouter, type Route, type View } from './router';
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

/** A 401 after signing in: the token expired or was revoked. Sign in again, then start afresh. */
function signInAgain(detail: string): void {
  clearToken();
  showSignIn(() => location.reload(), `Please sign in again: ${detail}`);
}

function startConsole(): void {
  if (started) return;
  started = true;
  const token = currentToken();
  if (token)
    showSignedIn(token, () => {
      clearToken();
      location.reload();
    });
  const context: ConsoleContext = {
    api: new ConsoleApi({ token: currentToken, onUnauthorized: signInAgain }),
    live: new LiveConnection(showConnection, { token: currentToken, onUnauthorized: signInAgain }),
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
  }
}

/** With a token kept from earlier, start; else open mode needs no sign-in, and otherwise sign in. */
async function boot(): Promise<void> {
  if (currentToken()) startConsole();
  else if (await serverIsOpen()) {
    showOpenMode();
    startConsole();
  } else showSignIn(startConsole);
}

void boot();
