// Every REST request and response body (DESIGN §5) and the name each has in the OpenAPI document.
import type { z } from 'zod';
import { currentUserSchema } from './authentication';
import {
  batchOperationCreatedSchema,
  batchOperationItemSearchRequestSchema,
  batchOperationItemSearchResponseSchema,
  batchOperationSchema,
  batchOperationSearchRequestSchema,
  batchOperationSearchResponseSchema,
  processInstanceCancellationBatchRequestSchema,
  processInstanceIncidentResolutionBatchRequestSchema,
  processInstanceMigrationBatchRequestSchema,
  processInstanceModificationBatchRequestSchema,
} from './batch-operations';
import { pinClockRequestSchema } from './clock';
import { problemSchema } from './common';
import { evaluateDecisionRequestSchema, evaluateDecisionResponseSchema } from './decisions';
import {
  decisionDefinitionSchema,
  decisionDefinitionSearchRequestSchema,
  decisionDefinitionSearchResponseSchema,
  decisionInstanceDetailSchema,
  decisionInstanceSearchRequestSchema,
  decisionInstanceSearchResponseSchema,
  decisionRequirementsSchema,
  decisionRequirementsSearchRequestSchema,
  decisionRequirementsSearchResponseSchema,
} from './decision-queries';
import { deploymentResponseSchema } from './deployments';
import {
  elementInstanceSchema,
  elementInstanceSearchRequestSchema,
  elementInstanceSearchResponseSchema,
} from './element-instances';
import { formResponseSchema } from './forms';
import { healthResponseSchema } from './health';
import {
  activateJobsRequestSchema,
  activateJobsResponseSchema,
  completeJobRequestSchema,
  failJobRequestSchema,
  throwJobErrorRequestSchema,
  updateJobRequestSchema,
} from './jobs';
import {
  incidentSchema,
  incidentSearchRequestSchema,
  incidentSearchResponseSchema,
  resolveIncidentRequestSchema,
  setVariablesRequestSchema,
} from './operations';
import {
  processDefinitionStatisticsRequestSchema,
  processDefinitionStatisticsResponseSchema,
} from './process-definition-statistics';
import {
  processDefinitionSchema,
  processDefinitionSearchRequestSchema,
  processDefinitionSearchResponseSchema,
} from './process-definitions';
import {
  cancelProcessInstanceRequestSchema,
  createProcessInstanceRequestSchema,
  createProcessInstanceResponseSchema,
  processInstanceDetailSchema,
  processInstanceSearchRequestSchema,
  processInstanceSearchResponseSchema,
} from './process-instances';
import { modifyProcessInstanceRequestSchema } from './process-instance-modification';
import {
  migrateProcessInstanceRequestSchema,
  migrationDryRunResponseSchema,
} from './process-instance-migration';
import {
  correlateMessageRequestSchema,
  correlateMessageResponseSchema,
  publishMessageRequestSchema,
  publishMessageResponseSchema,
} from './messages';
import { broadcastSignalRequestSchema, broadcastSignalResponseSchema } from './signals';
import { instanceLiveStateSchema } from '../socket/instance-live-state';
import { activityInstanceSchema, executionTreeSchema } from './instance-trees';
import { deleteResourceRequestSchema, deleteResourceResponseSchema } from './resources';
import { topologyResponseSchema } from './topology';
import {
  userTaskVariableSearchRequestSchema,
  variableSchema,
  variableSearchRequestSchema,
  variableSearchResponseSchema,
} from './variables';
import {
  jobDefinitionSearchRequestSchema,
  jobDefinitionSearchResponseSchema,
  jobDefinitionSuspensionRequestSchema,
  jobDefinitionSuspensionResponseSchema,
  jobSearchRequestSchema,
  jobSearchResponseSchema,
  jobSuspensionRequestSchema,
  processDefinitionSuspensionRequestSchema,
  processDefinitionSuspensionResponseSchema,
  processInstanceSuspensionRequestSchema,
} from './suspension';
import {
  assignUserTaskRequestSchema,
  completeUserTaskRequestSchema,
  userTaskSearchRequestSchema,
  userTaskSearchResponseSchema,
} from './user-tasks';

export * from './common';
export * from './authentication';
export * from './resources';
export * from './clock';
export * from './batch-operations';
export * from './topology';
export * from './deployments';
export * from './decisions';
export * from './decision-queries';
export * from './forms';
export * from './process-definitions';
export * from './process-definition-statistics';
export * from './process-instances';
export * from './process-instance-modification';
export * from './process-instance-migration';
export * from './jobs';
export * from './user-tasks';
export * from './health';
export * from './messages';
export * from './signals';
export * from './operations';
export * from './instance-trees';
export * from './suspension';
export * from './element-instances';
export * from './variables';

