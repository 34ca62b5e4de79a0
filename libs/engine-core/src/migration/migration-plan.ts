// The plan of a process instance migration, checked whole before anything moves, with the rules
// Zeebe 8.8 checks (ProcessInstanceMigrationPreconditions): the target is deployed for the
// instance's tenant; each source element id is mapped at most once, and every id names an element
// of its definition (INVALID_ARGUMENT); every active element instance is of a migratable type, is
// mapped, keeps its type and its flow scope, its events stay attached, and arrivals at a joining
// gateway have a gateway and flows to count for (INVALID_STATE). Every active element's problem is
// named, not the first only. Pure: the dry run (POST …/migration/dry-run) asks it too, and
// MIGRATE_INSTANCE follows the plan it returns.
import type { ProcessModel } from '@baton/bpmn';
import type { MigrationMappingInstruction } from '@baton/contracts';
import type { CommandRejection, DefinitionRef } from '../instance/apply-types';
import { CommandRejectedError } from '../instance/draft';
import type { ElementInstance, InstanceState } from '../instance/state';
import { startEventOf } from '../elements/model-lookup';
import { isMultiInstanceBody } from '../multi-instance/multi-instance-body';
import { planCatchEvents, type PlannedCatchEvent } from './catch-event-plan';
import { planJoinArrivals, type PlannedJoinArrival } from './join-plan';
import { isMigratableKind, migrationTypeOf } from './migration-element-types';

export interface MigrationInput {
  readonly state: Pick<
    InstanceState,
    'processInstanceKey' | 'elementInstances' | 'tokens' | 'jobs' | 'compensations'
  >;
  readonly source: DefinitionRef;
  readonly target: DefinitionRef;
  readonly mappingInstructions: readonly MigrationMappingInstruction[];
}

/** One active element instance and the element it becomes; its key stays. */
export interface PlannedElementInstance {
  readonly elementInstanceKey: string;
  readonly elementType: string;
  readonly sourceElementId: string;
  readonly targetElementId: string;
}

export interface MigrationPlan {
  readonly processInstanceKey: string;
  readonly source: DefinitionRef;
  readonly target: DefinitionRef;
  /** Every active element instance but the process instance's own, outermost first. */
  readonly elementInstances: readonly PlannedElementInstance[];
  readonly catchEvents: readonly PlannedCatchEvent[];
  /** Arrivals waiting at joining gateways, counted at the target gateway by the target flow. */
  readonly joinArrivals: readonly PlannedJoinArrival[];
}

/** The plan, or a CommandRejectedError naming every reason the migration cannot be made. */
export function planMigration(input: MigrationInput): MigrationPlan {
  const { state, source, target } = input;
  const refuse = (code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT', reason: string): never => {
    throw new CommandRejectedError(
      code,
      `Expected to migrate process instance '${state.processInstanceKey}' but ${reason}`,
    );
  };
  if (target.tenantId !== source.tenantId)
    refuse(
      'NOT_FOUND',
      `no process definition was found with key '${target.processDefinitionKey}' for tenant '${source.tenantId}'.`,
    );
  const mapping = mappingOf(input.mappingInstructions, refuse);
  const unknownSources = unknownIds([...mapping.keys()], source.model);
  if (unknownSources.length > 0)
    refuse(
      'INVALID_ARGUMENT',
      `the mapping instructions name source element ids that are not in process '${source.processDefinitionId}' (version ${source.processDefinitionVersion}): '${unknownSources.join("', '")}'.`,
    );
  const unknownTargets = unknownIds([...new Set(mapping.values())], target.model);
  if (unknownTargets.length > 0)
    refuse(
      'INVALID_ARGUMENT',
      `the mapping instructions name target element ids that are not in process '${target.processDefinitionId}' (version ${target.processDefinitionVersion}): '${unknownTargets.join("', '")}'.`,
    );
  const problems: string[] = [];
  const elementInstances: PlannedElementInstance[] = [];
  const root = state.elementInstances[state.processInstanceKey];
  const catchEvents: PlannedCatchEvent[] = root
    ? planCatchEvents(
        target.model,
        {
          instance: root,
          targetElementId: target.processDefinitionId,
          isRoot: true,
          isInner: false,
          interrupted: isInterrupted(input, root.key),
        },
        mapping,
        problems,
      )
    : [];
  for (const instance of activeElementInstances(state)) {
    const planned = planElementInstance(input, instance, mapping, problems);
    if (!planned) continue;
    elementInstances.push(planned);
    catchEvents.push(
      ...planCatchEvents(
        target.model,
        {
          instance,
          targetElementId: planned.targetElementId,
          isRoot: false,
          isInner: isInner(state, instance),
          interrupted: isInterrupted(input, instance.key),
        },
        mapping,
        problems,
      ),
    );
  }
  const joinArrivals = planJoinArrivals(input, mapping, problems);
  problems.push(...compensationProblems(input));
  if (problems.length > 0) refuse('INVALID_STATE', `${problems.join('; ')}.`);
  return {
    processInstanceKey: state.processInstanceKey,
    source,
    target,
    elementInstances,
    catchEvents,
    joinArrivals,
  };
}

