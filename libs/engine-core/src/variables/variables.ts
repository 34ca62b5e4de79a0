// Writing variables: local writes, Camunda propagation (nearest scope that already has the
// variable, else the root), and zeebe:input / zeebe:output mappings evaluated with FEEL.
import { evaluateFeel, type VariableMapping } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import type { Draft } from '../instance/draft';
import type { InstanceState } from '../instance/state';
import { copyVariables } from './copy-variables';
import { collectVisibleVariables, scopeChain, type ScopeReader } from './scope-chain';

/**
 * All variables visible from a scope (an element instance key, or the processInstanceKey),
 * inner scopes shadowing outer ones: what a job worker or user task form sees.
 */
export function visibleVariables(state: InstanceState, elementInstanceKey: string): Variables {
  return collectVisibleVariables(readerOf(state), elementInstanceKey);
}

/** Adapts a stored InstanceState to the scope walk. */
export function readerOf(state: InstanceState): ScopeReader {
  return {
    rootKey: state.processInstanceKey,
    elementInstance: (key) => state.elementInstances[key],
    scopeVariables: (key) => state.variables[key],
  };
}

/** Sets variables in exactly this scope. */
export function setLocalVariables(draft: Draft, scopeKey: string, variables: Variables): void {
  if (Object.keys(variables).length === 0) return;
  draft.putScopeVariables(scopeKey, copyVariables(draft.scopeVariables(scopeKey), variables));
}

/**
 * Camunda propagation: each variable goes to the nearest scope, starting at `scopeKey`, that
 * already holds a variable of that name; a new variable goes to the root (process) scope.
 */
export function propagateVariables(draft: Draft, scopeKey: string, variables: Variables): void {
  const names = Object.keys(variables);
  if (names.length === 0) return;
  const chain = scopeChain(draft, scopeKey);
  const writes = new Map<string, Variables>();
  for (const name of names) {
    const target = chain.find((key) => hasOwn(draft.scopeVariables(key), name)) ?? draft.rootKey;
    const batch = writes.get(target) ?? {};
    batch[name] = variables[name];
    writes.set(target, batch);
  }
  for (const [target, batch] of writes) setLocalVariables(draft, target, batch);
}

export type MappingResult =
  { readonly ok: true; readonly variables: Variables } | { readonly ok: false; readonly message: string };

/**
 * Evaluates mappings in order against `context`; each result is visible to the next one, as in a
 * FEEL context. Dotted targets (`order.total`) build nested objects, merged into the value that
 * `base` already has for the first segment.
 */
export function evaluateMappings(
  mappings: readonly VariableMapping[],
  context: Variables,
  base: Variables,
): MappingResult {
  const result: Variables = {};
  for (const mapping of mappings) {
    const evaluated = evaluateFeel(mapping.source, { ...context, ...result });
    if (!evaluated.ok) return { ok: false, message: evaluated.message };
    const [head, ...rest] = mapping.target.split('.');
    if (head === undefined) continue;
    if (rest.length === 0) {
      result[head] = evaluated.value;
    } else {
      const current = hasOwn(result, head) ? result[head] : base[head];
      result[head] = setPath(current, rest, evaluated.value);
    }
  }
  return { ok: true, variables: result };
}

/** Returns a copy of `target` (an object, or a new one) with `value` at `path`. */
function setPath(target: unknown, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  const [head, ...rest] = path;
  if (head === undefined) return copy;
  copy[head] = rest.length === 0 ? value : setPath(copy[head], rest, value);
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(variables: Variables | undefined, name: string): boolean {
  return variables !== undefined && Object.prototype.hasOwnProperty.call(variables, name);
}
