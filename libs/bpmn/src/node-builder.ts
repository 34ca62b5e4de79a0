// Builds one FlowNode of the model from its moddle element, once its kind, scope and
// connected flows are known; the dialect reader supplies jobs, user tasks, scripts, messages and
// mappings.
import type { ModdleElement } from 'bpmn-moddle';
import { attachedToId, boundaryTrigger } from './boundary-events';
import type { DialectReader } from './dialect';
import { errorStartEvent, thrownErrorCode } from './error-events';
import { escalationCatch, hasEscalationDefinition, thrownEscalationCode } from './escalation-events';
import type { CalledDecisionModel, FlowNode, FlowNodeKind } from './model';
import { booleanProperty, elementList, stringProperty } from './moddle-access';
import { calledElement } from './call-activities';
import { linkName } from './link-events';
import { messageStartEvent } from './message-start-events';
import { messageSubscription } from './messages';
import { multiInstanceOf } from './multi-instance';
import { asyncContinuationFields } from './async-continuations';
import type { ProblemCollector } from './problems';
import { hasTimerDefinition, timerDefinition } from './timers';
import { startProperties } from './start-properties';
import { startFormOf } from './form-links';
import { hasSignalDefinition, signalOf } from './signal-events';
import { compensationThrow, hasCompensationDefinition } from './compensation-events';

/** What the process compiler already knows about a node when it asks for it to be built. */
export interface NodeContext {
  readonly element: ModdleElement;
  readonly kind: FlowNodeKind;
  readonly terminate: boolean;
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly defaultFlowId?: string;
  /** None start events directly inside a subprocess. */
  readonly startEventIds: readonly string[];
}

