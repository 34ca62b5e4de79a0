// The command a batch operation item applies, with an id derived from the operation and the item:
// a driver that took the operation over after a failover and sends an item's command again sends
// the very command the engine has already applied, which it then applies once (batch-application.ts
// skips a command id the instance document lists).
import { BatonError, type EngineCommand } from '@baton/contracts';
import type { InstanceState } from '@baton/engine-core';
import type { BatchOperationItem, BatchOperationRecord } from '@baton/store';

/** The id of every command sent for this item, by any driver. */
export function batchItemCommandId(batchOperationKey: string, itemKey: string): string {
  return `batch:${batchOperationKey}:${itemKey}`;
}

/**
 * The item's command on the instance as it is stored; undefined when there is nothing to do (a
 * modification none of whose moves has an active source element: Camunda leaves such an instance
 * untouched).
 */
export function batchItemCommand(
  operation: BatchOperationRecord,
  item: BatchOperationItem,
  instance: InstanceState,
): EngineCommand | undefined {
  const commandId = batchItemCommandId(operation.batchOperationKey, item.itemKey);
  const { processInstanceKey } = item;
  switch (operation.batchOperationType) {
    case 'CANCEL_PROCESS_INSTANCE':
      return { type: 'CANCEL_INSTANCE', processInstanceKey, commandId };
    case 'RESOLVE_INCIDENT':
      return { type: 'RESOLVE_INCIDENT', processInstanceKey, incidentKey: item.itemKey, commandId };
    case 'MODIFY_PROCESS_INSTANCE':
      return moveCommand(operation, instance, commandId);
    case 'MIGRATE_PROCESS_INSTANCE':
      return migrationCommand(operation, processInstanceKey, commandId);
  }
}

/** POST /v2/process-instances/{key}/migration's command, with the operation's plan. */
function migrationCommand(
  operation: BatchOperationRecord,
  processInstanceKey: string,
  commandId: string,
): EngineCommand {
  const plan = operation.migrationPlan;
  if (!plan)
    throw new BatonError(
      'INVALID_ARGUMENT',
      `Batch operation ${operation.batchOperationKey} has no migration plan.`,
    );
  return {
    type: 'MIGRATE_INSTANCE',
    processInstanceKey,
    targetProcessDefinitionKey: plan.targetProcessDefinitionKey,
    mappingInstructions: plan.mappingInstructions.map(({ sourceElementId, targetElementId }) => ({
      sourceElementId,
      targetElementId,
    })),
    commandId,
  };
}

/**
 * Camunda's move instructions as one modification: every active instance of a source element is
 * terminated and one instance of its target activated for each, in the instance's existing scope
 * (Camunda 8.8 names no ancestor for a move). All in one command: applied together or not at all.
 */
function moveCommand(
  operation: BatchOperationRecord,
  instance: InstanceState,
  commandId: string,
): EngineCommand | undefined {
  const active = Object.values(instance.elementInstances).filter(
    (elementInstance) =>
      elementInstance.state === 'ACTIVE' && elementInstance.key !== instance.processInstanceKey,
  );
  const activateInstructions: { elementId: string }[] = [];
  const terminateInstructions: { elementInstanceKey: string }[] = [];
  for (const move of operation.moveInstructions ?? []) {
    const sources = active.filter((candidate) => candidate.elementId === move.sourceElementId);
    const sourceKeys = new Set(sources.map((source) => source.key));
    // A multi-instance body and its inner instances share the element id: the body is moved, and
    // its inner instances end with it.
    const outermost = sources.filter(
      (source) => source.flowScopeKey === undefined || !sourceKeys.has(source.flowScopeKey),
    );
    for (const source of outermost) {
      terminateInstructions.push({ elementInstanceKey: source.key });
      activateInstructions.push({ elementId: move.targetElementId });
    }
  }
  if (terminateInstructions.length === 0) return undefined;
  return {
    type: 'MODIFY_INSTANCE',
    processInstanceKey: instance.processInstanceKey,
    activateInstructions,
    terminateInstructions,
    commandId,
  };
}
