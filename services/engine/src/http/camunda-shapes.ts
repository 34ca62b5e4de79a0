// Maps the engine-core records to the Camunda 8 REST API v2 shapes (DESIGN §5): keys stay
// strings, `variables` / `customHeaders` are never null, optional fields are left out when unknown.
import { deployedDecisionEntries } from './decision-shapes';
import { deployedFormEntries } from './form-shapes';
import {
  DEFAULT_TENANT_ID,
  type ActivatedJobResponse,
  type DeploymentResponse,
  type ProcessDefinitionResponse,
  type ProcessInstanceDetail,
  type ProcessInstanceSummary,
  type TopologyResponse,
  type UserTaskResponse,
} from '@baton/contracts';
import { hasOpenIncident, type UserTask } from '@baton/engine-core';
import type {
  ActivatedJob,
  DeployResult,
  ProcessDefinitionRecord,
  StoredInstance,
  Topology,
} from '../engine-service';

const tenantOf = (tenantId: string | undefined): string => (tenantId ? tenantId : DEFAULT_TENANT_ID);

/** Copies only the defined members, so JSON carries no `undefined` / `null` placeholders. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

export function toTopologyResponse(topology: Topology): TopologyResponse {
  return {
    brokers: topology.brokers.map((broker) => ({
      ...broker,
      partitions: broker.partitions.map((p) => ({ ...p })),
    })),
    clusterSize: topology.clusterSize,
    partitionsCount: topology.partitionsCount,
    replicationFactor: topology.replicationFactor,
    gatewayVersion: topology.gatewayVersion,
    lastCompletedChangeId: '-1',
  };
}

export function toDeploymentResponse(result: DeployResult): DeploymentResponse {
  return {
    deploymentKey: result.deploymentKey,
    tenantId: tenantOf(result.tenantId),
    deployments: [
      ...result.processes.map((process) => ({
        processDefinition: {
          processDefinitionId: process.processDefinitionId,
          processDefinitionVersion: process.processDefinitionVersion,
          processDefinitionKey: process.processDefinitionKey,
          resourceName: process.resourceName,
          tenantId: tenantOf(process.tenantId),
        },
      })),
      ...deployedDecisionEntries(result),
      ...deployedFormEntries(result),
    ],
    ...(result.warnings.length > 0 ? { warnings: result.warnings.map((warning) => ({ ...warning })) } : {}),
  };
}

export function toProcessDefinition(record: ProcessDefinitionRecord): ProcessDefinitionResponse {
  return definedOnly({
    processDefinitionKey: record.processDefinitionKey,
    processDefinitionId: record.processDefinitionId,
    name: record.name,
    version: record.processDefinitionVersion,
    resourceName: record.resourceName,
    tenantId: tenantOf(record.tenantId),
    deploymentKey: record.deploymentKey,
    deployedAt: record.deployedAt,
    starterRoles: [...record.model.candidateStarterGroups],
    // Definitions stored before the flag existed are startable.
    startableInTasklist: record.model.startableInTasklist !== false,
  });
}

export function toProcessInstanceSummary(
  instance: StoredInstance,
  processDefinitionName?: string,
): ProcessInstanceSummary {
  return definedOnly({
    processInstanceKey: instance.processInstanceKey,
    processDefinitionId: instance.processDefinitionId,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionVersion: instance.processDefinitionVersion,
    processDefinitionName,
    state: instance.state,
    startDate: instance.startDate,
    endDate: instance.endDate,
    hasIncident: hasOpenIncident(instance),
    tenantId: tenantOf(instance.tenantId),
    parentProcessInstanceKey: instance.parentProcessInstanceKey,
    businessKey: instance.businessKey,
    suspended: instance.suspended === true ? true : undefined,
  });
}

export function toProcessInstanceDetail(
  instance: StoredInstance,
  processDefinitionName?: string,
): ProcessInstanceDetail {
  const activeElementIds = Object.values(instance.elementInstances)
    .filter((element) => element.state === 'ACTIVE' && element.key !== instance.processInstanceKey)
    .map((element) => element.elementId);
  return {
    ...toProcessInstanceSummary(instance, processDefinitionName),
    variables: { ...(instance.variables[instance.processInstanceKey] ?? {}) },
    activeElementIds: [...new Set(activeElementIds)],
    tokens: Object.values(instance.tokens).map((token) => ({
      tokenKey: token.tokenKey,
      parentTokenKey: token.parentTokenKey ?? null,
      elementId: token.elementId,
      state: token.state,
    })),
  };
}

export function toActivatedJob(activated: ActivatedJob): ActivatedJobResponse {
  const { job } = activated;
  return {
    jobKey: job.jobKey,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    processDefinitionId: job.processDefinitionId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: { ...job.customHeaders },
    worker: activated.worker,
    retries: job.retries,
    deadline: activated.deadline,
    variables: { ...activated.variables },
    tenantId: tenantOf(job.tenantId),
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
  };
}

export function toUserTask(task: UserTask): UserTaskResponse {
  return definedOnly({
    userTaskKey: task.userTaskKey,
    name: task.name,
    state: task.state,
    assignee: task.assignee,
    elementId: task.elementId,
    elementInstanceKey: task.elementInstanceKey,
    candidateGroups: [...task.candidateGroups],
    candidateUsers: [...task.candidateUsers],
    processDefinitionId: task.processDefinitionId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersion: task.processDefinitionVersion,
    processInstanceKey: task.processInstanceKey,
    formKey: task.formKey,
    creationDate: task.creationDate,
    completionDate: task.completionDate,
    dueDate: task.dueDate,
    followUpDate: task.followUpDate,
    priority: task.priority,
    customHeaders: {},
    tenantId: tenantOf(task.tenantId),
  });
}