export function buildFlowNode(
  context: NodeContext,
  dialect: DialectReader,
  problems: ProblemCollector,
): FlowNode {
  const { element } = context;
  const mappings = dialect.mappings(element, problems);
  const name = stringProperty(element, 'name');
  const base = {
    id: element.id ?? '',
    ...(name === undefined ? {} : { name }),
    scopeId: context.scopeId,
    incoming: context.incoming,
    outgoing: context.outgoing,
    ...(context.defaultFlowId === undefined ? {} : { defaultFlowId: context.defaultFlowId }),
    inputMappings: mappings.inputs,
    outputMappings: mappings.outputs,
    ...multiInstanceField(element, problems),
    ...asyncContinuationFields(element),
  };
  const definitionTypes = elementList(element, 'eventDefinitions').map((definition) => definition.$type);
  const throwsOrCatchesError = definitionTypes.includes('bpmn:ErrorEventDefinition');
  switch (context.kind) {
    case 'startEvent':
      if (throwsOrCatchesError)
        return { ...base, kind: 'startEvent', error: errorStartEvent(element, problems) };
      if (hasEscalationDefinition(element))
        return {
          ...base,
          kind: 'startEvent',
          escalation: escalationCatch(element),
          ...interruptingOf(element),
        };
      if (hasTimerDefinition(element)) {
        const inProcess = element.$parent?.$type === 'bpmn:Process';
        const timer = timerDefinition(element, ['date', 'cycle', 'duration'], problems, inProcess);
        return { ...base, kind: 'startEvent', timer: timer ?? missingTimer, ...interruptingOf(element) };
      }
      if (definitionTypes.includes('bpmn:MessageEventDefinition'))
        return {
          ...base,
          kind: 'startEvent',
          message: messageStartEvent(element, dialect, problems),
          ...interruptingOf(element),
        };
      if (hasSignalDefinition(element))
        return {
          ...base,
          kind: 'startEvent',
          signal: signalOf(element, problems),
          ...interruptingOf(element),
        };
      return {
        ...base,
        kind: 'startEvent',
        ...startProperties(element, problems),
        ...startFormOf(element),
      };
    case 'parallelGateway':
    case 'eventBasedGateway':
      return { ...base, kind: context.kind };
    case 'task':
    case 'manualTask':
      return { ...base, kind: context.kind };
    case 'endEvent': {
      const errorCode = throwsOrCatchesError ? thrownErrorCode(element, problems) : undefined;
      const escalationCode = hasEscalationDefinition(element)
        ? thrownEscalationCode(element, problems)
        : undefined;
      const signal = hasSignalDefinition(element) ? signalOf(element, problems) : undefined;
      const compensation = hasCompensationDefinition(element)
        ? compensationThrow(element, problems)
        : undefined;
      return {
        ...base,
        kind: 'endEvent',
        terminate: context.terminate,
        ...(errorCode === undefined ? {} : { errorCode }),
        ...(escalationCode === undefined ? {} : { escalationCode }),
        ...(signal === undefined ? {} : { signal }),
        ...(compensation === undefined ? {} : { compensation }),
      };
    }
    case 'intermediateThrowEvent': {
      if (hasEscalationDefinition(element))
        return {
          ...base,
          kind: 'intermediateThrowEvent',
          escalationCode: thrownEscalationCode(element, problems),
        };
      if (hasSignalDefinition(element))
        return { ...base, kind: 'intermediateThrowEvent', signal: signalOf(element, problems) };
      if (hasCompensationDefinition(element))
        return {
          ...base,
          kind: 'intermediateThrowEvent',
          compensation: compensationThrow(element, problems),
        };
      // Classified so only with a link definition; the compiler resolves the target (link-events.ts).
      return {
        ...base,
        kind: 'intermediateThrowEvent',
        link: { name: linkName(element) ?? '', targetId: '' },
      };
    }
    case 'intermediateCatchEvent': {
      const link = linkName(element);
      if (link !== undefined) return { ...base, kind: 'intermediateCatchEvent', link };
      if (hasSignalDefinition(element))
        return { ...base, kind: 'intermediateCatchEvent', signal: signalOf(element, problems) };
      if (hasTimerDefinition(element)) {
        const timer = timerDefinition(element, ['duration', 'date'], problems);
        return { ...base, kind: 'intermediateCatchEvent', timer: timer ?? missingTimer };
      }
      return {
        ...base,
        kind: 'intermediateCatchEvent',
        // A placeholder keeps the node well-formed; the problem already fails the deployment.
        message: messageSubscription(element, dialect, problems) ?? missingMessage,
      };
    }
    case 'receiveTask': {
      const message = messageSubscription(element, dialect, problems);
      // A placeholder keeps the node well-formed; the problem already fails the deployment.
      return { ...base, kind: context.kind, message: message ?? missingMessage };
    }
    case 'businessRuleTask': {
      if (dialect.hasCalledDecision(element)) {
        const calledDecision = dialect.calledDecision(element, problems);
        // A placeholder keeps the node well-formed; the problem already fails the deployment.
        return { ...base, kind: 'businessRuleTask', calledDecision: calledDecision ?? missingDecision };
      }
      const job = dialect.job(element, problems);
      // A placeholder keeps the node well-formed; the problem already fails the deployment.
      return { ...base, kind: context.kind, job: job ?? missingJob };
    }
    case 'serviceTask':
    case 'sendTask': {
      const job = dialect.job(element, problems);
      // A placeholder keeps the node well-formed; the problem already fails the deployment.
      return { ...base, kind: context.kind, job: job ?? missingJob };
    }
    case 'userTask':
      return { ...base, kind: 'userTask', userTask: dialect.userTask(element, problems) };
    case 'scriptTask':
      return { ...base, kind: 'scriptTask', ...dialect.scriptTask(element, problems) };
    case 'exclusiveGateway':
    case 'inclusiveGateway':
      return {
        ...base,
        kind: context.kind,
        ...(context.defaultFlowId === undefined ? {} : { defaultFlowId: context.defaultFlowId }),
      };
    case 'subProcess':
      return {
        ...base,
        kind: 'subProcess',
        startEventIds: context.startEventIds,
        ...(booleanProperty(element, 'triggeredByEvent') ? { triggeredByEvent: true } : {}),
      };
    case 'callActivity':
      return {
        ...base,
        kind: 'callActivity',
        // A placeholder keeps the node well-formed; the problem already fails the deployment.
        calledElement: calledElement(element, problems) ?? {
          processId: { kind: 'static', value: '' },
          propagateAllChildVariables: true,
        },
      };
    case 'boundaryEvent': {
      const cancelActivity = element['cancelActivity'] !== false && element['cancelActivity'] !== 'false';
      return {
        ...base,
        kind: 'boundaryEvent',
        attachedToId: attachedToId(element),
        cancelActivity,
        trigger: boundaryTrigger(element, dialect, problems),
      };
    }
  }
}

/** An event subprocess start event's `isInterrupting` (absent elsewhere: only there does it matter). */
function interruptingOf(element: ModdleElement): { interrupting?: boolean } {
  const parent = element.$parent;
  const inEventSubProcess =
    parent?.$type === 'bpmn:SubProcess' && booleanProperty(parent, 'triggeredByEvent');
  return inEventSubProcess ? { interrupting: booleanProperty(element, 'isInterrupting') } : {};
}

function multiInstanceField(element: ModdleElement, problems: ProblemCollector) {
  const multiInstance = multiInstanceOf(element, problems);
  return multiInstance === undefined ? {} : { multiInstance };
}

const missingTimer = { kind: 'duration', value: { kind: 'static', value: 'PT0S' } } as const;

const missingMessage = { name: { kind: 'static', value: '' } } as const;

const missingJob = {
  type: { kind: 'static', value: '' },
  retries: { kind: 'static', value: '3' },
  headers: {},
} as const;

const missingDecision: CalledDecisionModel = {
  decisionId: { kind: 'static', value: '' },
  resultVariable: '',
  bindingType: 'latest',
};
