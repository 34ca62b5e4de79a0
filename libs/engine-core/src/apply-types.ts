// The signature of the pure core: apply(state, command, ctx) → { state, effects } (DESIGN §3.1).
import type { ProcessModel } from '@baton/bpmn';
import type { Effect } from './effects';
import type { InstanceState } from './state';

export interface DefinitionRef {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly model: ProcessModel;
  /** Definition-level suspension arrives with issue 6; present so the shape does not change. */
  readonly tenantId: string;
}

/** Everything non-deterministic the core needs, injected so that apply() is a pure function. */
export interface ApplyContext {
  /** Current time, epoch milliseconds. */
  readonly now: number;
  /** Returns a new unique key (decimal string) each call. */
  nextKey(): string;
  /** The definition of the instance the command is about. */
  readonly definition: DefinitionRef;
}

export interface CommandRejection {
  readonly code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT';
  readonly message: string;
}

export interface ApplyResult {
  /** The new state; `undefined` only when a rejected command had no instance to work on. */
  readonly state: InstanceState | undefined;
  readonly effects: readonly Effect[];
  /** Set when the command was refused; the state is then unchanged. */
  readonly rejection?: CommandRejection;
}
