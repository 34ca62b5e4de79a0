// Turns bpmn-moddle's import warnings (unresolved references, duplicate ids, unparsable content)
// into compile problems with stable codes and, where moddle knows it, the element id. Those of
// the diagram interchange are warnings only (issue 16: the diagram is not execution semantics).
import type { ModdleWarning } from 'bpmn-moddle';
import type { ReportedFlowEnds } from './compile-process';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ');
}

/** Records every warning as a problem (an unsupported encoding only as a warning); returns the flows whose source/target were reported. */
export function reportModdleWarnings(
  warnings: readonly ModdleWarning[],
  problems: ProblemCollector,
): ReportedFlowEnds {
  const sources = new Set<string>();
  const targets = new Set<string>();
  for (const warning of warnings) {
    const elementId = warning.element?.id;
    const message = oneLine(warning.message);
    const unresolved = /^unresolved reference <(.*)>$/.exec(message);
    if (isDiagramInterchange(warning.element?.$type)) {
      // How the diagram is drawn is not what runs: Camunda deploys such files (modelers leave
      // shapes of deleted elements behind), so Baton does too and says what it found.
      problems.warning(
        ProblemCode.DIAGRAM_INTERCHANGE,
        unresolved
          ? `diagram element '${elementId ?? '?'}' refers to unknown element '${unresolved[1] ?? ''}' (${warning.property ?? 'reference'}); it is not drawn`
          : `diagram element '${elementId ?? '?'}': ${message}`,
        elementId,
      );
    } else if (unresolved && elementId !== undefined && warning.property === 'bpmn:sourceRef') {
      sources.add(elementId);
      problems.problem(
        ProblemCode.UNKNOWN_FLOW_SOURCE,
        `sequence flow '${elementId}' comes from unknown element '${unresolved[1] ?? ''}'`,
        elementId,
      );
    } else if (unresolved && elementId !== undefined && warning.property === 'bpmn:targetRef') {
      targets.add(elementId);
      problems.problem(
        ProblemCode.UNKNOWN_FLOW_TARGET,
        `sequence flow '${elementId}' goes to unknown element '${unresolved[1] ?? ''}'`,
        elementId,
      );
    } else if (unresolved) {
      const description = `'${elementId ?? '?'}' refers to unknown element '${unresolved[1] ?? ''}' (${warning.property ?? 'reference'})`;
      // A service interface's operation only documents the service: jobs are typed by
      // zeebe:taskDefinition, so a dangling message of an operation cannot affect a run (Zeebe
      // deploys such files too, e.g. the MIWG model C.8.1's `triso:unspecified`).
      if (warning.element?.$type === 'bpmn:Operation')
        problems.warning(ProblemCode.UNRESOLVED_REFERENCE, description, elementId);
      else problems.problem(ProblemCode.UNRESOLVED_REFERENCE, description, elementId);
    } else {
      const duplicate = /duplicate ID <([^>]*)>/.exec(message);
      // moddle still decodes such files correctly enough to read their ids and structure.
      if (/^unsupported document encoding/.test(message)) problems.warning(ProblemCode.XML_ENCODING, message);
      else if (duplicate)
        problems.problem(
          ProblemCode.DUPLICATE_ID,
          `id '${duplicate[1] ?? ''}' is used more than once`,
          duplicate[1],
        );
      else problems.problem(ProblemCode.INVALID_XML_CONTENT, message, elementId);
    }
  }
  return { sources, targets };
}

/** Whether a moddle type is part of the diagram interchange (BPMNDI, DC, DI), not of the model. */
function isDiagramInterchange(type: string | undefined): boolean {
  return type !== undefined && /^(bpmndi|dc|di):/.test(type);
}
