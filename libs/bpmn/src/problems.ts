// Problem codes and a small collector: the compiler never stops at the first problem,
// it records every one with the element it is about and keeps going (STYLE "lenient parse").
import type { BpmnProblem } from './model';

/** Stable machine codes of compile problems. */
export const ProblemCode = {
  NOT_BPMN: 'NOT_BPMN',
  NO_EXECUTABLE_PROCESS: 'NO_EXECUTABLE_PROCESS',
  NO_START_EVENT: 'NO_START_EVENT',
  AMBIGUOUS_START_EVENTS: 'AMBIGUOUS_START_EVENTS',
  INVALID_SUBPROCESS_START: 'INVALID_SUBPROCESS_START',
  UNKNOWN_FLOW_SOURCE: 'UNKNOWN_FLOW_SOURCE',
  UNKNOWN_FLOW_TARGET: 'UNKNOWN_FLOW_TARGET',
  UNRESOLVED_REFERENCE: 'UNRESOLVED_REFERENCE',
  /** A problem in the diagram interchange (BPMNDI): a warning, the diagram is not what runs. */
  DIAGRAM_INTERCHANGE: 'DIAGRAM_INTERCHANGE',
  INVALID_DEFAULT_FLOW: 'INVALID_DEFAULT_FLOW',
  MISSING_JOB_TYPE: 'MISSING_JOB_TYPE',
  MISSING_SCRIPT: 'MISSING_SCRIPT',
  MISSING_CONDITION: 'MISSING_CONDITION',
  MISSING_MESSAGE: 'MISSING_MESSAGE',
  MISSING_CORRELATION_KEY: 'MISSING_CORRELATION_KEY',
  INVALID_CORRELATION_KEY: 'INVALID_CORRELATION_KEY',
  MISSING_ERROR_CODE: 'MISSING_ERROR_CODE',
  MISSING_ESCALATION_CODE: 'MISSING_ESCALATION_CODE',
  INVALID_BOUNDARY_EVENT: 'INVALID_BOUNDARY_EVENT',
  INVALID_COMPENSATION: 'INVALID_COMPENSATION',
  INVALID_EVENT_SUBPROCESS: 'INVALID_EVENT_SUBPROCESS',
  INVALID_EVENT_GATEWAY: 'INVALID_EVENT_GATEWAY',
  INVALID_MESSAGE_START: 'INVALID_MESSAGE_START',
  MISSING_SIGNAL: 'MISSING_SIGNAL',
  INVALID_SIGNAL_START: 'INVALID_SIGNAL_START',
  INVALID_TIMER: 'INVALID_TIMER',
  INVALID_LINK: 'INVALID_LINK',
  INVALID_MULTI_INSTANCE: 'INVALID_MULTI_INSTANCE',
  MISSING_CALLED_ELEMENT: 'MISSING_CALLED_ELEMENT',
  UNSUPPORTED_ELEMENT: 'UNSUPPORTED_ELEMENT',
  UNSUPPORTED_EXPRESSION: 'UNSUPPORTED_EXPRESSION',
  FEEL_SYNTAX: 'FEEL_SYNTAX',
  FEEL_LIMIT: 'FEEL_LIMIT',
  DUPLICATE_ID: 'DUPLICATE_ID',
  INVALID_XML_CONTENT: 'INVALID_XML_CONTENT',
  INVALID_MAPPING: 'INVALID_MAPPING',
  IGNORED_PROCESS: 'IGNORED_PROCESS',
  XML_ENCODING: 'XML_ENCODING',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** Collects problems (which fail the deployment) and warnings (which do not). */
export class ProblemCollector {
  readonly problems: BpmnProblem[] = [];
  readonly warnings: BpmnProblem[] = [];

  problem(code: ProblemCode, message: string, elementId?: string): void {
    this.problems.push(elementId === undefined ? { code, message } : { code, elementId, message });
  }

  warning(code: ProblemCode, message: string, elementId?: string): void {
    this.warnings.push(elementId === undefined ? { code, message } : { code, elementId, message });
  }
}
