// Builds one FlowNode of the model from its moddle element, once its kind, scope and
// connected flows are known; the dialect reader supplies jobs, user tasks, scripts, messages and
// mappings.
import type { ModdleElement } from 'bpmn-moddle';
import { attachedToId, boundaryTrigger } from './boundary-events';
import type { DialectReader } from './dialect';
import { errorStartEvent, thrownErrorCode } from './error-events';
import type { FlowNode, FlowNodeKind } from './model';
import { booleanProperty, elementList, stringProperty } from './moddle-access';
import { calledElement } from './call-activities';
import { linkName } from './link-events';
import { messageSubscription } from './messages';
import type { ProblemCollector } from './problems';
import { hasTimerDefinition, timerDefinition } from './timers';

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
    inputMappings: mappings.inputs,
    outputMappings: mappings.outputs,
  };
  const definitionTypes = elementList(element, 'eventDefinitions').map((definition) => definition.$type);
  const throwsOrCatchesError = definitionTypes.includes('bpmn:ErrorEventDefinition');
  switch (context.kind) {
    case 'startEvent':
      if (throwsOrCatchesError)
        return { ...base, kind: 'startEvent', error: errorStartEvent(element, problems) };
      if (hasTimerDefinition(element)) {
        const timer = timerDefinition(element, ['date', 'cycle', 'duration'], problems, true);
        return { ...base, kind: 'startEvent', timer: timer ?? missingTimer };
      }
      return { ...base, kind: 'startEvent' };
    case 'parallelGateway':
      return { ...base, kind: context.kind };
    case 'task':
    case 'manualTask':
      return { ...base, kind: context.kind };
    case 'endEvent': {
      const errorCode = throwsOrCatchesError ? thrownErrorCode(element, problems) : undefined;
      return {
        ...base,
        kind: 'endEvent',
        terminate: context.terminate,
        ...(errorCode === undefined ? {} : { errorCode }),
      };
    }
    case 'intermediateThrowEvent': {
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
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask': {
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

const missingTimer = { kind: 'duration', value: { kind: 'static', value: 'PT0S' } } as const;

const missingMessage = { name: { kind: 'static', value: '' } } as const;

const missingJob = {
  type: { kind: 'static', value: '' },
  retries: { kind: 'static', value: '3' },
  headers: {},
} as const;