/** The named REST schemas: the OpenAPI document lists them under `components.schemas`. */
export const restSchemas: Readonly<Record<string, z.ZodType>> = {
  Problem: problemSchema,
  ProcessInstanceCancellationBatchOperationRequest: processInstanceCancellationBatchRequestSchema,
  ProcessInstanceIncidentResolutionBatchOperationRequest: processInstanceIncidentResolutionBatchRequestSchema,
  ProcessInstanceModificationBatchOperationRequest: processInstanceModificationBatchRequestSchema,
  ProcessInstanceMigrationBatchOperationRequest: processInstanceMigrationBatchRequestSchema,
  BatchOperationCreatedResult: batchOperationCreatedSchema,
  BatchOperation: batchOperationSchema,
  BatchOperationSearchRequest: batchOperationSearchRequestSchema,
  BatchOperationSearchResponse: batchOperationSearchResponseSchema,
  BatchOperationItemSearchRequest: batchOperationItemSearchRequestSchema,
  BatchOperationItemSearchResponse: batchOperationItemSearchResponseSchema,
  CamundaUser: currentUserSchema,
  DeleteResourceRequest: deleteResourceRequestSchema,
  DeleteResourceResponse: deleteResourceResponseSchema,
  PinClockRequest: pinClockRequestSchema,
  HealthResponse: healthResponseSchema,
  TopologyResponse: topologyResponseSchema,
  DeploymentResponse: deploymentResponseSchema,
  EvaluateDecisionRequest: evaluateDecisionRequestSchema,
  EvaluateDecisionResponse: evaluateDecisionResponseSchema,
  DecisionDefinition: decisionDefinitionSchema,
  DecisionDefinitionSearchRequest: decisionDefinitionSearchRequestSchema,
  DecisionDefinitionSearchResponse: decisionDefinitionSearchResponseSchema,
  DecisionRequirements: decisionRequirementsSchema,
  DecisionRequirementsSearchRequest: decisionRequirementsSearchRequestSchema,
  DecisionRequirementsSearchResponse: decisionRequirementsSearchResponseSchema,
  DecisionInstance: decisionInstanceDetailSchema,
  DecisionInstanceSearchRequest: decisionInstanceSearchRequestSchema,
  DecisionInstanceSearchResponse: decisionInstanceSearchResponseSchema,
  Form: formResponseSchema,
  ProcessDefinition: processDefinitionSchema,
  ProcessDefinitionSearchRequest: processDefinitionSearchRequestSchema,
  ProcessDefinitionSearchResponse: processDefinitionSearchResponseSchema,
  ProcessDefinitionElementStatisticsQuery: processDefinitionStatisticsRequestSchema,
  ProcessDefinitionElementStatisticsQueryResult: processDefinitionStatisticsResponseSchema,
  CreateProcessInstanceRequest: createProcessInstanceRequestSchema,
  CreateProcessInstanceResponse: createProcessInstanceResponseSchema,
  ProcessInstance: processInstanceDetailSchema,
  ProcessInstanceSearchRequest: processInstanceSearchRequestSchema,
  ProcessInstanceSearchResponse: processInstanceSearchResponseSchema,
  ProcessInstanceLiveState: instanceLiveStateSchema,
  ActivityInstance: activityInstanceSchema,
  ExecutionTree: executionTreeSchema,
  CancelProcessInstanceRequest: cancelProcessInstanceRequestSchema,
  ModifyProcessInstanceRequest: modifyProcessInstanceRequestSchema,
  MigrateProcessInstanceRequest: migrateProcessInstanceRequestSchema,
  MigrationDryRunResponse: migrationDryRunResponseSchema,
  ActivateJobsRequest: activateJobsRequestSchema,
  ActivateJobsResponse: activateJobsResponseSchema,
  CompleteJobRequest: completeJobRequestSchema,
  FailJobRequest: failJobRequestSchema,
  ThrowJobErrorRequest: throwJobErrorRequestSchema,
  UpdateJobRequest: updateJobRequestSchema,
  Incident: incidentSchema,
  IncidentSearchRequest: incidentSearchRequestSchema,
  IncidentSearchResponse: incidentSearchResponseSchema,
  ResolveIncidentRequest: resolveIncidentRequestSchema,
  SetVariablesRequest: setVariablesRequestSchema,
  UserTaskSearchRequest: userTaskSearchRequestSchema,
  UserTaskSearchResponse: userTaskSearchResponseSchema,
  CompleteUserTaskRequest: completeUserTaskRequestSchema,
  AssignUserTaskRequest: assignUserTaskRequestSchema,
  PublishMessageRequest: publishMessageRequestSchema,
  PublishMessageResponse: publishMessageResponseSchema,
  CorrelateMessageRequest: correlateMessageRequestSchema,
  CorrelateMessageResponse: correlateMessageResponseSchema,
  BroadcastSignalRequest: broadcastSignalRequestSchema,
  BroadcastSignalResponse: broadcastSignalResponseSchema,
  ProcessDefinitionSuspensionRequest: processDefinitionSuspensionRequestSchema,
  ProcessDefinitionSuspensionResponse: processDefinitionSuspensionResponseSchema,
  ProcessInstanceSuspensionRequest: processInstanceSuspensionRequestSchema,
  JobDefinitionSearchRequest: jobDefinitionSearchRequestSchema,
  JobDefinitionSearchResponse: jobDefinitionSearchResponseSchema,
  JobDefinitionSuspensionRequest: jobDefinitionSuspensionRequestSchema,
  JobDefinitionSuspensionResponse: jobDefinitionSuspensionResponseSchema,
  JobSuspensionRequest: jobSuspensionRequestSchema,
  JobSearchRequest: jobSearchRequestSchema,
  JobSearchResponse: jobSearchResponseSchema,
  ElementInstance: elementInstanceSchema,
  ElementInstanceSearchRequest: elementInstanceSearchRequestSchema,
  ElementInstanceSearchResponse: elementInstanceSearchResponseSchema,
  Variable: variableSchema,
  VariableSearchRequest: variableSearchRequestSchema,
  UserTaskVariableSearchRequest: userTaskVariableSearchRequestSchema,
  VariableSearchResponse: variableSearchResponseSchema,
};
