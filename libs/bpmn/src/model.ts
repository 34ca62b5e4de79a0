// The executable model: what the compiler produces from BPMN XML and what the engine core reads.
// Plain, JSON-serialisable, deep-frozen data; every id is the BPMN element id.
import type { CalledDecisionModel } from './called-decision-model';
import type { CompensationModel, CompensationThrowModel } from './compensation-model';
import type { MultiInstanceModel } from './multi-instance-model';
import type { ValueSource } from './value-source';
export type { ValueSource } from './value-source';
export type * from './called-decision-model';
export type * from './compensation-model';
export type * from './multi-instance-model';

/** `zeebe:input` / `zeebe:output` (or Camunda 7 `camunda:inputParameter` translated to FEEL). */
export interface VariableMapping {
  /** FEEL expression without the leading `=`. */
  readonly source: string;
  /** Variable name, possibly a dotted path (`order.total`). */
  readonly target: string;
}

export interface JobDefinitionModel {
  readonly type: ValueSource;
  /** Retries as written (`zeebe:taskDefinition retries`), default `"3"`. */
  readonly retries: ValueSource;
  readonly headers: Readonly<Record<string, string>>;
}

export interface UserTaskModel {
  readonly assignee?: ValueSource;
  readonly candidateGroups?: ValueSource;
  readonly candidateUsers?: ValueSource;
  readonly dueDate?: ValueSource;
  readonly followUpDate?: ValueSource;
  readonly formKey?: string;
  /** `zeebe:formDefinition formId`: a form deployed with Camunda, resolved when the form is asked for. */
  readonly linkedForm?: LinkedFormModel;
  /** `zeebe:formDefinition externalReference`: an external form's address. */
  readonly externalFormReference?: string;
  readonly priority?: ValueSource;
  /** True for `zeebe:userTask` (Camunda user task), false for a job-worker-less plain user task. */
  readonly zeebeUserTask: boolean;
}

/** A form deployed with Camunda (`.form`), linked by its id: the latest version, or the one deployed with the process. */
export interface LinkedFormModel {
  readonly formId: string;
  readonly bindingType: 'latest' | 'deployment';
}

export interface ScriptModel {
  /** FEEL expression without the leading `=`. */
  readonly expression: string;
  readonly resultVariable: string;
}

export type FlowNodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'receiveTask'
  | 'task'
  | 'manualTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'userTask'
  | 'scriptTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity'
  | 'boundaryEvent';

/**
 * The message an intermediate catch event or receive task waits for (its `bpmn:message`):
 * both values are evaluated when a token enters the element and open a subscription.
 */
export interface MessageSubscriptionModel {
  /** The `bpmn:message` name: static, or FEEL (`=expr`). */
  readonly name: ValueSource;
  /**
   * FEEL expression (without the leading `=`) of the correlation key: `zeebe:subscription
   * correlationKey`. Absent in Camunda 7 models, which have none: the subscription is then
   * correlated by the processInstanceKey.
   */
  readonly correlationKey?: string;
}

/**
 * A timer event definition: which value it has (timeDuration, timeDate, timeCycle) and the value,
 * checked at deploy when static, evaluated when the timer is armed when FEEL (`=expr`).
 */
export interface TimerDefinitionModel {
  readonly kind: 'duration' | 'date' | 'cycle';
  readonly value: ValueSource;
}

/** The `bpmn:signal` a signal event catches or throws: its name, static or FEEL (`=expr`). */
export interface SignalModel {
  readonly name: ValueSource;
}

/** What an error catch event (boundary event, event subprocess start) catches. */
export interface ErrorCatchModel {
  /** The `bpmn:error` errorCode; absent for a catch-all (no errorRef, or an error without a code). */
  readonly errorCode?: string;
}

/** What an escalation catch event (boundary event, event subprocess start) catches. */
export interface EscalationCatchModel {
  /** The `bpmn:escalation` escalationCode; absent for a catch-all. */
  readonly escalationCode?: string;
}

