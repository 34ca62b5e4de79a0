// Escalations in the model: what an escalation catch event (boundary event, event subprocess
// start) catches, and the code an escalation throw event (intermediate, end) throws, both read from
// the `bpmn:escalation` its escalationEventDefinition references. Zeebe's rules: a thrown
// escalation needs a code; an escalation boundary event sits on a subprocess or a call activity.
import type { ModdleElement } from 'bpmn-moddle';
import { valueSource } from './expressions';
import type { EscalationCatchModel, FlowNode, ValueSource } from './model';
import { elementList, elementProperty, stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** Whether the element has a bpmn:escalationEventDefinition. */
export function hasEscalationDefinition(element: ModdleElement): boolean {
  return elementList(element, 'eventDefinitions').some(
    (definition) => definition.$type === 'bpmn:EscalationEventDefinition',
  );
}

function referencedEscalationCode(event: ModdleElement): string | undefined {
  const definition = elementList(event, 'eventDefinitions').find(
    (candidate) => candidate.$type === 'bpmn:EscalationEventDefinition',
  );
  const escalation = definition && elementProperty(definition, 'escalationRef');
  return escalation && stringProperty(escalation, 'escalationCode');
}

/** What an escalation catch event catches: its escalation's code, or every escalation (catch-all). */
export function escalationCatch(event: ModdleElement): EscalationCatchModel {
  const escalationCode = referencedEscalationCode(event);
  return escalationCode === undefined ? {} : { escalationCode };
}

/** The code an escalation throw event throws; a placeholder after reporting MISSING_ESCALATION_CODE. */
export function thrownEscalationCode(event: ModdleElement, problems: ProblemCollector): ValueSource {
  const elementId = event.id ?? '';
  const escalationCode = referencedEscalationCode(event);
  if (escalationCode === undefined) {
    problems.problem(
      ProblemCode.MISSING_ESCALATION_CODE,
      `escalation throw event '${elementId}' throws no escalation code: reference a bpmn:escalation with an escalationCode`,
      elementId,
    );
    return { kind: 'static', value: '' };
  }
  return (
    valueSource(escalationCode, { elementId, what: 'escalation code' }, problems) ?? {
      kind: 'static',
      value: '',
    }
  );
}

/** Reports escalation boundary events on anything but a subprocess or a call activity (Zeebe's rule). */
export function checkEscalationBoundaryEvents(
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): void {
  for (const node of Object.values(elements)) {
    if (node.kind !== 'boundaryEvent' || node.trigger.kind !== 'escalation') continue;
    const host = elements[node.attachedToId];
    if (!host || host.kind === 'subProcess' || host.kind === 'callActivity') continue;
    problems.problem(
      ProblemCode.INVALID_BOUNDARY_EVENT,
      `escalation boundary event '${node.id}' is attached to ${host.kind} '${host.id}'; attach it to a subprocess or a call activity`,
      node.id,
    );
  }
}