function mappingOf(
  instructions: readonly MigrationMappingInstruction[],
  refuse: (code: 'INVALID_ARGUMENT', reason: string) => never,
): Map<string, string> {
  const mapping = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const { sourceElementId, targetElementId } of instructions) {
    if (mapping.has(sourceElementId)) duplicates.add(sourceElementId);
    mapping.set(sourceElementId, targetElementId);
  }
  if (duplicates.size > 0)
    refuse(
      'INVALID_ARGUMENT',
      `the mapping instructions contain duplicate source element ids '${[...duplicates].join("', '")}'; each source element is mapped once.`,
    );
  return mapping;
}

/** Ids that are no flow node, sequence flow or process of the model. */
function unknownIds(ids: readonly string[], model: ProcessModel): string[] {
  return ids.filter((id) => !model.elements[id] && !model.flows[id] && id !== model.processDefinitionId);
}

/** The active element instances below the process instance, outermost first, then by key. */
function activeElementInstances(state: MigrationInput['state']): ElementInstance[] {
  const depth = (instance: ElementInstance): number => {
    let levels = 0;
    for (let scope = instance.flowScopeKey; scope !== undefined; levels++)
      scope = state.elementInstances[scope]?.flowScopeKey;
    return levels;
  };
  return Object.values(state.elementInstances)
    .filter((instance) => instance.state === 'ACTIVE' && instance.key !== state.processInstanceKey)
    .map((instance) => ({ instance, depth: depth(instance) }))
    .sort((a, b) => a.depth - b.depth || compareKeys(a.instance.key, b.instance.key))
    .map(({ instance }) => instance);
}

function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** True when an interrupting event subprocess runs directly in the scope `scopeKey`. */
function isInterrupted(input: MigrationInput, scopeKey: string): boolean {
  const { state, source } = input;
  return Object.values(state.elementInstances).some((child) => {
    if (child.state !== 'ACTIVE' || child.flowScopeKey !== scopeKey) return false;
    const node = source.model.elements[child.elementId];
    if (node?.kind !== 'subProcess' || !node.triggeredByEvent) return false;
    return startEventOf(source.model, node)?.interrupting !== false;
  });
}

function isInner(state: MigrationInput['state'], instance: ElementInstance): boolean {
  if (isMultiInstanceBody(instance) || instance.flowScopeKey === undefined) return false;
  const scope = state.elementInstances[instance.flowScopeKey];
  return scope !== undefined && isMultiInstanceBody(scope) && scope.elementId === instance.elementId;
}

