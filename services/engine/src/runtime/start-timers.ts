// Timer start events of a deployed process version (DESIGN §3.7): the stored timers a deployment
// schedules, the CREATE_INSTANCE command a firing appends, and where a cycle goes next. Every
// occurrence carries the key of the instance it creates, chosen when it was scheduled, so that two
// replicas firing the same occurrence create one instance.
import {
  evaluateFeel,
  firstDueDate,
  nextDueDate,
  parseTimerValue,
  timerRepetitions,
  type TimerDefinitionModel,
} from '@baton/bpmn';
import type { EngineCommand } from '@baton/contracts';
import type { StartTimer, StoredDefinition } from '@baton/store';

/** What placing a start timer needs from the runtime. */
export interface StartTimerContext {
  readonly now: number;
  readonly nextKey: () => string;
  /** The commands-topic partition of a key: start timers go by their processDefinitionKey. */
  readonly partitionOf: (key: string) => number;
}

/** The text of a timer value: static, or FEEL evaluated without variables (the compiler checked it can be). */
function valueText(model: TimerDefinitionModel): string | undefined {
  if (model.value.kind === 'static') return model.value.value;
  const result = evaluateFeel(model.value.expression, {});
  return result.ok && typeof result.value === 'string' ? result.value : undefined;
}

/** The start timers of a process version, each at its first due date from `context.now`. */
export function startTimersOf(definition: StoredDefinition, context: StartTimerContext): StartTimer[] {
  const { model } = definition;
  const timers: StartTimer[] = [];
  for (const node of Object.values(model.elements)) {
    if (node.kind !== 'startEvent' || !node.timer || node.scopeId !== model.processDefinitionId) continue;
    const text = valueText(node.timer);
    const value = text === undefined ? undefined : parseTimerValue(node.timer.kind, text);
    const due = value?.ok ? firstDueDate(value.value, context.now) : undefined;
    if (!value?.ok || !due?.ok) continue;
    const repetitions = timerRepetitions(value.value);
    timers.push({
      kind: 'start',
      timerKey: context.nextKey(),
      processDefinitionKey: definition.processDefinitionKey,
      processDefinitionId: definition.processDefinitionId,
      elementId: node.id,
      tenantId: definition.tenantId,
      processInstanceKey: context.nextKey(),
      dueDate: due.value,
      partition: context.partitionOf(definition.processDefinitionKey),
      ...(node.timer.kind === 'cycle' && text !== undefined ? { cycle: text } : {}),
      ...(node.timer.kind === 'cycle' && repetitions !== undefined
        ? { repetitionsLeft: repetitions - 1 }
        : {}),
    });
  }
  return timers;
}

/**
 * The occurrence after one that fired at `now`, under a new instance key; undefined when the timer
 * fired for the last time (a date, a duration, the last repetition of a cycle).
 */
export function nextStartOccurrence(
  fired: StartTimer,
  now: number,
  nextKey: () => string,
): StartTimer | undefined {
  if (fired.cycle === undefined || fired.repetitionsLeft === 0) return undefined;
  const value = parseTimerValue('cycle', fired.cycle);
  const due = value.ok ? nextDueDate(value.value, fired.dueDate, now) : undefined;
  if (!due?.ok) return undefined;
  return {
    ...fired,
    dueDate: due.value,
    processInstanceKey: nextKey(),
    ...(fired.repetitionsLeft === undefined ? {} : { repetitionsLeft: fired.repetitionsLeft - 1 }),
  };
}

/** The command a firing appends: a new instance started at the timer start event. */
export function startTimerCommand(timer: StartTimer): Extract<EngineCommand, { type: 'CREATE_INSTANCE' }> {
  return {
    type: 'CREATE_INSTANCE',
    commandId: `timer:${timer.timerKey}:${timer.dueDate}`,
    processInstanceKey: timer.processInstanceKey,
    processDefinitionKey: timer.processDefinitionKey,
    variables: {},
    startInstructions: [{ elementId: timer.elementId }],
  };
}
