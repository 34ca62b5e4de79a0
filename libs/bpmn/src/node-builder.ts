// Builds one FlowNode of the model from its moddle element, once its kind, scope and
// connected flows are known; the dialect reader supplies jobs, user tasks, scripts, messages and
// mappings.
import type { ModdleElement } from 'bpmn-moddle';
import type { DialectReader } from './dialect';
import type { FlowNode, FlowNodeKind } from './model';
import { stringProperty } from './moddle-access';
import { messageSubscription } from './messages';
import type { ProblemCollector } from './problems';

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
  switch (context.kind) {
    case 'startEvent':
    case 'parallelGateway':
      return { ...base, kind: context.kind };
    case 'task':
    case 'manualTask':
      return { ...base, kind: context.kind };
    case 'endEvent':
      return { ...base, kind: 'endEvent', terminate: context.terminate };
    case 'intermediateCatchEvent':
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
      return {
        ...base,
        kind: 'exclusiveGateway',
        ...(context.defaultFlowId === undefined ? {} : { defaultFlowId: context.defaultFlowId }),
      };
    case 'subProcess':
      return { ...base, kind: 'subProcess', startEventIds: context.startEventIds };
  }
}

const missingMessage = { name: { kind: 'static', value: '' } } as const;

const missingJob = {
  type: { kind: 'static', value: '' },
  retries: { kind: 'static', value: '3' },
  headers: {},
} as const;
