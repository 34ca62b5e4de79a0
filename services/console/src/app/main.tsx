// The console's entry point: the REST client, the live socket, and a view per hash route.
import { ConsoleApi } from './api';
import type { ConsoleContext } from './context';
import { LiveConnection } from './live-connection';
import { startRouter, type Route, type View } from './router';
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

const context: ConsoleContext = { api: new ConsoleApi(), live: new LiveConnection(showConnection) };

function render(route: Route, container: HTMLElement): View {
  switch (route.name) {
    case 'definitions':
      return renderDefinitionsView(container, context);
    case 'instances':
      return renderInstancesView(container, context);
    case 'instance':
      return renderInstanceView(container, context, route.processInstanceKey);
    case 'tasks':
      return renderTasksView(container, context);
  }
}

const view = document.getElementById('view');
if (view) startRouter(view, render);
