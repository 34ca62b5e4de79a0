// Reads Camunda 7 extensions: external tasks (camunda:type="external" + camunda:topic),
// camunda:inputOutput, user task attributes, candidate starter groups. Camunda 7 `${…}`
// expressions are translated to FEEL; Java delegates and scripts are refused with a reason.
import type { ModdleElement } from 'bpmn-moddle';
import { containsJuel, feelStringLiteral, translateJuelToFeel } from './c7-expression';
import { camunda7CalledDecision } from './called-decisions';
import type { DialectReader, Mappings, ScriptImplementation } from './dialect';
import { checkedFeel } from './expressions';
import type { UserTaskModel, ValueSource, VariableMapping } from './model';
import { elementList, elementProperty, findExtension, splitList, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';
import { batonStarterGroups } from './baton-attributes';

const DEFAULT_RETRIES = '3';
const JAVA_IMPLEMENTATIONS = ['camunda:class', 'camunda:delegateExpression', 'camunda:expression'];

/** A Camunda 7 attribute value: `${…}` translated to FEEL, other text static. */
function c7ValueSource(
  raw: string,
  elementId: string,
  what: string,
  problems: ProblemCollector,
): ValueSource | undefined {
  if (!containsJuel(raw)) return { kind: 'static', value: raw };
  const translation = translateJuelToFeel(raw);
  if (translation.ok)
    return { kind: 'feel', expression: checkedFeel(translation.feel, { elementId, what }, problems) };
  problems.problem(
    ProblemCode.UNSUPPORTED_EXPRESSION,
    `${what} of '${elementId}': ${translation.message}`,
    elementId,
  );
  return undefined;
}

/** A camunda:inputParameter / outputParameter body as a FEEL mapping source. */
function c7MappingSource(
  parameter: ModdleElement,
  elementId: string,
  name: string,
  problems: ProblemCollector,
): string | undefined {
  if (elementProperty(parameter, 'definition')) {
    problems.problem(
      ProblemCode.UNSUPPORTED_EXPRESSION,
      `mapping '${name}' of '${elementId}': camunda:list, camunda:map and camunda:script parameters are not supported`,
      elementId,
    );
    return undefined;
  }
  const raw = stringProperty(parameter, 'value');
  if (raw === undefined) return 'null';
  if (!containsJuel(raw)) return feelStringLiteral(raw);
  const translation = translateJuelToFeel(raw);
  if (translation.ok)
    return checkedFeel(translation.feel, { elementId, what: `mapping '${name}'` }, problems);
  problems.problem(
    ProblemCode.UNSUPPORTED_EXPRESSION,
    `mapping '${name}' of '${elementId}': ${translation.message}`,
    elementId,
  );
  return undefined;
}

function readParameters(
  parameters: ModdleElement[],
  elementId: string,
  problems: ProblemCollector,
): VariableMapping[] {
  const mappings: VariableMapping[] = [];
  for (const parameter of parameters) {
    const target = stringProperty(parameter, 'name');
    if (target === undefined) {
      problems.problem(
        ProblemCode.INVALID_MAPPING,
        `a camunda:inputOutput parameter of '${elementId}' has no name`,
        elementId,
      );
      continue;
    }
    const source = c7MappingSource(parameter, elementId, target, problems);
    if (source !== undefined) mappings.push({ source, target });
  }
  return mappings;
}

/** The Camunda 7 dialect. */
export const camunda7Dialect: DialectReader = {
  job(task, problems) {
    const taskId = task.id ?? '';
    const topic = stringProperty(task, 'camunda:topic');
    if (stringProperty(task, 'camunda:type') === 'external' && topic !== undefined) {
      return {
        type: { kind: 'static', value: topic },
        retries: { kind: 'static', value: DEFAULT_RETRIES },
        headers: {},
      };
    }
    const javaAttribute = JAVA_IMPLEMENTATIONS.find((name) => stringProperty(task, name) !== undefined);
    const connector =
      findExtension(task, 'camunda:Connector') !== undefined ? 'camunda:connector' : undefined;
    const unsupported = javaAttribute ?? connector;
    const message = unsupported
      ? `${task.$type} '${taskId}': ${unsupported} is not supported; use camunda:type="external" with camunda:topic`
      : `${task.$type} '${taskId}' has no job type: set camunda:type="external" and camunda:topic`;
    problems.problem(ProblemCode.MISSING_JOB_TYPE, message, taskId);
    return undefined;
  },

  hasCalledDecision: (task) => stringProperty(task, 'camunda:decisionRef') !== undefined,
  calledDecision: camunda7CalledDecision,

  userTask(task, problems): UserTaskModel {
    const taskId = task.id ?? '';
    const model: Record<string, unknown> = { zeebeUserTask: false };
    for (const property of [
      'assignee',
      'candidateGroups',
      'candidateUsers',
      'dueDate',
      'followUpDate',
      'priority',
    ]) {
      const raw = stringProperty(task, `camunda:${property}`);
      const source =
        raw === undefined ? undefined : c7ValueSource(raw, taskId, `camunda:${property}`, problems);
      if (source) model[property] = source;
    }
    const formKey = stringProperty(task, 'camunda:formKey');
    if (formKey !== undefined) model['formKey'] = formKey;
    return model as unknown as UserTaskModel;
  },

  scriptTask(task, problems): ScriptImplementation {
    const taskId = task.id ?? '';
    const format = (stringProperty(task, 'scriptFormat') ?? '').toLowerCase();
    const body = stringProperty(task, 'script');
    const resultVariable = stringProperty(task, 'camunda:resultVariable');
    if (format !== 'feel') {
      problems.problem(
        ProblemCode.UNSUPPORTED_EXPRESSION,
        `script task '${taskId}': script format '${format || 'none'}' is not supported; only FEEL scripts run`,
        taskId,
      );
      return {};
    }
    if (body === undefined || resultVariable === undefined) {
      problems.problem(
        ProblemCode.MISSING_SCRIPT,
        `script task '${taskId}' needs a FEEL script and camunda:resultVariable`,
        taskId,
      );
      return {};
    }
    const expression = checkedFeel(
      body.trim().replace(/^=/, '').trim(),
      { elementId: taskId, what: 'script expression' },
      problems,
    );
    return { script: { expression, resultVariable } };
  },

  mappings(element, problems): Mappings {
    const inputOutput = findExtension(element, 'camunda:InputOutput');
    if (!inputOutput) return { inputs: [], outputs: [] };
    const elementId = element.id ?? '';
    return {
      inputs: readParameters(elementList(inputOutput, 'inputParameters'), elementId, problems),
      outputs: readParameters(elementList(inputOutput, 'outputParameters'), elementId, problems),
    };
  },

  /** Camunda 7 messages have no correlation key: their subscriptions correlate by processInstanceKey. */
  messageSubscription(message, elementId, problems) {
    const name = c7ValueSource(stringProperty(message, 'name') ?? '', elementId, 'message name', problems);
    return name && { name };
  },

  candidateStarterGroups(process) {
    const groups = splitList(stringProperty(process, 'camunda:candidateStarterGroups'));
    return [...new Set([...groups, ...batonStarterGroups(process)])];
  },
};
