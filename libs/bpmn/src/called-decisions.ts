// Business rule tasks that evaluate a DMN decision in the engine. Zeebe: `zeebe:calledDecision
// decisionId resultVariable` (decisionId static or FEEL with a leading `=`; `bindingType` latest,
// deployment or versionTag, read from the attributes the 8.x modeler writes). Camunda 7:
// `camunda:decisionRef`, `camunda:resultVariable`, `camunda:mapDecisionResult` and
// `camunda:decisionRefBinding` (latest or deployment; Camunda 7's version and versionTag bindings are
// refused at deploy).
import type { ModdleElement } from 'bpmn-moddle';
import { valueSource } from './expressions';
import type { CalledDecisionModel, DecisionResultMapping } from './model';
import { findExtension, stringProperty } from './moddle-access';
import { ProblemCode, type ProblemCollector } from './problems';

const BINDING_TYPES = ['latest', 'deployment', 'versionTag'] as const;
const RESULT_MAPPINGS: readonly DecisionResultMapping[] = [
  'singleEntry',
  'singleResult',
  'collectEntries',
  'resultList',
];

/** The task's `zeebe:calledDecision`; undefined when it has none (it is then a job worker task). */
export function zeebeCalledDecision(
  task: ModdleElement,
  problems: ProblemCollector,
): CalledDecisionModel | undefined {
  const extension = findExtension(task, 'zeebe:CalledDecision');
  if (!extension) return undefined;
  const taskId = task.id ?? '';
  const attribute = (name: string): string | undefined =>
    stringProperty(extension, name) ?? nonEmpty(extension.$attrs?.[name]);
  const bindingType = attribute('bindingType') ?? 'latest';
  if (!isBindingType(bindingType)) {
    problems.problem(
      ProblemCode.UNSUPPORTED_ELEMENT,
      `business rule task '${taskId}': zeebe:calledDecision bindingType '${bindingType}' is not supported; use ${BINDING_TYPES.join(' or ')}`,
      taskId,
    );
    return undefined;
  }
  const versionTag = attribute('versionTag');
  if (bindingType === 'versionTag' && versionTag === undefined) {
    problems.problem(
      ProblemCode.MISSING_CALLED_ELEMENT,
      `business rule task '${taskId}': zeebe:calledDecision bindingType 'versionTag' needs a versionTag`,
      taskId,
    );
    return undefined;
  }
  return decisionModel(task, attribute('decisionId'), attribute('resultVariable'), problems, {
    bindingType,
    ...(bindingType === 'versionTag' ? { versionTag } : {}),
  });
}

/** The task's `camunda:decisionRef`; undefined when it has none. */
export function camunda7CalledDecision(
  task: ModdleElement,
  problems: ProblemCollector,
): CalledDecisionModel | undefined {
  const decisionRef = stringProperty(task, 'camunda:decisionRef');
  if (decisionRef === undefined) return undefined;
  const taskId = task.id ?? '';
  const binding = stringProperty(task, 'camunda:decisionRefBinding') ?? 'latest';
  const mapping = stringProperty(task, 'camunda:mapDecisionResult') ?? 'resultList';
  if (binding !== 'latest' && binding !== 'deployment') {
    problems.problem(
      ProblemCode.UNSUPPORTED_ELEMENT,
      `business rule task '${taskId}': camunda:decisionRefBinding '${binding}' is not supported; use latest or deployment`,
      taskId,
    );
    return undefined;
  }
  if (!RESULT_MAPPINGS.includes(mapping as DecisionResultMapping)) {
    problems.problem(
      ProblemCode.UNSUPPORTED_ELEMENT,
      `business rule task '${taskId}': camunda:mapDecisionResult '${mapping}' is not one of ${RESULT_MAPPINGS.join(', ')}`,
      taskId,
    );
    return undefined;
  }
  return decisionModel(task, decisionRef, stringProperty(task, 'camunda:resultVariable'), problems, {
    bindingType: binding,
    mapDecisionResult: mapping as DecisionResultMapping,
  });
}

/** Zeebe requires a result variable; Camunda 7 may evaluate a decision without keeping its result. */
function decisionModel(
  task: ModdleElement,
  decisionId: string | undefined,
  resultVariable: string | undefined,
  problems: ProblemCollector,
  rest: Omit<CalledDecisionModel, 'decisionId' | 'resultVariable'>,
): CalledDecisionModel | undefined {
  const taskId = task.id ?? '';
  const resultVariableMissing = resultVariable === undefined && rest.mapDecisionResult === undefined;
  if (decisionId === undefined || resultVariableMissing) {
    problems.problem(
      ProblemCode.MISSING_CALLED_ELEMENT,
      `business rule task '${taskId}' names no ${decisionId === undefined ? 'decision id' : 'result variable'} of its called decision`,
      taskId,
    );
    return undefined;
  }
  return {
    decisionId: valueSource(decisionId.trim(), { elementId: taskId, what: 'called decision id' }, problems),
    ...(resultVariable === undefined ? {} : { resultVariable: resultVariable.trim() }),
    ...rest,
  };
}

function isBindingType(value: string): value is CalledDecisionModel['bindingType'] {
  return (BINDING_TYPES as readonly string[]).includes(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
