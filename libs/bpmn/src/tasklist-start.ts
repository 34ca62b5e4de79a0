// Camunda 7's `camunda:isStartableInTasklist` on a process: whether people may start it from a
// task list. Baton's console honours it in its start list; the REST API still starts it.
import type { ModdleElement } from 'bpmn-moddle';

/** True unless the process sets `camunda:isStartableInTasklist="false"`. */
export function isStartableInTasklist(process: ModdleElement): boolean {
  const value: unknown = process.get('camunda:isStartableInTasklist');
  return !(value === false || value === 'false');
}
