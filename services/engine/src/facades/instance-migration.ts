// Process instance migration (POST /v2/process-instances/{key}/migration): one MIGRATE_INSTANCE
// command, checked and applied by the instance's owner; and Baton's dry run, which asks the core's
// pure planner (engine-core migration-plan.ts) about the stored instance and changes nothing.
import { BatonError, type MigrationDryRunResponse, type MigrationMappingInstruction } from '@baton/contracts';
import { tryPlanMigration, type MigrationPlan } from '@baton/engine-core';
import type { InstanceDocument, InstanceStore } from '@baton/store';
import { processInstanceNotFound } from '../errors';
import type { CommandSender } from '../runtime/command-sender';
import type { DefinitionLookups } from '../runtime/known-definitions';
import { newCommand } from '../runtime/new-command';

export interface InstanceMigration {
  readonly targetProcessDefinitionKey: string;
  readonly mappingInstructions: readonly MigrationMappingInstruction[];
}

export interface InstanceMigrationDeps {
  readonly instances: Pick<InstanceStore, 'get'>;
  readonly definitions: Pick<DefinitionLookups, 'getByKey'>;
  readonly commands: Pick<CommandSender, 'sendAndAwait'>;
}

/**
 * Sends MIGRATE_INSTANCE; the owner plans it on the state it holds and applies all of it or none.
 * An unknown or ended instance is not found, as Zeebe answers.
 */
export async function migrateInstance(
  deps: InstanceMigrationDeps,
  processInstanceKey: string,
  migration: InstanceMigration,
  /** Who asked (the caller's token subject), recorded in the instance's history. */
  actor?: string,
): Promise<void> {
  await activeInstance(deps, processInstanceKey);
  await deps.commands.sendAndAwait(
    newCommand({
      type: 'MIGRATE_INSTANCE',
      processInstanceKey,
      targetProcessDefinitionKey: migration.targetProcessDefinitionKey,
      mappingInstructions: migration.mappingInstructions.map(({ sourceElementId, targetElementId }) => ({
        sourceElementId,
        targetElementId,
      })),
      ...(actor !== undefined && { actor }),
    }),
  );
}

/**
 * What the migration would do to the instance as last stored (on Kafka, a command in flight may
 * change it before a real migration is applied): the same plan and the same refusals, nothing sent.
 */
export async function dryRunMigration(
  deps: InstanceMigrationDeps,
  processInstanceKey: string,
  migration: InstanceMigration,
): Promise<MigrationDryRunResponse> {
  const instance = await activeInstance(deps, processInstanceKey);
  const [source, target] = await Promise.all([
    deps.definitions.getByKey(instance.processDefinitionKey),
    deps.definitions.getByKey(migration.targetProcessDefinitionKey),
  ]);
  if (!target)
    throw new BatonError(
      'NOT_FOUND',
      `Expected to migrate process instance '${processInstanceKey}' to process definition '${migration.targetProcessDefinitionKey}' but no process definition was found with that key.`,
    );
  if (!source)
    throw new BatonError(
      'INVALID_STATE',
      `The definition of process instance '${processInstanceKey}' (key ${instance.processDefinitionKey}) is no longer deployed.`,
    );
  const answer = tryPlanMigration({
    state: instance,
    source,
    target,
    mappingInstructions: migration.mappingInstructions,
  });
  if ('rejection' in answer) throw new BatonError(answer.rejection.code, answer.rejection.message);
  return dryRunResponseOf(answer.plan);
}

async function activeInstance(
  deps: InstanceMigrationDeps,
  processInstanceKey: string,
): Promise<InstanceDocument> {
  const instance = await deps.instances.get(processInstanceKey);
  if (!instance || instance.state !== 'ACTIVE') throw processInstanceNotFound(processInstanceKey);
  return instance;
}

function dryRunResponseOf(plan: MigrationPlan): MigrationDryRunResponse {
  return {
    processInstanceKey: plan.processInstanceKey,
    sourceProcessDefinitionKey: plan.source.processDefinitionKey,
    targetProcessDefinitionKey: plan.target.processDefinitionKey,
    targetProcessDefinitionId: plan.target.processDefinitionId,
    targetProcessDefinitionVersion: plan.target.processDefinitionVersion,
    elementInstances: plan.elementInstances.map((one) => ({ ...one })),
    catchEvents: plan.catchEvents.map((event) => ({
      elementInstanceKey: event.elementInstanceKey,
      action: event.action,
      ...(event.sourceElementId !== undefined ? { sourceElementId: event.sourceElementId } : {}),
      ...(event.targetElementId !== undefined ? { targetElementId: event.targetElementId } : {}),
    })),
    joinArrivals: plan.joinArrivals.map(({ tokenKey: _token, ...arrival }) => arrival),
  };
}
