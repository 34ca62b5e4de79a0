// Typed reads of the process model: an element of a given kind, the boundary events of an
// activity, the event subprocesses of a scope and their start events. The model is deep-frozen
// and shared by every instance, so the scans are done once per model.
import type {
  BoundaryEventNode,
  FlowNodeKind,
  ProcessModel,
  StartEventNode,
  SubProcessNode,
} from '@baton/bpmn';
import type { NodeOfKind } from './element-behaviour';

/** The element `id` when it is of `kind`, else undefined. */
export function elementOfKind<K extends FlowNodeKind>(
  model: ProcessModel,
  id: string | undefined,
  kind: K,
): NodeOfKind<K> | undefined {
  const node = id === undefined ? undefined : model.elements[id];
  return node?.kind === kind ? (node as NodeOfKind<K>) : undefined;
}

/** The boundary events attached to element `hostId`, in document order. */
export function boundaryEventsOf(model: ProcessModel, hostId: string): BoundaryEventNode[] {
  return (model.elements[hostId]?.boundaryEventIds ?? []).flatMap((id) => {
    const event = elementOfKind(model, id, 'boundaryEvent');
    return event ? [event] : [];
  });
}

/** Per model: scope element id → its event subprocesses, in document order. */
const eventSubProcessesByModel = new WeakMap<ProcessModel, ReadonlyMap<string, readonly SubProcessNode[]>>();

/** The event subprocesses directly in scope `scopeId` (the process or a subprocess), in document order. */
export function eventSubProcessesIn(model: ProcessModel, scopeId: string): readonly SubProcessNode[] {
  let byScope = eventSubProcessesByModel.get(model);
  if (!byScope) {
    const found = new Map<string, SubProcessNode[]>();
    for (const node of Object.values(model.elements)) {
      if (node.kind !== 'subProcess' || !node.triggeredByEvent) continue;
      found.set(node.scopeId, [...(found.get(node.scopeId) ?? []), node]);
    }
    byScope = found;
    eventSubProcessesByModel.set(model, byScope);
  }
  return byScope.get(scopeId) ?? [];
}

/** The start event of a subprocess (its first one), if it is one. */
export function startEventOf(model: ProcessModel, subProcess: SubProcessNode): StartEventNode | undefined {
  return elementOfKind(model, subProcess.startEventIds[0], 'startEvent');
}
