// Reads Camunda 8 (Zeebe) extension elements: zeebe:taskDefinition, taskHeaders, ioMapping,
// userTask, assignmentDefinition, formDefinition, taskSchedule, priorityDefinition, script, and
// the subscription (correlation key) of a bpmn:message.
import type { ModdleElement } from 'bpmn-moddle';
import { zeebeCalledDecision } from './called-decisions';
import type { DialectReader, Mappings, ScriptImplementation } from './dialect';
import { checkedFeel, mappingSource, valueSource } from './expressions';
import type { JobDefinitionModel, UserTaskModel, ValueSource, VariableMapping } from './model';
import { elementList, findExtension, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';
import { batonStarterGroups } from './baton-attributes';
import { externalFormReferenceOf, linkedFormOf } from './form-links';

const DEFAULT_RETRIES = '3';

function taskDefinition(task: ModdleElement, problems: ProblemCollector): JobDefinitionModel | undefined {
  const definition = findExtension(task, 'zeebe:TaskDefinition');
  const taskId = task.id ?? '';
  const type = definition && stringProperty(definition, 'type');
  if (!definition || type === undefined) return undefined;
  const headers: Record<string, string> = {};
  const taskHeaders = findExtension(task, 'zeebe:TaskHeaders');
  for (const header of taskHeaders ? elementList(taskHeaders, 'values') : []) {
    const key = stringProperty(header, 'key');
    if (key !== undefined) headers[key] = stringProperty(header, 'value') ?? '';
  }
  return {
    type: valueSource(type, { elementId: taskId, what: 'job type' }, problems),
    retries: valueSource(
      stringProperty(definition, 'retries') ?? DEFAULT_RETRIES,
      { elementId: taskId, what: 'job retries' },
      problems,
    ),
    headers,
  };
}

function optionalSource(
  element: ModdleElement | undefined,
  property: string,
  taskId: string,
  problems: ProblemCollector,
): ValueSource | undefined {
  const raw = element && stringProperty(element, property);
  return raw === undefined ? undefined : valueSource(raw, { elementId: taskId, what: property }, problems);
}

function readMappings(
  parameters: ModdleElement[],
  elementId: string,
  kind: string,
  problems: ProblemCollector,
): VariableMapping[] {
  const mappings: VariableMapping[] = [];
  for (const parameter of parameters) {
    const target = stringProperty(parameter, 'target');
    if (target === undefined) {
      problems.problem(
        ProblemCode.INVALID_MAPPING,
        `${kind} mapping of '${elementId}' has no target`,
        elementId,
      );
      continue;
    }
    const raw = stringProperty(parameter, 'source');
    const source =
      raw === undefined
        ? 'null'
        : mappingSource(raw, { elementId, what: `${kind} mapping '${target}'` }, problems);
    mappings.push({ source, target });
  }
  return mappings;
}

/** The Zeebe dialect; also used for plain BPMN files without vendor extensions. */
export const zeebeDialect: DialectReader = {
  job(task, problems) {
    const job = taskDefinition(task, problems);
    if (job) return job;
    const taskId = task.id ?? '';
    problems.problem(
      ProblemCode.MISSING_JOB_TYPE,
      `${task.$type} '${taskId}' has no job type: add <zeebe:taskDefinition type="…"/>`,
      taskId,
    );
    return undefined;
  },

  hasCalledDecision: (task) => findExtension(task, 'zeebe:CalledDecision') !== undefined,
  calledDecision: zeebeCalledDecision,

  userTask(task, problems): UserTaskModel {
    const taskId = task.id ?? '';
    const assignment = findExtension(task, 'zeebe:AssignmentDefinition');
    const schedule = findExtension(task, 'zeebe:TaskSchedule');
    const form = findExtension(task, 'zeebe:FormDefinition');
    const formKey = form && (stringProperty(form, 'formKey') ?? stringProperty(form, 'formId'));
    const model: Record<string, unknown> = {
      assignee: optionalSource(assignment, 'assignee', taskId, problems),
      candidateGroups: optionalSource(assignment, 'candidateGroups', taskId, problems),
      candidateUsers: optionalSource(assignment, 'candidateUsers', taskId, problems),
      dueDate: optionalSource(schedule, 'dueDate', taskId, problems),
      followUpDate: optionalSource(schedule, 'followUpDate', taskId, problems),
      priority: optionalSource(findExtension(task, 'zeebe:PriorityDefinition'), 'priority', taskId, problems),
      formKey,
      linkedForm: linkedFormOf(task),
      externalFormReference: externalFormReferenceOf(task),
    };
    for (const key of Object.keys(model)) if (model[key] === undefined) delete model[key];
    return {
      ...(model as Omit<UserTaskModel, 'zeebeUserTask'>),
      zeebeUserTask: findExtension(task, 'zeebe:UserTask') !== undefined,
    };
  },

  scriptTask(task, problems): ScriptImplementation {
    const taskId = task.id ?? '';
    const script = findExtension(task, 'zeebe:Script');
    if (script) {
      const expression = stringProperty(script, 'expression');
      const resultVariable = stringProperty(script, 'resultVariable');
      if (expression === undefined || resultVariable === undefined) {
        problems.problem(
          ProblemCode.MISSING_SCRIPT,
          `script task '${taskId}' needs both an expression and a resultVariable in zeebe:script`,
          taskId,
        );
        return {};
      }
      const feel = expression.trim().replace(/^=/, '').trim();
      return {
        script: {
          expression: checkedFeel(feel, { elementId: taskId, what: 'script expression' }, problems),
          resultVariable,
        },
      };
    }
    const job = taskDefinition(task, problems);
    if (job) return { job };
    problems.problem(
      ProblemCode.MISSING_SCRIPT,
      `script task '${taskId}' has neither zeebe:script nor zeebe:taskDefinition`,
      taskId,
    );
    return {};
  },

  mappings(element, problems): Mappings {
    const ioMapping = findExtension(element, 'zeebe:IoMapping');
    if (!ioMapping) return { inputs: [], outputs: [] };
    const elementId = element.id ?? '';
    return {
      inputs: readMappings(elementList(ioMapping, 'inputParameters'), elementId, 'input', problems),
      outputs: readMappings(elementList(ioMapping, 'outputParameters'), elementId, 'output', problems),
    };
  },

  messageSubscription(message, elementId, problems) {
    const name = valueSource(
      stringProperty(message, 'name') ?? '',
      { elementId, what: 'message name' },
      problems,
    );
    const subscription = findExtension(message, 'zeebe:Subscription');
    const raw = subscription && stringProperty(subscription, 'correlationKey');
    const messageId = message.id ?? '?';
    if (raw === undefined) {
      problems.problem(
        ProblemCode.MISSING_CORRELATION_KEY,
        `message '${messageId}' of '${elementId}' has no correlation key: add <zeebe:subscription correlationKey="=…"/> to the bpmn:message`,
        elementId,
      );
      return undefined;
    }
    const trimmed = raw.trim();
    if (!trimmed.startsWith('=')) {
      problems.problem(
        ProblemCode.INVALID_CORRELATION_KEY,
        `correlation key '${raw}' of message '${messageId}' of '${elementId}' must be a FEEL expression (start it with '=')`,
        elementId,
      );
      return undefined;
    }
    const correlationKey = checkedFeel(
      trimmed.slice(1).trim(),
      { elementId, what: 'correlation key' },
      problems,
    );
    return { name, correlationKey };
  },

  candidateStarterGroups(process) {
    return batonStarterGroups(process);
  },
};
