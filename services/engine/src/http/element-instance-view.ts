// Element instances read from a stored instance (GET/search /v2/element-instances): the engine
// keeps its active element instances and the process instance's own; an ended one leaves the
// state (as in Zeebe's runtime state) and is known afterwards only through the job or user task
// it held — service, send, business rule and user tasks keep their key, state and dates; other
// ended elements (events, gateways, subprocesses, script tasks) are not kept.
import { DEFAULT_TENANT_ID, type ElementInstanceResponse, type ElementInstanceType } from '@baton/contracts';
import type { FlowNode, ProcessModel } from '@baton/bpmn';
import type { ElementInstance, InstanceState, Job, UserTask } from '@baton/engine-core';

const typeByKind: Readonly<Record<string, ElementInstanceType>> = {
  process: 'PROCESS',
  multiInstanceBody: 'MULTI_INSTANCE_BODY',
  startEvent: 'START_EVENT',
  endEvent: 'END_EVENT',
  intermediateCatchEvent: 'INTERMEDIATE_CATCH_EVENT',
  intermediateThrowEvent: 'INTERMEDIATE_THROW_EVENT',
  boundaryEvent: 'BOUNDARY_EVENT',
  receiveTask: 'RECEIVE_TASK',
  task: 'TASK',
  manualTask: 'MANUAL_TASK',
  serviceTask: 'SERVICE_TASK',
  sendTask: 'SEND_TASK',
  businessRuleTask: 'BUSINESS_RULE_TASK',
  userTask: 'USER_TASK',
  scriptTask: 'SCRIPT_TASK',
  exclusiveGateway: 'EXCLUSIVE_GATEWAY',
  parallelGateway: 'PARALLEL_GATEWAY',
  inclusiveGateway: 'INCLUSIVE_GATEWAY',
  eventBasedGateway: 'EVENT_BASED_GATEWAY',
  subProcess: 'SUB_PROCESS',
  callActivity: 'CALL_ACTIVITY',
};

/** Camunda's type of an element instance: its kind, an event subprocess told apart from an embedded one. */
export function elementInstanceType(elementType: string, node: FlowNode | undefined): ElementInstanceType {
  if (elementType === 'subProcess' && node?.kind === 'subProcess' && node.triggeredByEvent === true)
    return 'EVENT_SUB_PROCESS';
  return typeByKind[elementType] ?? 'UNKNOWN';
}

interface Draft {
  readonly key: string;
  readonly flowScopeKey?: string;
  readonly elementId: string;
  readonly elementType: string;
  readonly state: ElementInstanceResponse['state'];
  readonly startDate: string;
  readonly endDate?: string;
}

/** An element instance as answered, with the scope it ran in when that is known (for filters). */
export interface ElementInstanceView {
  readonly item: ElementInstanceResponse;
  /** The enclosing element instance (or the process instance); unknown for an ended task in a subprocess. */
  readonly flowScopeKey?: string;
}

/** Every element instance the stored instance knows: active ones, the process's own, ended tasks. */
export function elementInstancesOf(instance: InstanceState, model: ProcessModel): ElementInstanceView[] {
  const incidents = activeIncidentsByElementInstance(instance);
  const drafts: Draft[] = Object.values(instance.elementInstances).map((element: ElementInstance) => ({
    key: element.key,
    ...(element.flowScopeKey !== undefined ? { flowScopeKey: element.flowScopeKey } : {}),
    elementId: element.elementId,
    elementType: element.elementType,
    state: element.state,
    startDate: element.startDate,
    ...(element.endDate !== undefined ? { endDate: element.endDate } : {}),
  }));
  const known = new Set(drafts.map((draft) => draft.key));
  for (const task of Object.values(instance.userTasks)) {
    if (known.has(task.elementInstanceKey) || task.state === 'CREATED') continue;
    known.add(task.elementInstanceKey);
    drafts.push(endedUserTask(task, instance, model));
  }
  for (const job of Object.values(instance.jobs)) {
    if (known.has(job.elementInstanceKey) || job.asyncContinuation !== undefined) continue;
    known.add(job.elementInstanceKey);
    drafts.push(endedJobElement(job, model, instance));
  }
  return drafts.map((draft) => {
    const node = model.elements[draft.elementId];
    const incidentKey = incidents.get(draft.key);
    const item: ElementInstanceResponse = {
      elementInstanceKey: draft.key,
      processInstanceKey: instance.processInstanceKey,
      processDefinitionKey: instance.processDefinitionKey,
      processDefinitionId: instance.processDefinitionId,
      elementId: draft.elementId,
      elementName:
        draft.elementType === 'process' ? (model.name ?? draft.elementId) : (node?.name ?? draft.elementId),
      type: elementInstanceType(draft.elementType, node),
      state: draft.state,
      hasIncident: incidentKey !== undefined,
      ...(incidentKey !== undefined ? { incidentKey } : {}),
      startDate: draft.startDate,
      ...(draft.endDate !== undefined ? { endDate: draft.endDate } : {}),
      tenantId: instance.tenantId || DEFAULT_TENANT_ID,
    };
    return draft.flowScopeKey === undefined ? { item } : { item, flowScopeKey: draft.flowScopeKey };
  });
}

/**
 * The scope an ended task ran in, when the model tells: directly in the process (and not as an
 * inner instance of a multi-instance body), the process instance; else unknown, as the subprocess
 * instance it ran in is not kept either.
 */
function endedScope(
  elementId: string,
  model: ProcessModel,
  instance: InstanceState,
): { flowScopeKey?: string } {
  const node = model.elements[elementId];
  return node !== undefined && node.scopeId === model.processDefinitionId && !node.multiInstance
    ? { flowScopeKey: instance.processInstanceKey }
    : {};
}

function activeIncidentsByElementInstance(instance: InstanceState): Map<string, string> {
  const byElement = new Map<string, string>();
  for (const incident of Object.values(instance.incidents))
    if (incident.state === 'ACTIVE') byElement.set(incident.elementInstanceKey, incident.incidentKey);
  return byElement;
}

function endedUserTask(task: UserTask, instance: InstanceState, model: ProcessModel): Draft {
  return {
    key: task.elementInstanceKey,
    ...endedScope(task.elementId, model, instance),
    elementId: task.elementId,
    elementType: 'userTask',
    state: task.state === 'COMPLETED' ? 'COMPLETED' : 'TERMINATED',
    startDate: task.creationDate,
    endDate: task.completionDate ?? instance.endDate ?? task.creationDate,
  };
}

/**
 * An ended element known by its last job. A job keeps no dates, so the element's own are not
 * known: the answer gives the bounds the instance has (its start, and its end once it ended).
 */
function endedJobElement(job: Job, model: ProcessModel, instance: InstanceState): Draft {
  const node = model.elements[job.elementId];
  return {
    key: job.elementInstanceKey,
    ...endedScope(job.elementId, model, instance),
    elementId: job.elementId,
    elementType: node?.kind ?? 'serviceTask',
    // A thrown BPMN error ends the task through the boundary or scope that catches it: terminated.
    state: job.state === 'COMPLETED' ? 'COMPLETED' : 'TERMINATED',
    startDate: instance.startDate,
    ...(instance.endDate !== undefined ? { endDate: instance.endDate } : {}),
  };
}
