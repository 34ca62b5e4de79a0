// Resolves a DRG element's requirements (`informationRequirement/requiredDecision`,
// `knowledgeRequirement/requiredKnowledge`) to the ids of elements of the same file; a reference to
// an element the file does not hold is a problem named by the element that makes it.
import type { DmnElement } from 'dmn-moddle';
import type { DmnProblem } from './model';
import { elementsOf } from './moddle-values';

export interface RequirementKind {
  /** The requirement elements: `informationRequirement` or `knowledgeRequirement`. */
  readonly requirement: string;
  /** The reference in each: `requiredDecision` or `requiredKnowledge`. */
  readonly reference: string;
  /** What the reference must name, for the problem: `decision`, `business knowledge model`. */
  readonly what: string;
}

export function requiredIds(
  element: DmnElement,
  ownerId: string,
  kind: RequirementKind,
  known: ReadonlySet<string>,
  problems: DmnProblem[],
): string[] {
  return elementsOf(element, kind.requirement).flatMap((requirement) => {
    const href = (requirement[kind.reference] as { href?: string } | undefined)?.href;
    if (href === undefined) return [];
    // `#id`, or `namespace#id` naming this file's own namespace (DMN 1.3 §6.3.2)
    const id = href.slice(href.indexOf('#') + 1);
    if (!known.has(id)) {
      problems.push({
        code: 'UNRESOLVED_REFERENCE',
        elementId: ownerId,
        message: `requires ${kind.what} '${href}', which is not in the file`,
      });
      return [];
    }
    return [id];
  });
}

export const decisionRequirement: RequirementKind = {
  requirement: 'informationRequirement',
  reference: 'requiredDecision',
  what: 'decision',
};

export const knowledgeRequirement: RequirementKind = {
  requirement: 'knowledgeRequirement',
  reference: 'requiredKnowledge',
  what: 'business knowledge model or decision service',
};
