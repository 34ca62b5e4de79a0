// MIGRATE_INSTANCE (Camunda 8 process instance migration): the plan is checked whole first
// (migration-plan.ts); then, in Zeebe's order, the instance and each active element instance move
// to the target definition under the same keys. Nothing is created again: jobs keep their key and
// type (the stored job is relabelled, its lock kept), user tasks their assignee, timers their key
// and due date (stored again under the target's ids), subscriptions their name and correlation
// key, incidents stay open (a resolution then runs the target's model), variables stay where they
// are. Only the events an element waits for follow the mapping (catch-event-plan.ts). A refusal,
// or a target event that cannot be subscribed, throws: apply() keeps the state it was given.
import type { CommandOf } from '@baton/contracts';
import { armEvent, disarmEvent } from '../events/gateway-and-scope-arming';
import { scheduledTimerOf } from '../events/timers';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ArmedBoundaryEvent, ElementInstance } from '../instance/state';
import type { ArmedList, PlannedCatchEvent } from './catch-event-plan';
import { planMigration, type MigrationPlan } from './migration-plan';

export function migrateInstance(draft: Draft, command: CommandOf<'MIGRATE_INSTANCE'>): void {
  const target = draft.ctx.migrationTarget;
  if (target?.processDefinitionKey !== command.targetProcessDefinitionKey)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to migrate process instance '${draft.rootKey}' to process definition '${command.targetProcessDefinitionKey}' but no process definition was found with that key.`,
    );
  const plan = planMigration({
    state: draft.state,
    source: draft.ctx.definition,
    target,
    mappingInstructions: command.mappingInstructions,
  });
  // Withdrawn while the instance is still the source's: the runtime finds them as it stored them.
  for (const event of plan.catchEvents) if (event.action === 'CLOSE') withdraw(draft, event);
  draft.moveToDefinition(target);
  draft.updateElementInstance(draft.rootKey, { elementId: target.processDefinitionId });
  for (const moved of plan.elementInstances)
    moveElementInstance(draft, plan, moved.elementInstanceKey, moved.targetElementId);
  for (const arrival of plan.joinArrivals)
    draft.updateToken(arrival.tokenKey, { elementId: arrival.targetElementId, flowId: arrival.targetFlowId });
  keepMappedEvents(draft, plan);
  restoreKeptTimers(draft, plan);
  for (const event of plan.catchEvents) if (event.action === 'OPEN') subscribe(draft, event);
}

function withdraw(draft: Draft, event: PlannedCatchEvent): void {
  const holder = draft.elementInstance(event.elementInstanceKey);
  const armed = holder?.[event.list]?.find((one) => one.key === event.armedKey);
  if (!holder || !armed) return;
  disarmEvent(draft, holder.key, armed);
  const rest = (holder[event.list] ?? []).filter((one) => one.key !== armed.key);
  draft.updateElementInstance(holder.key, listChange(event.list, rest.length > 0 ? rest : undefined));
}

/** The element instance, its token, its open jobs and user task, and its open incidents: same keys, target ids. */
function moveElementInstance(draft: Draft, plan: MigrationPlan, key: string, targetElementId: string): void {
  const { target } = plan;
  const instance = draft.updateElementInstance(key, { elementId: targetElementId });
  if (instance.tokenKey !== undefined && draft.token(instance.tokenKey))
    draft.updateToken(instance.tokenKey, { elementId: targetElementId });
  const definitionFields = {
    processDefinitionKey: target.processDefinitionKey,
    processDefinitionId: target.processDefinitionId,
    processDefinitionVersion: target.processDefinitionVersion,
  };
  for (const job of Object.values(draft.state.jobs))
    if (job.elementInstanceKey === key && (job.state === 'ACTIVATABLE' || job.state === 'FAILED')) {
      const moved = { ...job, ...definitionFields, elementId: targetElementId };
      draft.putJob(moved);
      draft.emit({ type: 'JOB_MIGRATED', job: moved });
    }
  const task = instance.userTaskKey === undefined ? undefined : draft.userTask(instance.userTaskKey);
  if (task?.state === 'CREATED') {
    const moved = { ...task, ...definitionFields, elementId: targetElementId };
    draft.putUserTask(moved);
    draft.emit({ type: 'USER_TASK_UPDATED', userTask: moved });
  }
  for (const incident of Object.values(draft.state.incidents))
    if (incident.elementInstanceKey === key && incident.state === 'ACTIVE') {
      const moved = { ...incident, elementId: targetElementId };
      draft.putIncident(moved);
      draft.emit({ type: 'INCIDENT_UPDATED', incident: moved, processInstanceKey: draft.rootKey });
    }
}

/** Mapped events keep key, subscription and timer; they now carry their target event's id. */
function keepMappedEvents(draft: Draft, plan: MigrationPlan): void {
  for (const event of plan.catchEvents) {
    if (event.action !== 'MIGRATE' || event.targetElementId === undefined) continue;
    const holder = draft.elementInstance(event.elementInstanceKey);
    if (!holder) continue;
    const renamed = (holder[event.list] ?? []).map((armed) =>
      armed.key === event.armedKey ? { ...armed, elementId: event.targetElementId! } : armed,
    );
    draft.updateElementInstance(holder.key, listChange(event.list, renamed));
  }
}

/**
 * Kept timers are stored again under their own key (the store replaces a timer of the same key):
 * the same due date, now under the target's definition and element ids.
 */
function restoreKeptTimers(draft: Draft, plan: MigrationPlan): void {
  for (const moved of plan.elementInstances) {
    const instance = draft.elementInstance(moved.elementInstanceKey);
    if (instance?.timer)
      draft.emit({
        type: 'TIMER_SCHEDULED',
        timer: scheduledTimerOf(
          draft,
          { elementInstanceKey: instance.key, elementId: instance.elementId },
          instance.timer,
        ),
      });
  }
  for (const event of plan.catchEvents) {
    if (event.action !== 'MIGRATE') continue;
    const armed = draft
      .elementInstance(event.elementInstanceKey)
      ?.[event.list]?.find((one) => one.key === event.armedKey);
    if (armed?.timer)
      draft.emit({
        type: 'TIMER_SCHEDULED',
        timer: scheduledTimerOf(
          draft,
          { elementInstanceKey: event.elementInstanceKey, elementId: armed.elementId },
          armed.timer,
        ),
      });
  }
}

/** Arms a target event no mapping named, as entering its holder would have (evaluated in the holder's scope). */
function subscribe(draft: Draft, event: PlannedCatchEvent): void {
  const holder = draft.elementInstance(event.elementInstanceKey);
  if (!holder || !event.trigger || event.targetElementId === undefined) return;
  const armed = armEvent(draft, holder.key, holder.key, event.targetElementId, event.trigger);
  if (!armed.ok)
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to migrate process instance '${draft.rootKey}' but event '${event.targetElementId}' of the target, which element instance '${holder.key}' (${holder.elementId}) would wait for, cannot be subscribed: ${armed.message}`,
    );
  appendArmed(draft, holder, event.list, armed.value);
}

function appendArmed(
  draft: Draft,
  holder: ElementInstance,
  list: ArmedList,
  armed: ArmedBoundaryEvent,
): void {
  const current = draft.elementInstance(holder.key) ?? holder;
  draft.updateElementInstance(holder.key, listChange(list, [...(current[list] ?? []), armed]));
}

function listChange(
  list: ArmedList,
  events: readonly ArmedBoundaryEvent[] | undefined,
): Partial<ElementInstance> {
  return list === 'armedBoundaryEvents' ? { armedBoundaryEvents: events } : { armedEvents: events };
}
