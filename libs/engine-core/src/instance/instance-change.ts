// What one applied command changed in an instance's variables, for the instance history (issue
// 17): the names whose value differs between the state before and after, with both values cut to
// HISTORY_VALUE_LIMIT characters of JSON. Cheap when nothing changed: the variables record is
// shared, unchanged, between the two states (copy-on-write drafts), and so is every scope not written.
import {
  HISTORY_VALUE_LIMIT,
  HISTORY_VARIABLES_LIMIT,
  type EngineCommand,
  type InstanceChange,
  type VariableChange,
} from '@baton/contracts';
import { boundedJson, type BoundedJson } from './bounded-json';
import type { InstanceState } from './state';

/** The command applied, who sent it, and the variables it set or changed (scopes that ended are not listed). */
export function instanceChange(
  before: InstanceState | undefined,
  after: InstanceState,
  command: EngineCommand,
): InstanceChange {
  const variables: VariableChange[] = [];
  let omitted = 0;
  const beforeScopes = before?.variables;
  if (beforeScopes !== after.variables) {
    for (const scopeKey in after.variables) {
      if (!Object.hasOwn(after.variables, scopeKey)) continue;
      const now = after.variables[scopeKey];
      const was = beforeScopes?.[scopeKey];
      if (now === undefined || now === was) continue;
      for (const name in now) {
        if (!Object.hasOwn(now, name)) continue;
        const had = was !== undefined && Object.hasOwn(was, name);
        if (had && was[name] === now[name]) continue;
        const change = variableChange(scopeKey, name, had, was?.[name], now[name]);
        if (change === undefined) continue;
        if (variables.length < HISTORY_VARIABLES_LIMIT) variables.push(change);
        else omitted += 1;
      }
    }
  }
  // Literals rather than conditional spreads, which V8 copies on its slow path.
  const change: InstanceChange =
    command.actor === undefined
      ? { command: command.type, variables }
      : { command: command.type, actor: command.actor, variables };
  if (omitted > 0) change.variablesOmitted = omitted;
  return change;
}

/** Undefined when the value was written again unchanged (an equal object under a new reference). */
function variableChange(
  scopeKey: string,
  name: string,
  had: boolean,
  previous: unknown,
  value: unknown,
): VariableChange | undefined {
  const after = boundedJson(value, HISTORY_VALUE_LIMIT);
  if (!had) return { scopeKey, name, ...kept('after', value, after) };
  const before = boundedJson(previous, HISTORY_VALUE_LIMIT);
  if (!before.truncated && !after.truncated && before.text === after.text) return undefined;
  return { scopeKey, name, ...kept('before', previous, before), ...kept('after', value, after) };
}

type KeptValue = Pick<VariableChange, 'before' | 'after' | 'beforeTruncated' | 'afterTruncated'>;

/** The value itself when it fits, else the start of its JSON text, marked truncated. */
function kept(side: 'before' | 'after', value: unknown, json: BoundedJson): KeptValue {
  if (side === 'before')
    return json.truncated ? { before: json.text, beforeTruncated: true } : { before: value };
  return json.truncated ? { after: json.text, afterTruncated: true } : { after: value };
}
