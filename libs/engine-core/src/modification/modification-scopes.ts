// Model reads a modification needs: the flow scopes of an element, from the process down to its
// own (embedded subprocesses, and the process id at the top), and whether an element id is one of them.
import type { ProcessModel } from '@baton/bpmn';

/** The element ids of the flow scopes of `elementId`, outermost first: the process id, then subprocesses. */
export function flowScopeIdsOf(model: ProcessModel, elementId: string): string[] {
  const scopes: string[] = [];
  let scopeId = model.elements[elementId]?.scopeId;
  while (scopeId !== undefined) {
    scopes.unshift(scopeId);
    if (scopeId === model.processDefinitionId) break;
    scopeId = model.elements[scopeId]?.scopeId;
  }
  return scopes;
}

/** True when `scopeId` is the process or a subprocess that (directly or not) holds `elementId`. */
export function isFlowScopeOf(model: ProcessModel, scopeId: string, elementId: string): boolean {
  return flowScopeIdsOf(model, elementId).includes(scopeId);
}