/** The element this instance becomes, or undefined with its problems pushed. */
function planElementInstance(
  input: MigrationInput,
  instance: ElementInstance,
  mapping: ReadonlyMap<string, string>,
  problems: string[],
): PlannedElementInstance | undefined {
  const { state, source, target } = input;
  const id = instance.elementId;
  const node = source.model.elements[id];
  if (!node) {
    problems.push(`active element '${id}' is not in its own process definition`);
    return undefined;
  }
  if (!isMigratableKind(node)) {
    problems.push(
      `active element '${id}' has an unsupported type: the migration of an element of type '${migrationTypeOf(node)}' is not supported`,
    );
    return undefined;
  }
  const waiting = transientWaitOf(state, instance);
  if (waiting) problems.push(`active element '${id}' ${waiting}; migrate it once that is done`);
  const targetId = mapping.get(id);
  if (targetId === undefined) {
    problems.push(
      `no mapping instruction is defined for active element '${id}' (element instance '${instance.key}'); elements cannot be migrated without a mapping`,
    );
    return undefined;
  }
  const targetNode = target.model.elements[targetId];
  const sourceType = migrationTypeOf(node);
  const targetType = targetNode
    ? migrationTypeOf(targetNode)
    : targetId === target.processDefinitionId
      ? 'process'
      : 'sequenceFlow';
  if (!targetNode || sourceType !== targetType) {
    problems.push(
      `active element '${id}' of type '${sourceType}' is mapped to '${targetId}' of type '${targetType}'; elements must be mapped to elements of the same type`,
    );
    return undefined;
  }
  if (!isInner(state, instance)) {
    const expectedScope = expectedFlowScopeId(input, instance, mapping);
    if (expectedScope !== undefined && targetNode.scopeId !== expectedScope)
      problems.push(
        `the flow scope of active element '${id}' would change: mapped to '${targetId}', its flow scope is expected to be '${expectedScope}' but is '${targetNode.scopeId}'; an element cannot be moved into or out of a subprocess`,
      );
  }
  return {
    elementInstanceKey: instance.key,
    elementType: instance.elementType,
    sourceElementId: id,
    targetElementId: targetId,
  };
}

/** The target id of the instance's flow scope: the target process, or its mapped subprocess. */
function expectedFlowScopeId(
  input: MigrationInput,
  instance: ElementInstance,
  mapping: ReadonlyMap<string, string>,
): string | undefined {
  const { state, target } = input;
  const scope =
    instance.flowScopeKey === undefined ? undefined : state.elementInstances[instance.flowScopeKey];
  if (!scope) return undefined;
  if (scope.key === state.processInstanceKey) return target.processDefinitionId;
  // An unmapped scope is reported on its own.
  return mapping.get(scope.elementId);
}

/**
 * Completed activities that a compensation may still undo keep their subscription as it is: the
 * target must have the activity and its handler under the same ids. Baton does not move a
 * compensation subscription to another element (Zeebe migrates them with a mapping of the
 * compensation boundary event).
 */
function compensationProblems(input: MigrationInput): string[] {
  const { state, target } = input;
  return (state.compensations ?? []).flatMap((subscription) => {
    const missing = [subscription.activityId, subscription.handlerId].filter(
      (id): id is string => id !== undefined && !target.model.elements[id],
    );
    return missing.length === 0
      ? []
      : [
          `completed activity '${subscription.activityId}' may still be compensated${subscription.handlerId ? ` by '${subscription.handlerId}'` : ''}, and the target has no element '${missing.join("', '")}': Baton keeps a compensation subscription only where the target has the same activity and handler ids`,
        ];
  });
}

/**
 * A step in flight that belongs to the source model: Zeebe migrates only instances in a wait state.
 * Here these are Camunda 7 asynchronous continuations, a decision being evaluated and a BPMN error
 * passed to the parent instance.
 */
function transientWaitOf(state: MigrationInput['state'], instance: ElementInstance): string | undefined {
  const job = instance.jobKey === undefined ? undefined : state.jobs[instance.jobKey];
  if (job?.asyncContinuation && job.state === 'ACTIVATABLE')
    return `waits at an asynchronous continuation (${job.asyncContinuation} the element, job '${job.jobKey}')`;
  if (instance.decisionEvaluationKey !== undefined)
    return `waits for the evaluation of its decision (evaluation '${instance.decisionEvaluationKey}')`;
  if (instance.pendingError)
    return `waits for the parent instance to catch BPMN error '${instance.pendingError.errorCode}'`;
  return undefined;
}

/**
 * The dry run: the plan, or the rejection MIGRATE_INSTANCE would answer with, as data (for the
 * runtime, which reads the instance and both definitions itself and changes nothing).
 */
export function tryPlanMigration(
  input: MigrationInput,
): { readonly plan: MigrationPlan } | { readonly rejection: CommandRejection } {
  try {
    return { plan: planMigration(input) };
  } catch (error) {
    if (!(error instanceof CommandRejectedError)) throw error;
    return { rejection: { code: error.code, message: error.message } };
  }
}
