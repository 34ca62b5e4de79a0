// Short messages at the bottom of the screen: what an action did, or why it failed.
import { el } from './dom';

export function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  const container = document.getElementById('toasts');
  if (!container) return;
  const item = el('div', { class: `toast toast-${kind}` }, message);
  container.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
