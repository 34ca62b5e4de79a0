// Variables read from a stored instance (GET/search /v2/variables, user-task variables): one item
// per name per scope, keyed by variableKeyOf(scope, name). A search cuts values longer than
// Camunda's default variableSizeThreshold (8,191 characters of JSON text, Operate/Tasklist
// `camunda.database.variableSizeThreshold`) and says so with `isTruncated`; a get by key answers all.
import { DEFAULT_TENANT_ID, type VariableResponse } from '@baton/contracts';
import type { InstanceState } from '@baton/engine-core';
import { variableKeyOf } from '@baton/store';

/** Longest value a search answers whole, characters of JSON text. */
export const variableSearchValueLimit = 8191;

/** Every variable of every scope of the instance, values whole. */
export function variablesOf(instance: InstanceState): VariableResponse[] {
  const items: VariableResponse[] = [];
  for (const [scopeKey, variables] of Object.entries(instance.variables))
    for (const [name, value] of Object.entries(variables))
      items.push(variableItem(instance, scopeKey, name, value));
  return items;
}

/**
 * The variables a user task sees from its element instance: its own scope and every scope above
 * it up to the process, the nearest scope's value winning for a name.
 */
export function visibleVariablesOf(instance: InstanceState, elementInstanceKey: string): VariableResponse[] {
  const seen = new Set<string>();
  const items: VariableResponse[] = [];
  let scopeKey: string | undefined = elementInstanceKey;
  while (scopeKey !== undefined) {
    for (const [name, value] of Object.entries(instance.variables[scopeKey] ?? {})) {
      if (seen.has(name)) continue;
      seen.add(name);
      items.push(variableItem(instance, scopeKey, name, value));
    }
    scopeKey =
      scopeKey === instance.processInstanceKey
        ? undefined
        : (instance.elementInstances[scopeKey]?.flowScopeKey ?? instance.processInstanceKey);
  }
  return items;
}

function variableItem(
  instance: InstanceState,
  scopeKey: string,
  name: string,
  value: unknown,
): VariableResponse {
  return {
    variableKey: variableKeyOf(scopeKey, name),
    name,
    value: JSON.stringify(value) ?? 'null',
    scopeKey,
    processInstanceKey: instance.processInstanceKey,
    tenantId: instance.tenantId || DEFAULT_TENANT_ID,
    isTruncated: false,
  };
}

/** The item as a search answers it: a value past the limit cut, and marked. */
export function truncatedForSearch(item: VariableResponse): VariableResponse {
  if (item.value.length <= variableSearchValueLimit) return item;
  return { ...item, value: item.value.slice(0, variableSearchValueLimit), isTruncated: true };
}
