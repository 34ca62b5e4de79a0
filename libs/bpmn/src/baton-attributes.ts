// Baton's own process attributes in the `https://baton.dev/schema/bpmn/1.0` namespace, read from
// `$attrs` (no moddle descriptor needed): starter roles and mandatory start variables.
import type { ModdleElement } from 'bpmn-moddle';
import { foreignAttribute, splitList } from './moddle-access';

/** Namespace URI of Baton's BPMN extension attributes. */
export const BATON_NAMESPACE = 'https://baton.dev/schema/bpmn/1.0';

export function batonStarterGroups(process: ModdleElement): string[] {
  return splitList(foreignAttribute(process, BATON_NAMESPACE, 'candidateStarterGroups'));
}

export function batonMandatoryVariables(process: ModdleElement): string[] {
  return splitList(foreignAttribute(process, BATON_NAMESPACE, 'mandatoryParams'));
}
