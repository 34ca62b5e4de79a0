// The element behaviours, keyed by element kind (Zeebe's BpmnElementProcessors): the one place
// that maps a kind to its module. The table's type lists every FlowNodeKind of @baton/bpmn, so a
// kind added to the model without a behaviour here does not compile.
//
// Adding a kind: its node type in libs/bpmn (model.ts, node-kinds.ts), a module here in
// elements/ that implements ElementBehaviour, and its line in the table below.
import type { FlowNode } from '@baton/bpmn';
import type { ElementHooks } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { isMultiInstanceBody } from '../multi-instance/multi-instance-body';
import { boundaryEvent } from './boundary-event';
import { businessRuleTask } from './business-rule-task';
import { callActivity } from './call-activity';
import type { ElementBehaviour, ElementBehaviours } from './element-behaviour';
import { endEvent } from './end-event';
import { eventBasedGateway } from './event-based-gateway';
import { exclusiveGateway } from './exclusive-gateway';
import { inclusiveGateway } from './inclusive-gateway';
import { intermediateCatchEvent } from './intermediate-catch-event';
import { intermediateThrowEvent } from './intermediate-throw-event';
import { jobWorkerTask } from './job-worker-task';
import { parallelGateway } from './parallel-gateway';
import { passThroughTask } from './pass-through-task';
import { receiveTask } from './receive-task';
import { scriptTask } from './script-task';
import { startEvent } from './start-event';
import { subProcess } from './sub-process';
import { userTask } from './user-task';

const ELEMENT_BEHAVIOURS: ElementBehaviours = {
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  task: passThroughTask,
  manualTask: passThroughTask,
  serviceTask: jobWorkerTask,
  sendTask: jobWorkerTask,
  businessRuleTask,
  scriptTask,
  userTask,
  receiveTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  subProcess,
  callActivity,
};

/** The behaviour of the node's kind. */
export function behaviourOf(node: FlowNode): ElementBehaviour {
  // Each entry takes the nodes of its own kind, which is what `node.kind` selects.
  return ELEMENT_BEHAVIOURS[node.kind] as ElementBehaviour;
}

/** True for elements that wait for a command from outside (a worker, a user or a message). */
export function isWaitState(node: FlowNode): boolean {
  return behaviourOf(node).waitsForCommand?.(node) ?? false;
}

/** Camunda 7's activity type name (ActivityTypes) of a BPMN element. */
export function activityTypeOf(node: FlowNode): string {
  return behaviourOf(node).activityType?.(node) ?? node.kind;
}

/** The hooks the draft carries for modules below this registry (instance/draft.ts says why). */
export const elementHooks: ElementHooks = {
  terminate(draft, instance: ElementInstance) {
    // A multi-instance body holds nothing of its kind's: its inner instances do.
    if (isMultiInstanceBody(instance)) return;
    const node = draft.ctx.definition.model.elements[instance.elementId];
    if (node) behaviourOf(node).terminate?.(draft, instance);
  },
};