/**
 * What makes a boundary event trigger, one variant per event definition. engine-core arms and
 * disarms each variant while its host runs (boundary-arming.ts); errors are not armed, a thrown
 * error looks for its catch (bpmn-errors.ts).
 */
export type BoundaryTrigger =
  | { readonly kind: 'message'; readonly message: MessageSubscriptionModel }
  | { readonly kind: 'error'; readonly error: ErrorCatchModel }
  | { readonly kind: 'timer'; readonly timer: TimerDefinitionModel }
  | { readonly kind: 'escalation'; readonly escalation: EscalationCatchModel }
  | { readonly kind: 'signal'; readonly signal: SignalModel }
  | { readonly kind: 'compensation' };

interface FlowNodeBase {
  readonly id: string;
  readonly name?: string;
  /** Id of the enclosing process or subprocess. */
  readonly scopeId: string;
  /** Sequence flow ids, in document order. */
  readonly incoming: readonly string[];
  /** Sequence flow ids, in document order (the order exclusive gateways evaluate them). */
  readonly outgoing: readonly string[];
  /**
   * A gateway's or an activity's default flow: taken only when no other outgoing flow is (an
   * activity takes its unconditional flows and those whose condition is true).
   */
  readonly defaultFlowId?: string;
  readonly inputMappings: readonly VariableMapping[];
  readonly outputMappings: readonly VariableMapping[];
  /** Ids of the boundary events attached to this activity, in document order; absent when none. */
  readonly boundaryEventIds?: readonly string[];
  /** A multi-instance activity (`bpmn:multiInstanceLoopCharacteristics`); absent for a plain one. */
  readonly multiInstance?: MultiInstanceModel;
  /** `camunda:asyncBefore`: the token waits as an engine job before entering (async-continuations.ts). */
  readonly asyncBefore?: true;
  /** `camunda:asyncAfter`: the token waits as an engine job before leaving. */
  readonly asyncAfter?: true;
}

