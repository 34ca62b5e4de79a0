// Reads a DMN file with dmn-moddle into the executable model of model.ts, collecting every problem
// with the element it is about instead of stopping at the first (STYLE "lenient parse"). Baton runs
// what Camunda 8 runs: decision tables and literal expressions; other decision logic is refused.
import { DmnModdle, type DmnElement } from 'dmn-moddle';
import { asDmn13, declaresDmn } from './dmn-namespaces';
import { readDecisionTable } from './read-decision-table';
import type { DecisionModel, DmnProblem, DmnReadResult, InputDataModel } from './model';
import { elementsOf, textOf } from './moddle-values';

let moddle: DmnModdle | undefined;

/** Reads one DMN resource; `resourceName` names it in problems. */
export async function readDmn(xml: string, resourceName: string): Promise<DmnReadResult> {
  if (!declaresDmn(xml))
    return fail({ code: 'NOT_DMN', message: `${resourceName} is not a DMN XML document` });
  let root: DmnElement;
  try {
    moddle ??= new DmnModdle();
    root = (await moddle.fromXML(asDmn13(xml), 'dmn:Definitions')).rootElement;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    return fail({ code: 'NOT_DMN', message: `${resourceName} is not a DMN XML document: ${reason}` });
  }
  const problems: DmnProblem[] = [];
  const drgElements = elementsOf(root, 'drgElement');
  const inputData: InputDataModel[] = drgElements
    .filter((element) => element.$type === 'dmn:InputData')
    .map((element) => ({ inputDataId: element.id ?? '', name: element.name ?? element.id ?? '' }));
  const decisionIds = new Set(drgElements.filter((e) => e.$type === 'dmn:Decision').map((e) => e.id ?? ''));
  const decisions = drgElements
    .filter((element) => element.$type === 'dmn:Decision')
    .flatMap((element) => readDecision(element, decisionIds, problems));
  if (!root.id) problems.push({ code: 'MISSING_ID', message: 'the definitions element has no id' });
  if (decisions.length === 0 && problems.length === 0)
    problems.push({ code: 'NO_DECISION', elementId: root.id, message: 'the file defines no decision' });
  problems.push(...requirementCycles(decisions));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    drg: {
      decisionRequirementsId: root.id ?? '',
      name: root.name ?? root.id ?? '',
      namespace: typeof root.namespace === 'string' ? root.namespace : '',
      decisions,
      inputData,
    },
  };
}

function fail(problem: DmnProblem): DmnReadResult {
  return { ok: false, problems: [problem] };
}

function readDecision(
  element: DmnElement,
  decisionIds: Set<string>,
  problems: DmnProblem[],
): DecisionModel[] {
  const decisionId = element.id;
  if (!decisionId) {
    problems.push({ code: 'MISSING_ID', message: `decision '${element.name ?? '?'}' has no id` });
    return [];
  }
  const name = element.name ?? decisionId;
  const variable = element.variable as DmnElement | undefined;
  const requiredDecisionIds = elementsOf(element, 'informationRequirement').flatMap((requirement) => {
    const href = (requirement.requiredDecision as { href?: string } | undefined)?.href;
    if (href === undefined) return [];
    // `#id`, or `namespace#id` naming this file's own namespace (DMN 1.3 §6.3.2)
    const id = href.slice(href.indexOf('#') + 1);
    if (!decisionIds.has(id)) {
      problems.push({
        code: 'UNRESOLVED_REFERENCE',
        elementId: decisionId,
        message: `requires decision '${href}', which is not in the file`,
      });
      return [];
    }
    return [id];
  });
  const logic = element.decisionLogic as DmnElement | undefined;
  const versionTag = versionTagOf(element);
  const base = {
    decisionId,
    name,
    resultName: variable?.name ?? name,
    requiredDecisionIds,
    ...(versionTag === undefined ? {} : { versionTag }),
  };
  if (logic?.$type === 'dmn:DecisionTable') {
    const table = readDecisionTable(logic, decisionId, problems);
    return table ? [{ ...base, logic: table }] : [];
  }
  if (logic?.$type === 'dmn:LiteralExpression') {
    const expression = textOf(logic).trim();
    // No syntax check here: FEEL names may hold spaces (`Full Name`), which parse only against
    // the variables of an evaluation; a syntax error fails that evaluation with its message.
    if (expression === '') {
      problems.push({
        code: 'MISSING_EXPRESSION',
        elementId: logic.id ?? decisionId,
        message: 'the literal expression is empty',
      });
      return [];
    }
    return [{ ...base, logic: { kind: 'literalExpression', expression } }];
  }
  problems.push({
    code: 'UNSUPPORTED_DECISION_LOGIC',
    elementId: decisionId,
    message: logic
      ? `decision logic ${logic.$type.replace('dmn:', '')} is not supported (decision tables and literal expressions are)`
      : 'the decision has no decision logic',
  });
  return [];
}

/** The decision's `<zeebe:versionTag value="…"/>` (Camunda 8 modeler), read as any namespace's. */
function versionTagOf(decision: DmnElement): string | undefined {
  const values = (decision.extensionElements as { values?: DmnElement[] } | undefined)?.values ?? [];
  const tag = values.find((value) => value.$type.endsWith(':versionTag'))?.['value'];
  return typeof tag === 'string' && tag.trim() !== '' ? tag.trim() : undefined;
}

/** Decisions that require themselves through a chain could never be evaluated. */
function requirementCycles(decisions: readonly DecisionModel[]): DmnProblem[] {
  const byId = new Map(decisions.map((decision) => [decision.decisionId, decision]));
  const problems: DmnProblem[] = [];
  for (const decision of decisions) {
    const seen = new Set<string>();
    const pending = [...decision.requiredDecisionIds];
    while (pending.length > 0) {
      const id = pending.pop() as string;
      if (id === decision.decisionId) {
        problems.push({
          code: 'REQUIREMENT_CYCLE',
          elementId: decision.decisionId,
          message: 'the decision requires itself through its required decisions',
        });
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...(byId.get(id)?.requiredDecisionIds ?? []));
    }
  }
  return problems;
}
