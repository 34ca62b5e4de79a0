// Compensation in the model (compensation-model.ts): the compensation boundary events, the handlers
// their associations point to, and what each compensation throw or end event compensates. The
// checks are Zeebe's (CompensationEventValidationTest and the compensation handler docs): a handler
// is an activity marked isForCompensation, entered by no sequence flow; an activityRef names an
// activity of the throw event's scope (or, from an event subprocess, of the scope around it) that
// has a compensation boundary event or is a subprocess.
import type { ModdleElement } from 'bpmn-moddle';
import type {
  BoundaryEventNode,
  CompensationHandlerModel,
  CompensationModel,
  CompensationThrowModel,
  FlowNode,
} from './model';
import { booleanProperty, elementList, elementProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** The kinds Zeebe lets be a compensation handler: tasks, embedded subprocesses, call activities. */
const HANDLER_KINDS = new Set<FlowNode['kind']>([
  'task',
  'manualTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'businessRuleTask',
  'userTask',
  'scriptTask',
  'subProcess',
  'callActivity',
]);

function compensateDefinition(element: ModdleElement): ModdleElement | undefined {
  return elementList(element, 'eventDefinitions').find(
    (definition) => definition.$type === 'bpmn:CompensateEventDefinition',
  );
}

/** Whether the element has a bpmn:compensateEventDefinition. */
export function hasCompensationDefinition(element: ModdleElement): boolean {
  return compensateDefinition(element) !== undefined;
}

/** What a compensation throw or end event compensates: its `activityRef`, or its whole scope. */
export function compensationThrow(event: ModdleElement, problems: ProblemCollector): CompensationThrowModel {
  const definition = compensateDefinition(event);
  if (
    definition &&
    (definition['waitForCompletion'] === false || definition['waitForCompletion'] === 'false')
  )
    problems.warning(
      ProblemCode.INVALID_COMPENSATION,
      `compensation event '${event.id ?? ''}' has waitForCompletion="false", which is ignored: it waits for the handlers it invokes, as in Zeebe`,
      event.id,
    );
  const activityRef = definition && elementProperty(definition, 'activityRef')?.id;
  return activityRef === undefined ? {} : { activityRef };
}

interface CompensationParts {
  /** Ids of the activities marked isForCompensation. */
  readonly handlerIds: Set<string>;
  readonly associations: { readonly sourceId?: string; readonly targetId?: string }[];
}

/** Walks the process and its subprocesses for handlers and associations (artifacts, not flow elements). */
function collectParts(container: ModdleElement, parts: CompensationParts): void {
  for (const artifact of elementList(container, 'artifacts')) {
    if (artifact.$type !== 'bpmn:Association') continue;
    const sourceId = elementProperty(artifact, 'sourceRef')?.id;
    const targetId = elementProperty(artifact, 'targetRef')?.id;
    parts.associations.push({ ...(sourceId ? { sourceId } : {}), ...(targetId ? { targetId } : {}) });
  }
  for (const element of elementList(container, 'flowElements')) {
    if (booleanProperty(element, 'isForCompensation') && element.id) parts.handlerIds.add(element.id);
    if (element.$type === 'bpmn:SubProcess') collectParts(element, parts);
  }
}

/** The handler a compensation boundary event's association points to (either direction). */
function handlerOf(
  boundary: BoundaryEventNode,
  parts: CompensationParts,
  problems: ProblemCollector,
): string | undefined {
  const report = (message: string) =>
    problems.problem(
      ProblemCode.INVALID_COMPENSATION,
      `compensation boundary event '${boundary.id}' ${message}`,
      boundary.id,
    );
  if (boundary.outgoing.length > 0)
    report('has outgoing sequence flows; its handler is joined to it by an association');
  const handlers = new Set<string>();
  for (const { sourceId, targetId } of parts.associations) {
    const other = sourceId === boundary.id ? targetId : targetId === boundary.id ? sourceId : undefined;
    if (other !== undefined && parts.handlerIds.has(other)) handlers.add(other);
  }
  if (handlers.size === 1) return [...handlers][0];
  report(
    handlers.size === 0
      ? 'has no compensation handler: join it by an association to an activity marked isForCompensation'
      : `has ${handlers.size} compensation handlers (${[...handlers].join(', ')}); join it to exactly one`,
  );
  return undefined;
}

function checkHandler(
  handlerId: string,
  hostScopeId: string | undefined,
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): void {
  const handler = elements[handlerId];
  // An unsupported element was reported as such already.
  if (!handler) return;
  const report = (message: string) =>
    problems.problem(
      ProblemCode.INVALID_COMPENSATION,
      `compensation handler '${handlerId}' ${message}`,
      handlerId,
    );
  if (handler.incoming.length > 0 || handler.outgoing.length > 0)
    report('has sequence flows; a compensation handler is only entered by compensation');
  if (!HANDLER_KINDS.has(handler.kind) || (handler.kind === 'subProcess' && handler.triggeredByEvent))
    report(`is a ${handler.kind}; a handler is a task, an embedded subprocess or a call activity`);
  if (handler.boundaryEventIds)
    report('has boundary events, which Baton does not run on a compensation handler');
  if (hostScopeId !== undefined && handler.scopeId !== hostScopeId)
    report('is not in the same scope as the activity it compensates');
}

/** The scopes whose activities a throw event in `scopeId` may compensate (an event subprocess reaches out). */
function reachableScopes(scopeId: string, elements: Readonly<Record<string, FlowNode>>): string[] {
  const scope = elements[scopeId];
  return scope?.kind === 'subProcess' && scope.triggeredByEvent ? [scopeId, scope.scopeId] : [scopeId];
}

function checkActivityRef(
  event: FlowNode,
  activityRef: string,
  handlers: Readonly<Record<string, CompensationHandlerModel>>,
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): void {
  const target = elements[activityRef];
  const report = (message: string) =>
    problems.problem(
      ProblemCode.INVALID_COMPENSATION,
      `compensation event '${event.id}' refers to activity '${activityRef}', ${message}`,
      event.id,
    );
  if (!target) return report('which is not a flow node of this process');
  if (!reachableScopes(event.scopeId, elements).includes(target.scopeId))
    return report('which is not in the same scope as the compensation event');
  const subProcess = target.kind === 'subProcess' && !target.triggeredByEvent;
  if (!handlers[activityRef] && !subProcess)
    report('which has no compensation boundary event and is not a subprocess');
}

/**
 * The process's compensation: each compensable activity's boundary event and handler, checked with
 * the handlers and the throw events' activityRefs. Undefined when nothing is compensable.
 */
export function compileCompensation(
  process: ModdleElement,
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): CompensationModel | undefined {
  const parts: CompensationParts = { handlerIds: new Set(), associations: [] };
  collectParts(process, parts);
  const handlers: Record<string, CompensationHandlerModel> = {};
  const hostScopes = new Map<string, string>();
  for (const node of Object.values(elements)) {
    if (node.kind !== 'boundaryEvent' || node.trigger.kind !== 'compensation') continue;
    const handlerId = handlerOf(node, parts, problems);
    if (handlerId === undefined || node.attachedToId === '') continue;
    if (handlers[node.attachedToId]) {
      problems.problem(
        ProblemCode.INVALID_COMPENSATION,
        `activity '${node.attachedToId}' has more than one compensation boundary event; keep one`,
        node.id,
      );
      continue;
    }
    handlers[node.attachedToId] = { boundaryEventId: node.id, handlerId };
    hostScopes.set(handlerId, node.scopeId);
  }
  for (const handlerId of parts.handlerIds)
    checkHandler(handlerId, hostScopes.get(handlerId), elements, problems);
  for (const node of Object.values(elements)) {
    const activityRef =
      (node.kind === 'intermediateThrowEvent' || node.kind === 'endEvent') && 'compensation' in node
        ? node.compensation?.activityRef
        : undefined;
    if (activityRef !== undefined) checkActivityRef(node, activityRef, handlers, elements, problems);
  }
  return Object.keys(handlers).length === 0 ? undefined : { handlers };
}
