// Job definitions (Camunda 7), created when a process version is deployed: one per element that
// creates worker jobs (service, send, business-rule tasks, script tasks run by workers, message
// throw and end events implemented as jobs), one per timer (start, catch and boundary timers) and
// one per asynchronous continuation (camunda:asyncBefore / asyncAfter) of an element.
import { ASYNC_CONTINUATION_JOB_TYPE, type FlowNode } from '@baton/bpmn';
import { asyncJobElementId } from '@baton/engine-core';
import type { JobDefinition, StoredDefinition } from '@baton/store';

type Kind = JobDefinition['kind'];

/** The job definitions of a deployed version, in element order. */
export function jobDefinitionsOf(definition: StoredDefinition, nextKey: () => string): JobDefinition[] {
  const result: JobDefinition[] = [];
  const add = (node: FlowNode, kind: Kind, type: string, slot = node.id) =>
    result.push({
      jobDefinitionKey: nextKey(),
      processDefinitionKey: definition.processDefinitionKey,
      processDefinitionId: definition.processDefinitionId,
      processDefinitionVersion: definition.processDefinitionVersion,
      elementId: node.id,
      type,
      kind,
      slot,
      suspended: false,
      tenantId: definition.tenantId,
    });
  for (const node of Object.values(definition.model.elements)) {
    if (node.asyncBefore && !node.multiInstance)
      add(node, 'async-before', ASYNC_CONTINUATION_JOB_TYPE, asyncJobElementId(node.id, 'before'));
    const job = 'job' in node ? node.job : undefined;
    if (job) add(node, 'job', job.type.kind === 'static' ? job.type.value : `=${job.type.expression}`);
    if (hasTimer(node)) add(node, 'timer', 'timer');
    if (node.asyncAfter && !node.multiInstance)
      add(node, 'async-after', ASYNC_CONTINUATION_JOB_TYPE, asyncJobElementId(node.id, 'after'));
  }
  return result;
}

function hasTimer(node: FlowNode): boolean {
  if (node.kind === 'boundaryEvent') return node.trigger.kind === 'timer';
  return 'timer' in node && node.timer !== undefined;
}
