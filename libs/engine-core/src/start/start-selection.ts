// Which none start event a new instance starts at, and which start variables it lacks (FLOWX
// start rules with their exact sentences). Pure: the runtime checks a request with it before
// sending the command, and the core checks the command again with the same answer.
import { evaluateFeel, type ProcessModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { elementOfKind } from '../elements/model-lookup';

/** The FLOWX sentences, as libs/contracts `flowxStartErrors` has them. */
const startNodeNotFound = 'Start node for process definition not found.';
const multipleStartNodes = 'Multiple start nodes found, but start condition not specified.';

export type StartEventChoice =
  { readonly ok: true; readonly startEventId: string } | { readonly ok: false; readonly message: string };

/**
 * The one none start event, or among several the first whose `baton:startCondition` holds with
 * `startCondition` and the variables in context (a condition that fails to evaluate does not hold).
 */
export function chooseStartEvent(
  model: ProcessModel,
  startCondition: string | undefined,
  variables: Variables,
): StartEventChoice {
  const ids = model.startEventIds;
  if (ids.length === 0) return { ok: false, message: startNodeNotFound };
  if (ids.length === 1) return { ok: true, startEventId: ids[0] as string };
  if (startCondition === undefined) return { ok: false, message: multipleStartNodes };
  const context = { ...variables, startCondition };
  for (const id of ids) {
    const condition = elementOfKind(model, id, 'startEvent')?.startCondition;
    if (condition === undefined) continue;
    const result = evaluateFeel(condition, context);
    if (result.ok && result.value === true) return { ok: true, startEventId: id };
  }
  return { ok: false, message: startNodeNotFound };
}

/**
 * Mandatory start variables that are absent or null: the process's `baton:mandatoryParams` and
 * the chosen start event's `baton:mandatory`, in declaration order.
 */
export function missingMandatoryVariables(
  model: ProcessModel,
  startEventId: string | undefined,
  variables: Variables,
): string[] {
  const startNode = elementOfKind(model, startEventId, 'startEvent');
  const declared = [...model.mandatoryVariables, ...(startNode?.mandatoryVariables ?? [])];
  return [...new Set(declared)].filter((name) => variables[name] === undefined || variables[name] === null);
}