export interface StartEventNode extends FlowNodeBase {
  readonly kind: 'startEvent';
  /** The error start event of an event subprocess: the errors it catches. */
  readonly error?: ErrorCatchModel;
  /** A timer start event (process level): instances are created when it falls due. */
  readonly timer?: TimerDefinitionModel;
  /**
   * A message start event: at process level a published message of this name creates an instance
   * (message-start-events.ts); in an event subprocess its subscription opens with the enclosing scope.
   */
  readonly message?: MessageSubscriptionModel;
  /** An event subprocess start event: false for `isInterrupting="false"` (message, timer, escalation). */
  readonly interrupting?: boolean;
  /** The escalation start event of an event subprocess: the escalations it catches. */
  readonly escalation?: EscalationCatchModel;
  /** A signal start event: at process level a broadcast starts an instance (signal-events.ts). */
  readonly signal?: SignalModel;
  /** A none start event's `baton:mandatory` property: variables a start here must provide (FLOWX). */
  readonly mandatoryVariables?: readonly string[];
  /**
   * A none start event's `baton:startCondition` (FEEL without `=`): with several none start
   * events, a create request's `startCondition` picks the one whose condition holds (FLOWX).
   */
  readonly startCondition?: string;
  /** A none start event's `zeebe:formDefinition formId`: the start form. */
  readonly linkedForm?: LinkedFormModel;
}
export interface EndEventNode extends FlowNodeBase {
  readonly kind: 'endEvent';
  /** A terminate end event ends every token of its scope. */
  readonly terminate: boolean;
  /** An error end event throws a BPMN error with this code (its `bpmn:error` errorCode). */
  readonly errorCode?: ValueSource;
  /** An escalation end event throws an escalation with this code (its `bpmn:escalation` escalationCode). */
  readonly escalationCode?: ValueSource;
  /** A signal end event broadcasts this signal. */
  readonly signal?: SignalModel;
  /** A compensation end event compensates its scope, then ends (compensation-model.ts). */
  readonly compensation?: CompensationThrowModel;
}
/** An intermediate message catch event or a receive task: waits for a correlated message. */
export interface MessageCatchNode extends FlowNodeBase {
  readonly kind: 'intermediateCatchEvent' | 'receiveTask';
  readonly message: MessageSubscriptionModel;
}
/** An intermediate timer catch event: waits until its timer falls due. */
export interface TimerCatchNode extends FlowNodeBase {
  readonly kind: 'intermediateCatchEvent';
  readonly timer: TimerDefinitionModel;
}
/** An intermediate link catch event: where the throw link events of the same name jump to. */
export interface LinkCatchNode extends FlowNodeBase {
  readonly kind: 'intermediateCatchEvent';
  /** The link name. */
  readonly link: string;
}
/** An intermediate throw link event: jumps to its catch (a none throw event compiles to a task). */
export interface IntermediateThrowNode extends FlowNodeBase {
  readonly kind: 'intermediateThrowEvent';
  /** The link catch event of the same name in the same scope (resolved by the compiler). */
  readonly link: { readonly name: string; readonly targetId: string };
}
/** An intermediate throw escalation event: throws its escalation, then (not interrupted) moves on. */
export interface EscalationThrowNode extends FlowNodeBase {
  readonly kind: 'intermediateThrowEvent';
  readonly escalationCode: ValueSource;
}
/** An intermediate signal catch event (waits for a broadcast) or throw event (broadcasts). */
export interface SignalCatchNode extends FlowNodeBase {
  readonly kind: 'intermediateCatchEvent';
  readonly signal: SignalModel;
}
export interface SignalThrowNode extends FlowNodeBase {
  readonly kind: 'intermediateThrowEvent';
  readonly signal: SignalModel;
}
/** An intermediate compensation throw event: compensates its scope, waits for the handlers, goes on. */
export interface CompensationThrowNode extends FlowNodeBase {
  readonly kind: 'intermediateThrowEvent';
  readonly compensation: CompensationThrowModel;
}
export interface PassThroughTaskNode extends FlowNodeBase {
  readonly kind: 'task' | 'manualTask';
}
export interface JobTaskNode extends FlowNodeBase {
  readonly kind: 'serviceTask' | 'sendTask' | 'businessRuleTask';
  readonly job: JobDefinitionModel;
}
export interface UserTaskNode extends FlowNodeBase {
  readonly kind: 'userTask';
  readonly userTask: UserTaskModel;
}
export interface ScriptTaskNode extends FlowNodeBase {
  readonly kind: 'scriptTask';
  /** A FEEL script (`zeebe:script`), or a job when the script task is implemented by a worker. */
  readonly script?: ScriptModel;
  readonly job?: JobDefinitionModel;
}
export interface ExclusiveGatewayNode extends FlowNodeBase {
  readonly kind: 'exclusiveGateway';
  readonly defaultFlowId?: string;
}
export interface ParallelGatewayNode extends FlowNodeBase {
  readonly kind: 'parallelGateway';
}
/**
 * An inclusive gateway: forks along every outgoing flow whose condition is true (a flow without
 * condition counts as true), else the default flow; joins (several incoming flows) once no other
 * token of its scope can still reach it.
 */
export interface InclusiveGatewayNode extends FlowNodeBase {
  readonly kind: 'inclusiveGateway';
  readonly defaultFlowId?: string;
}
/**
 * An event-based gateway: a token entering it waits for the first of the catch events (message,
 * timer) or receive tasks its flows lead to; that one completes, the others are withdrawn.
 */
export interface EventBasedGatewayNode extends FlowNodeBase {
  readonly kind: 'eventBasedGateway';
}
export interface SubProcessNode extends FlowNodeBase {
  readonly kind: 'subProcess';
  /**
   * None start events of the subprocess (exactly one for an embedded subprocess); for an event
   * subprocess, its one start event with a trigger (error).
   */
  readonly startEventIds: readonly string[];
  /**
   * An event subprocess (`triggeredByEvent`): entered by no flow, started inside its enclosing
   * scope when its start event's trigger happens there.
   */
  readonly triggeredByEvent?: boolean;
}
/** What a call activity starts: the latest version of a process, by id. */
export interface CalledElementModel {
  /** The process id (bpmnProcessId): static, or FEEL evaluated when the activity is entered. */
  readonly processId: ValueSource;
  /** Without output mappings, the child's variables are copied back on completion (default true). */
  readonly propagateAllChildVariables: boolean;
}
/**
 * A call activity: starts a child instance with its input mappings' variables (all visible
 * variables when it has none) and completes when the child completes.
 */
