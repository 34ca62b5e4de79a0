// Variable scopes form a chain: element instance → its flow scope → … → the process instance.
// These helpers read that chain from either a finished InstanceState or a Draft in progress.
import type { Variables } from '@baton/contracts';
import type { ElementInstance } from '../instance/state';

/** The minimum a scope walk needs; implemented by Draft and by an adapter over InstanceState. */
export interface ScopeReader {
  readonly rootKey: string;
  elementInstance(key: string): ElementInstance | undefined;
  scopeVariables(scopeKey: string): Variables | undefined;
}

/** Scope keys from `scopeKey` up to the root, innermost first. */
export function scopeChain(reader: ScopeReader, scopeKey: string): string[] {
  const chain: string[] = [];
  let key: string | undefined = scopeKey;
  while (key !== undefined) {
    chain.push(key);
    if (key === reader.rootKey) break;
    key = reader.elementInstance(key)?.flowScopeKey ?? reader.rootKey;
  }
  return chain;
}

/** True when `scopeKey` is `ancestorKey` or lies (transitively) inside it. */
export function isWithinScope(reader: ScopeReader, scopeKey: string, ancestorKey: string): boolean {
  return scopeChain(reader, scopeKey).includes(ancestorKey);
}

/** Every variable visible from a scope; inner scopes shadow outer ones. */
export function collectVisibleVariables(reader: ScopeReader, scopeKey: string): Variables {
  const chain = scopeChain(reader, scopeKey);
  const visible: Variables = {};
  for (let index = chain.length - 1; index >= 0; index--) {
    const variables = reader.scopeVariables(chain[index] as string);
    if (variables) Object.assign(visible, variables);
  }
  return visible;
}
