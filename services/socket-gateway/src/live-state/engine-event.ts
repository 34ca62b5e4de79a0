// Reads an engine event of `baton.instance.events.v1` as the live state the socket pushes. The
// engine's tokens carry internal fields (scopes, flows) that clients do not get.
import { instanceEventSchema, toInstanceLiveState, type InstanceLiveState } from '@baton/contracts';

/** An engine event: the live state, or (from an engine that does not stamp revisions) only whose it is. */
export type ReadEngineEvent =
  | { readonly kind: 'state'; readonly state: InstanceLiveState }
  | {
      readonly kind: 'without-revision';
      readonly processInstanceKey: string;
      readonly processDefinitionId: string;
    };

/** Undefined when the value is not an instance event at all (reported by the caller). */
export function readEngineEvent(value: unknown): ReadEngineEvent | undefined {
  const parsed = instanceEventSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  if (event.revision === undefined) {
    return {
      kind: 'without-revision',
      processInstanceKey: event.processInstanceKey,
      processDefinitionId: event.processDefinitionId,
    };
  }
  return { kind: 'state', state: toInstanceLiveState(event, event.revision) };
}
