// Compiles one executable bpmn:Process into a ProcessModel: flattens nested subprocesses into
// one element table with scope ids, wires flows in document order, and checks the structural
// rules (start events, flow ends in the same scope, gateway conditions and default flows).
import { isStartableInTasklist } from './tasklist-start';
import type { ModdleElement } from 'bpmn-moddle';
import { batonMandatoryVariables } from './baton-attributes';
import { flowCondition } from './conditions';
import type { DialectReader } from './dialect';
import type { FlowNode, ProcessModel, SequenceFlowModel } from './model';
import { booleanProperty, elementList, elementProperty, stringProperty } from './moddle-access';
import { linkBoundaryEvents } from './boundary-events';
import { compileCompensation } from './compensation-events';
import { checkMessageStartEvents } from './message-start-events';
import { checkSignalStartEvents } from './signal-events';
import { checkEscalationBoundaryEvents } from './escalation-events';
import { checkEventBasedGateways } from './event-based-gateways';
import { checkEventSubProcesses } from './event-subprocesses';
import { resolveLinks } from './link-events';
import { buildFlowNode } from './node-builder';
import { checkStartConditions } from './start-conditions';
import { processStarterRoles } from './starter-roles';
import type { Classification } from './node-kinds';
import { classifyFlowElement } from './node-kinds';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

interface ScopedNode {
  readonly element: ModdleElement;
  readonly scopeId: string;
  readonly classification: Classification;
}

interface ScopedFlow {
  readonly element: ModdleElement;
  readonly scopeId: string;
}

interface Inventory {
  readonly nodes: ScopedNode[];
  readonly flows: ScopedFlow[];
}

/** Ids of flows whose broken source or target moddle already reported (unresolved references). */
export interface ReportedFlowEnds {
  readonly sources: ReadonlySet<string>;
  readonly targets: ReadonlySet<string>;
}

function collect(
  container: ModdleElement,
  scopeId: string,
  inventory: Inventory,
  problems: ProblemCollector,
): void {
  for (const element of elementList(container, 'flowElements')) {
    if (element.$type === 'bpmn:SequenceFlow') {
      inventory.flows.push({ element, scopeId });
      continue;
    }
    const classification = classifyFlowElement(element);
    if (classification.supported === 'ignored') continue;
    inventory.nodes.push({ element, scopeId, classification });
    if (classification.supported === false) {
      problems.problem(
        ProblemCode.UNSUPPORTED_ELEMENT,
        `'${element.id ?? '?'}': ${classification.reason}`,
        element.id,
      );
    } else if (classification.kind === 'subProcess') {
      collect(element, element.id ?? '', inventory, problems);
    }
  }
}

/** Checks one end of a flow: it must be a flow node of the flow's own scope. */
function checkFlowEnd(
  flow: ScopedFlow,
  end: 'sourceRef' | 'targetRef',
  nodesById: ReadonlyMap<string, ScopedNode>,
  alreadyReported: ReadonlySet<string>,
  problems: ProblemCollector,
): string | undefined {
  const flowId = flow.element.id ?? '';
  const code = end === 'sourceRef' ? ProblemCode.UNKNOWN_FLOW_SOURCE : ProblemCode.UNKNOWN_FLOW_TARGET;
  const word = end === 'sourceRef' ? 'source' : 'target';
  const referenced = elementProperty(flow.element, end);
  if (!referenced) {
    if (!alreadyReported.has(flowId))
      problems.problem(code, `sequence flow '${flowId}' has no ${word}`, flowId);
    return undefined;
  }
  const node = referenced.id === undefined ? undefined : nodesById.get(referenced.id);
  if (!node) {
    problems.problem(
      code,
      `sequence flow '${flowId}' has ${word} '${referenced.id ?? '?'}', which is not a flow node of this process`,
      flowId,
    );
    return undefined;
  }
  if (node.scopeId !== flow.scopeId) {
    problems.problem(
      code,
      `sequence flow '${flowId}' crosses a subprocess boundary to '${referenced.id ?? '?'}'`,
      flowId,
    );
    return undefined;
  }
  return referenced.id;
}

function isStart(node: ScopedNode): boolean {
  return node.classification.supported === true && node.classification.kind === 'startEvent';
}

function isNoneStart(node: ScopedNode): boolean {
  return isStart(node) && elementList(node.element, 'eventDefinitions').length === 0;
}

