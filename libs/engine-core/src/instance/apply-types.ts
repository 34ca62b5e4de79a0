// The signature of the pure core: apply(state, command, ctx) → { state, effects } (DESIGN §3.1).
import type { ProcessModel } from '@baton/bpmn';
import type { Effect } from './effects';
import type { InstanceState } from './state';

export interface DefinitionRef {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly model: ProcessModel;
  readonly tenantId: string;
  /** Camunda 7: a suspended definition cannot be instantiated (CREATE_INSTANCE is refused). */
  readonly suspended?: boolean;
  /** Elements whose job definition is suspended: their new jobs are created suspended. */
  readonly suspendedJobElementIds?: readonly string[];
}

/** Everything non-deterministic the core needs, injected so that apply() is a pure function. */
export interface ApplyContext {
  /** Current time, epoch milliseconds. */
  readonly now: number;
  /** Returns a new unique key (decimal string) each call. */
  nextKey(): string;
  /** The definition of the instance the command is about. */
  readonly definition: DefinitionRef;
  /**
   * MIGRATE_INSTANCE only: the definition the instance moves to, read by the runtime under the
   * command's targetProcessDefinitionKey; absent when nothing is deployed under that key.
   */
  readonly migrationTarget?: DefinitionRef;
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
