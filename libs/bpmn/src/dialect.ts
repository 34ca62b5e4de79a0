// What the compiler needs from a vendor dialect (Zeebe or Camunda 7): job, user task, script and
// mapping definitions, message subscriptions, conditions and starter groups, read from that
// dialect's extensions.
import type { ModdleElement } from 'bpmn-moddle';
import type {
  CalledDecisionModel,
  JobDefinitionModel,
  MessageSubscriptionModel,
  ScriptModel,
  UserTaskModel,
  VariableMapping,
} from './model';
import type { ProblemCollector } from './problems';

export interface Mappings {
  readonly inputs: readonly VariableMapping[];
  readonly outputs: readonly VariableMapping[];
}

export interface ScriptImplementation {
  readonly script?: ScriptModel;
  readonly job?: JobDefinitionModel;
}

/** Reads one dialect's extensions; reports problems instead of throwing. */
export interface DialectReader {
  /** The job of a service, send or business-rule task; undefined after reporting why there is none. */
  job(task: ModdleElement, problems: ProblemCollector): JobDefinitionModel | undefined;
  /** True when a business rule task calls a DMN decision (else it is a job worker task). */
  hasCalledDecision(task: ModdleElement): boolean;
  /** The DMN decision a business rule task evaluates; undefined after reporting why it cannot. */
  calledDecision(task: ModdleElement, problems: ProblemCollector): CalledDecisionModel | undefined;
  userTask(task: ModdleElement, problems: ProblemCollector): UserTaskModel;
  scriptTask(task: ModdleElement, problems: ProblemCollector): ScriptImplementation;
  mappings(element: ModdleElement, problems: ProblemCollector): Mappings;
  /**
   * Name and correlation key of a named `bpmn:message` that the element `elementId` waits for;
   * undefined after reporting why it cannot be used.
   */
  messageSubscription(
    message: ModdleElement,
    elementId: string,
    problems: ProblemCollector,
  ): MessageSubscriptionModel | undefined;
  candidateStarterGroups(process: ModdleElement): readonly string[];
}
