// Reads a DMN file with dmn-moddle into the executable model of model.ts, collecting every problem
// with the element it is about instead of stopping at the first (STYLE "lenient parse"). Decisions
// and business knowledge models hold boxed expressions (read-boxed-expression.ts), decision services
// call decisions (read-decision-service.ts); imports and Java or PMML functions are refused.
import type { DmnElement, DmnModdle } from 'dmn-moddle';
import { dmnModdleWithDmn15BoxedExpressions } from './dmn15-boxed-types';
import { asDmn13, declaresDmn } from './dmn-namespaces';
import type { DecisionModel, DmnProblem, DmnReadResult, InputDataModel } from './model';
import { elementsOf } from './moddle-values';
import { readBoxedExpression } from './read-boxed-expression';
import { readBusinessKnowledgeModel } from './read-bkm';
import { readDecisionService } from './read-decision-service';
import { decisionRequirement, knowledgeRequirement, requiredIds } from './requirement-refs';

let moddle: DmnModdle | undefined;

/** Reads one DMN resource; `resourceName` names it in problems. */
export async function readDmn(xml: string, resourceName: string): Promise<DmnReadResult> {
  if (!declaresDmn(xml))
    return fail({ code: 'NOT_DMN', message: `${resourceName} is not a DMN XML document` });
  let root: DmnElement;
  try {
    moddle ??= dmnModdleWithDmn15BoxedExpressions();
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
  const idsOf = (type: string): Set<string> =>
    new Set(drgElements.filter((element) => element.$type === type).map((element) => element.id ?? ''));
  const known: KnownIds = {
    decisions: idsOf('dmn:Decision'),
    invocables: new Set([...idsOf('dmn:BusinessKnowledgeModel'), ...idsOf('dmn:DecisionService')]),
  };
  const decisions = drgElements
    .filter((element) => element.$type === 'dmn:Decision')
    .flatMap((element) => readDecision(element, known, problems));
  const businessKnowledgeModels = drgElements
    .filter((element) => element.$type === 'dmn:BusinessKnowledgeModel')
    .flatMap((element) => readBusinessKnowledgeModel(element, known.invocables, problems));
  const decisionServices = drgElements
    .filter((element) => element.$type === 'dmn:DecisionService')
    .flatMap((element) => readDecisionService(element, decisions, inputData, problems));
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
      ...(businessKnowledgeModels.length > 0 ? { businessKnowledgeModels } : {}),
      ...(decisionServices.length > 0 ? { decisionServices } : {}),
    },
  };
}

/** The ids of the file's decisions and business knowledge models, which requirements may name. */
interface KnownIds {
  readonly decisions: ReadonlySet<string>;
  /** Business knowledge models and decision services: what a knowledge requirement may name. */
  readonly invocables: ReadonlySet<string>;
}

function fail(problem: DmnProblem): DmnReadResult {
  return { ok: false, problems: [problem] };
}

function readDecision(element: DmnElement, known: KnownIds, problems: DmnProblem[]): DecisionModel[] {
  const decisionId = element.id;
  if (!decisionId) {
    problems.push({ code: 'MISSING_ID', message: `decision '${element.name ?? '?'}' has no id` });
    return [];
  }
  const name = element.name ?? decisionId;
  const variable = element.variable as DmnElement | undefined;
  const requiredDecisionIds = requiredIds(
    element,
    decisionId,
    decisionRequirement,
    known.decisions,
    problems,
  );
  const requiredKnowledgeIds = requiredIds(
    element,
    decisionId,
    knowledgeRequirement,
    known.invocables,
    problems,
  );
  const logic = element.decisionLogic as DmnElement | undefined;
  if (!logic) {
    problems.push({
      code: 'UNSUPPORTED_DECISION_LOGIC',
      elementId: decisionId,
      message: 'the decision has no decision logic',
    });
    return [];
  }
  const read = readBoxedExpression(logic, decisionId, problems);
  if (!read) return [];
  const versionTag = versionTagOf(element);
  return [
    {
      decisionId,
      name,
      resultName: variable?.name ?? name,
      requiredDecisionIds,
      ...(requiredKnowledgeIds.length > 0 ? { requiredKnowledgeIds } : {}),
      ...(versionTag === undefined ? {} : { versionTag }),
      logic: read,
    },
  ];
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
