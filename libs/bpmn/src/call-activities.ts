// Call activities: `zeebe:calledElement processId` (static, or FEEL with a leading `=`) names the
// process to start, at its latest version; `propagateAllChildVariables` (default true, as in Zeebe)
// says whether the child's variables come back when it has no output mappings. A Camunda 7
// `calledElement` attribute is read as a static process id.
import type { ModdleElement } from 'bpmn-moddle';
import { valueSource } from './expressions';
import type { CalledElementModel } from './model';
import { findExtension, stringProperty } from './moddle-access';
import { ProblemCode, type ProblemCollector } from './problems';

export function calledElement(
  element: ModdleElement,
  problems: ProblemCollector,
): CalledElementModel | undefined {
  const elementId = element.id ?? '';
  const extension = findExtension(element, 'zeebe:CalledElement');
  const processId = (
    extension ? stringProperty(extension, 'processId') : stringProperty(element, 'calledElement')
  )?.trim();
  if (!processId) {
    problems.problem(
      ProblemCode.MISSING_CALLED_ELEMENT,
      `call activity '${elementId}' has no zeebe:calledElement processId`,
      elementId,
    );
    return undefined;
  }
  const propagate = extension?.['propagateAllChildVariables'];
  return {
    processId: valueSource(processId, { elementId, what: 'called process id' }, problems),
    propagateAllChildVariables: propagate !== false && propagate !== 'false',
  };
}