/** A start event with a trigger (error): only in event subprocesses, where it is the one start. */
function isTriggeredStart(node: ScopedNode): boolean {
  return isStart(node) && !isNoneStart(node);
}

/** The elements whose outgoing flows may carry conditions: gateways, and activities (flow/outgoing-flows.ts in the core). */
const ACTIVITY_TYPES = new Set([
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:BusinessRuleTask',
  'bpmn:UserTask',
  'bpmn:ScriptTask',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
]);
const CONDITIONAL_SOURCES = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', ...ACTIVITY_TYPES]);

function compileFlows(
  inventory: Inventory,
  nodesById: ReadonlyMap<string, ScopedNode>,
  reported: ReportedFlowEnds,
  problems: ProblemCollector,
) {
  const flows: Record<string, SequenceFlowModel> = {};
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of inventory.flows) {
    const flowId = flow.element.id ?? '';
    const sourceId = checkFlowEnd(flow, 'sourceRef', nodesById, reported.sources, problems);
    const targetId = checkFlowEnd(flow, 'targetRef', nodesById, reported.targets, problems);
    const condition = flowCondition(flow.element, problems);
    if (sourceId === undefined || targetId === undefined) continue;
    const sourceType = nodesById.get(sourceId)?.element.$type;
    if (condition !== undefined && !CONDITIONAL_SOURCES.has(sourceType ?? '')) {
      problems.problem(
        ProblemCode.UNSUPPORTED_ELEMENT,
        `conditional sequence flow '${flowId}' from ${sourceType ?? '?'} '${sourceId}' is not supported; conditions belong on the flows of exclusive and inclusive gateways and activities`,
        flowId,
      );
    }
    const name = stringProperty(flow.element, 'name');
    flows[flowId] = {
      id: flowId,
      ...(name === undefined ? {} : { name }),
      sourceId,
      targetId,
      ...(condition === undefined ? {} : { condition }),
    };
    outgoing.set(sourceId, [...(outgoing.get(sourceId) ?? []), flowId]);
    incoming.set(targetId, [...(incoming.get(targetId) ?? []), flowId]);
  }
  return { flows, incoming, outgoing };
}

function gatewayDefaultFlow(
  gateway: ModdleElement,
  outgoing: readonly string[],
  problems: ProblemCollector,
): string | undefined {
  const defaultFlow = elementProperty(gateway, 'default');
  const gatewayId = gateway.id ?? '';
  if (!defaultFlow?.id) return undefined;
  if (!outgoing.includes(defaultFlow.id)) {
    problems.problem(
      ProblemCode.INVALID_DEFAULT_FLOW,
      `default flow '${defaultFlow.id}' of gateway '${gatewayId}' is not one of its outgoing flows`,
      gatewayId,
    );
    return undefined;
  }
  return defaultFlow.id;
}

function checkGatewayConditions(
  gatewayId: string,
  outgoing: readonly string[],
  defaultFlowId: string | undefined,
  flows: Readonly<Record<string, SequenceFlowModel>>,
  flowsWithConditionText: ReadonlySet<string>,
  problems: ProblemCollector,
): void {
  if (outgoing.length <= 1) return;
  for (const flowId of outgoing) {
    // A flow whose condition was unusable has had its own problem reported already.
    if (
      flowId === defaultFlowId ||
      flows[flowId]?.condition !== undefined ||
      flowsWithConditionText.has(flowId)
    )
      continue;
    problems.problem(
      ProblemCode.MISSING_CONDITION,
      `sequence flow '${flowId}' leaves exclusive gateway '${gatewayId}' without a condition and is not its default flow`,
      flowId,
    );
  }
}