export interface CallActivityNode extends FlowNodeBase {
  readonly kind: 'callActivity';
  readonly calledElement: CalledElementModel;
}
/** A business rule task that evaluates a DMN decision in the engine, without a job. */
export interface DecisionTaskNode extends FlowNodeBase {
  readonly kind: 'businessRuleTask';
  readonly calledDecision: CalledDecisionModel;
}
/** A boundary event: triggers while the activity it is attached to runs. */
export interface BoundaryEventNode extends FlowNodeBase {
  readonly kind: 'boundaryEvent';
  /** The task or subprocess it is attached to (`attachedToRef`), in the same scope. */
  readonly attachedToId: string;
  /** Interrupting (`cancelActivity`, default true): the host ends when the event triggers. */
  readonly cancelActivity: boolean;
  readonly trigger: BoundaryTrigger;
}

export type FlowNode =
  | StartEventNode
  | EndEventNode
  | MessageCatchNode
  | TimerCatchNode
  | LinkCatchNode
  | SignalCatchNode
  | IntermediateThrowNode
  | EscalationThrowNode
  | SignalThrowNode
  | CompensationThrowNode
  | PassThroughTaskNode
  | JobTaskNode
  | UserTaskNode
  | ScriptTaskNode
  | ExclusiveGatewayNode
  | ParallelGatewayNode
  | InclusiveGatewayNode
  | EventBasedGatewayNode
  | SubProcessNode
  | CallActivityNode
  | DecisionTaskNode
  | BoundaryEventNode;

export interface SequenceFlowModel {
  readonly id: string;
  readonly name?: string;
  readonly sourceId: string;
  readonly targetId: string;
  /** FEEL condition without the leading `=` (Camunda 7 `${...}` already translated). */
  readonly condition?: string;
}

export interface ProcessModel {
  /** The BPMN process `id`: Camunda's `processDefinitionId` (bpmnProcessId). */
  readonly processDefinitionId: string;
  readonly name?: string;
  /** None start events directly in the process. */
  readonly startEventIds: readonly string[];
  /** Every flow node of the process, subprocess contents included, by id. */
  readonly elements: Readonly<Record<string, FlowNode>>;
  readonly flows: Readonly<Record<string, SequenceFlowModel>>;
  /**
   * Starter roles (DESIGN §6) from `camunda:candidateStarterGroups`, `baton:candidateStarterGroups`
   * or the process's `<zeebe:property name="baton:starterRoles" value="a,b" />`; empty: anyone.
   */
  readonly candidateStarterGroups: readonly string[];
  /** Variables a start request must provide (Baton's `baton:mandatoryParams`, FLOWX-style). */
  readonly mandatoryVariables: readonly string[];
  /**
   * False when the process says `camunda:isStartableInTasklist="false"`: it is started by other
   * means (a message, a timer, a parent) and the console does not offer it in its start list.
   */
  readonly startableInTasklist: boolean;
  /** Compensation handlers by compensable activity; absent without compensation boundary events. */
  readonly compensation?: CompensationModel;
}

/** One problem found while compiling a BPMN file. */
export interface BpmnProblem {
  /** Stable machine code, e.g. `NO_START_EVENT`, `UNKNOWN_FLOW_TARGET`, `FEEL_SYNTAX`. */
  readonly code: string;
  /** BPMN element id the problem is about, when there is one. */
  readonly elementId?: string;
  readonly message: string;
}

export type CompileResult =
  | {
      readonly ok: true;
      readonly processes: readonly ProcessModel[];
      readonly warnings: readonly BpmnProblem[];
    }
  | {
      readonly ok: false;
      readonly problems: readonly BpmnProblem[];
      readonly warnings: readonly BpmnProblem[];
    };
