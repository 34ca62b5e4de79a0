// Signals in the model: every signal event (start, intermediate catch, boundary, event subprocess
// start, intermediate throw, end) names the `bpmn:signal` its signalEventDefinition references.
// As in Zeebe, the signal name may be a FEEL expression (`=…`) where it is evaluated in a running
// instance — catch, boundary and throw events, event subprocess starts — but a signal start event
// at process level is subscribed at deploy, so its name is fixed text, and one process's signal
// start events wait for distinct names.
import type { ModdleElement } from 'bpmn-moddle';
import { valueSource } from './expressions';
import type { FlowNode, SignalModel } from './model';
import { elementList, elementProperty, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** Whether the element has a bpmn:signalEventDefinition. */
export function hasSignalDefinition(element: ModdleElement): boolean {
  return elementList(element, 'eventDefinitions').some(
    (definition) => definition.$type === 'bpmn:SignalEventDefinition',
  );
}

const missingSignal: SignalModel = { name: { kind: 'static', value: '' } };

/**
 * The signal a signal event catches or throws; a placeholder after reporting MISSING_SIGNAL (no
 * signal referenced, or one without a name) or INVALID_SIGNAL_START (a process-level start event
 * whose name is an expression).
 */
export function signalOf(event: ModdleElement, problems: ProblemCollector): SignalModel {
  const elementId = event.id ?? '';
  const definition = elementList(event, 'eventDefinitions').find(
    (candidate) => candidate.$type === 'bpmn:SignalEventDefinition',
  );
  const signal = definition && elementProperty(definition, 'signalRef');
  const name = signal && stringProperty(signal, 'name');
  if (name === undefined) {
    problems.problem(
      ProblemCode.MISSING_SIGNAL,
      `signal event '${elementId}' does not reference a bpmn:signal with a name: set its signalRef`,
      elementId,
    );
    return missingSignal;
  }
  const processLevelStart = event.$type === 'bpmn:StartEvent' && event.$parent?.$type === 'bpmn:Process';
  if (processLevelStart && name.trim().startsWith('=')) {
    problems.problem(
      ProblemCode.INVALID_SIGNAL_START,
      `signal start event '${elementId}' has the signal name expression '${name}'; the name of a signal start event is fixed text`,
      elementId,
    );
    return missingSignal;
  }
  return { name: valueSource(name, { elementId, what: 'signal name' }, problems) };
}

/** The process-level signal start events of a process. */
export function processSignalStarts(
  elements: Readonly<Record<string, FlowNode>>,
  processId: string,
): (FlowNode & { kind: 'startEvent' })[] {
  return Object.values(elements).flatMap((node) =>
    node.kind === 'startEvent' && node.signal !== undefined && node.scopeId === processId ? [node] : [],
  );
}

/** Reports two signal start events of a process that wait for the same signal name. */
export function checkSignalStartEvents(
  elements: Readonly<Record<string, FlowNode>>,
  processId: string,
  problems: ProblemCollector,
): void {
  const seen = new Map<string, string>();
  for (const start of processSignalStarts(elements, processId)) {
    const name = start.signal?.name.kind === 'static' ? start.signal.name.value : '';
    if (name === '') continue;
    const other = seen.get(name);
    if (other !== undefined)
      problems.problem(
        ProblemCode.INVALID_SIGNAL_START,
        `signal start events '${other}' and '${start.id}' both wait for signal '${name}'; the signal start events of a process need distinct names`,
        start.id,
      );
    else seen.set(name, start.id);
  }
}