/** Compiles one executable process; problems go to the collector, the model is returned regardless. */
export function compileProcess(
  process: ModdleElement,
  dialect: DialectReader,
  reported: ReportedFlowEnds,
  problems: ProblemCollector,
): ProcessModel {
  const processId = process.id ?? '';
  const inventory: Inventory = { nodes: [], flows: [] };
  collect(process, processId, inventory, problems);
  const nodesById = new Map(
    inventory.nodes.flatMap((node) => (node.element.id ? [[node.element.id, node] as const] : [])),
  );
  const { flows, incoming, outgoing } = compileFlows(inventory, nodesById, reported, problems);
  const flowsWithConditionText = new Set(
    inventory.flows
      .filter((flow) => elementProperty(flow.element, 'conditionExpression'))
      .map((flow) => flow.element.id ?? ''),
  );

  const startIdsByScope = new Map<string, string[]>();
  const triggeredStartIdsByScope = new Map<string, string[]>();
  for (const node of inventory.nodes) {
    const byScope = isNoneStart(node)
      ? startIdsByScope
      : isTriggeredStart(node)
        ? triggeredStartIdsByScope
        : undefined;
    if (byScope && node.element.id) {
      byScope.set(node.scopeId, [...(byScope.get(node.scopeId) ?? []), node.element.id]);
    }
  }

  const elements: Record<string, FlowNode> = {};
  for (const node of inventory.nodes) {
    const { element, classification } = node;
    if (classification.supported !== true || !element.id) continue;
    const nodeOutgoing = outgoing.get(element.id) ?? [];
    const defaultFlowId =
      classification.kind === 'exclusiveGateway' ||
      classification.kind === 'inclusiveGateway' ||
      (ACTIVITY_TYPES.has(element.$type) && !booleanProperty(element, 'triggeredByEvent'))
        ? gatewayDefaultFlow(element, nodeOutgoing, problems)
        : undefined;
    if (classification.kind === 'exclusiveGateway')
      checkGatewayConditions(
        element.id,
        nodeOutgoing,
        defaultFlowId,
        flows,
        flowsWithConditionText,
        problems,
      );
    const eventSubProcess =
      classification.kind === 'subProcess' && booleanProperty(element, 'triggeredByEvent');
    const startEventIds = eventSubProcess
      ? [...(triggeredStartIdsByScope.get(element.id) ?? []), ...(startIdsByScope.get(element.id) ?? [])]
      : (startIdsByScope.get(element.id) ?? []);
    if (eventSubProcess && (startEventIds.length !== 1 || !triggeredStartIdsByScope.has(element.id))) {
      problems.problem(
        ProblemCode.INVALID_SUBPROCESS_START,
        `event subprocess '${element.id}' must have exactly one start event with a trigger (error, escalation, message, signal, timer), found ${startEventIds.length} start events`,
        element.id,
      );
    } else if (classification.kind === 'subProcess' && !eventSubProcess && startEventIds.length !== 1) {
      problems.problem(
        ProblemCode.INVALID_SUBPROCESS_START,
        `embedded subprocess '${element.id}' must have exactly one none start event, found ${startEventIds.length}`,
        element.id,
      );
    }
    elements[element.id] = buildFlowNode(
      {
        element,
        kind: classification.kind,
        terminate: classification.terminate ?? false,
        scopeId: node.scopeId,
        incoming: incoming.get(element.id) ?? [],
        outgoing: nodeOutgoing,
        startEventIds,
        ...(defaultFlowId === undefined ? {} : { defaultFlowId }),
      },
      dialect,
      problems,
    );
  }

  checkEventSubProcesses(elements, problems);
  checkEventBasedGateways(elements, flows, problems);
  checkEscalationBoundaryEvents(elements, problems);
  checkMessageStartEvents(elements, processId, problems);
  checkSignalStartEvents(elements, processId, problems);
  const startEventIds = startIdsByScope.get(processId) ?? [];
  // Timer, message and signal start events are the process's only triggered starts (node-kinds.ts refuses the others).
  if (startEventIds.length === 0 && !triggeredStartIdsByScope.has(processId)) {
    problems.problem(
      ProblemCode.NO_START_EVENT,
      `process '${processId}' has no none start event, no timer start event, no message start event and no signal start event`,
      processId,
    );
  }
  checkStartConditions(processId, startEventIds, elements, problems);
  const name = stringProperty(process, 'name');
  const linked = linkBoundaryEvents(resolveLinks(elements, problems), problems);
  const compensation = compileCompensation(process, linked, problems);
  return {
    processDefinitionId: processId,
    ...(name === undefined ? {} : { name }),
    startEventIds,
    elements: linked,
    flows,
    candidateStarterGroups: processStarterRoles(process, dialect),
    mandatoryVariables: batonMandatoryVariables(process),
    startableInTasklist: isStartableInTasklist(process),
    ...(compensation === undefined ? {} : { compensation }),
  };
}
