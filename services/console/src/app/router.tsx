// Hash routes (`#/instances/123`): moving between views never reloads the page, so the socket
// and its subscriptions stay up.

/** A rendered view; `dispose` stops its subscriptions. */
export interface View {
  dispose(): void;
}

export type Route =
  | { readonly name: 'definitions' }
  | { readonly name: 'definition'; readonly processDefinitionKey: string }
  | { readonly name: 'instances' }
  | { readonly name: 'instance'; readonly processInstanceKey: string }
  | { readonly name: 'tasks' }
  | { readonly name: 'incidents' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'instances' && parts[1] !== undefined && /^\d+$/.test(parts[1]))
    return { name: 'instance', processInstanceKey: parts[1] };
  if (parts[0] === 'instances') return { name: 'instances' };
  if (parts[0] === 'definitions' && parts[1] !== undefined && /^\d+$/.test(parts[1]))
    return { name: 'definition', processDefinitionKey: parts[1] };
  if (parts[0] === 'tasks') return { name: 'tasks' };
  if (parts[0] === 'incidents') return { name: 'incidents' };
  return { name: 'definitions' };
}

/** A definition's diagram with its element counts (the heatmap). */
export function definitionHref(processDefinitionKey: string): string {
  return `#/definitions/${processDefinitionKey}`;
}

export function instanceHref(processInstanceKey: string): string {
  return `#/instances/${processInstanceKey}`;
}

/** Renders the view of the current hash, disposing of the previous one. */
export function startRouter(
  container: HTMLElement,
  render: (route: Route, container: HTMLElement) => View,
): void {
  let current: View | undefined;
  const show = () => {
    current?.dispose();
    container.replaceChildren();
    const route = parseRoute(location.hash);
    for (const link of document.querySelectorAll<HTMLElement>('[data-nav]')) {
      link.classList.toggle('current', link.dataset['nav'] === navOf(route));
    }
    current = render(route, container);
  };
  window.addEventListener('hashchange', show);
  show();
}

/** The top-bar entry a route belongs to. */
function navOf(route: Route): string {
  if (route.name === 'instance') return 'instances';
  if (route.name === 'definition') return 'definitions';
  return route.name;
}
