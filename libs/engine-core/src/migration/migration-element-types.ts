// What "the same type" means to a process instance migration, and which element types it moves.
// Zeebe compares BPMN element types (ProcessInstanceMigrationPreconditions.requireSameElementType)
// and, for catch events, the event type; Baton's model splits a few kinds by implementation (a
// script or decision run by the engine, or a job for a worker), and an element instance waiting
// on a job cannot become one that runs without it, so the implementation is part of the type.
import type { FlowNode } from '@baton/bpmn';

/**
 * Element kinds whose active instances can be migrated: wait states (jobs, user tasks, message,
 * timer and signal catches, called instances), scopes, and gateways an instance can wait at (an
 * exclusive gateway with an incident, an event-based gateway): Zeebe 8.8's supported list.
 */
const MIGRATABLE_KINDS: ReadonlySet<string> = new Set([
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'scriptTask',
  'userTask',
  'receiveTask',
  'intermediateCatchEvent',
  'subProcess',
  'callActivity',
  'exclusiveGateway',
  'eventBasedGateway',
]);

/** A readable type of the element, compared source against target: equal types may be mapped. */
export function migrationTypeOf(node: FlowNode): string {
  return `${loopMarkerOf(node)}${kindWithImplementation(node)}`;
}

export function isMigratableKind(node: FlowNode): boolean {
  return MIGRATABLE_KINDS.has(node.kind) && !(node.kind === 'intermediateCatchEvent' && 'link' in node);
}

function kindWithImplementation(node: FlowNode): string {
  switch (node.kind) {
    case 'intermediateCatchEvent':
      return `${node.kind} (${'message' in node ? 'message' : 'timer' in node ? 'timer' : 'signal' in node ? 'signal' : 'link'})`;
    case 'subProcess':
      return node.triggeredByEvent ? 'eventSubProcess' : node.kind;
    case 'scriptTask':
      return `${node.kind} (${node.job ? 'job worker' : 'FEEL script'})`;
    case 'businessRuleTask':
      return `${node.kind} (${'job' in node ? 'job worker' : 'called decision'})`;
    default:
      return node.kind;
  }
}

/** Zeebe: a parallel multi-instance body cannot become a sequential one, nor the reverse. */
function loopMarkerOf(node: FlowNode): string {
  if (!node.multiInstance) return '';
  return node.multiInstance.sequential ? 'sequential multi-instance ' : 'parallel multi-instance ';
}
