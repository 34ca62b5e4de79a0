// A copy-on-write working copy of one instance while a command is applied. The input state is
// never mutated: writes to a keyed record are kept beside it (RecordDraft) and folded into a new
// record object when the state is read; unchanged records are shared with the input (structural
// sharing keeps apply() cheap on large instances).
import type { Variables } from '@baton/contracts';
import type { ApplyContext, DefinitionRef } from './apply-types';
import type { Effect } from './effects';
import { isoTime } from './iso-time';
import { RecordDraft } from './record-draft';
import type { ElementInstance, Incident, InstanceState, Job, Token, UserTask } from './state';
import type { Step } from './steps';
import { TokenIndex } from './token-index';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type RecordName = 'variables' | 'elementInstances' | 'tokens' | 'jobs' | 'userTasks' | 'incidents';
type RecordValue<N extends RecordName> = InstanceState[N][string];
type RecordDrafts = { readonly [N in RecordName]: RecordDraft<RecordValue<N>> };

/** Thrown by a command handler to refuse the command; apply() turns it into a rejection. */
export class CommandRejectedError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT',
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejectedError';
  }
}

/**
 * `{ ...state }`, field by field. A spread copies the hidden class of its source, and states read
 * back from a store come out of object-rest copies whose classes V8 does not share: every later
 * write into the copy then took its slow path. Built by assignment, copies of states with the
 * same fields share one class.
 */
function copyFields(state: InstanceState): Mutable<InstanceState> {
  const copy: Record<string, unknown> = {};
  for (const field in state)
    if (Object.hasOwn(state, field)) copy[field] = state[field as keyof InstanceState];
  return copy as unknown as Mutable<InstanceState>;
}

/**
 * What a command's steps reach of the element behaviours from below them. Termination (ending an
 * element instance from a boundary event, a caught error, an escalation, a multi-instance
 * completion condition, a cancellation) runs its element kind's terminate hook; those modules are
 * themselves used by the element behaviours, so they cannot import the registry
 * (elements/registry.ts) without a cycle. apply() hands the registry's hooks in here instead, as
 * Zeebe hands its state-transition behaviour a processor lookup.
 */
export interface ElementHooks {
  /** Runs the terminate hook of the instance's element kind (its user task, subscription, timer, child). */
  terminate(draft: Draft, instance: ElementInstance): void;
}

/** Guards against a model that loops through pass-through elements without ever waiting. */
const MAX_STEPS_PER_COMMAND = 100_000;

export class Draft {
  /** The instance's own fields; its records are brought up to date by `state`. */
  private readonly current: Mutable<InstanceState>;
  private readonly records: RecordDrafts;
  /** Keys made by this command: no record of the input state holds them. */
  private readonly freshKeys = new Set<string>();
  private readonly queue: Step[] = [];
  private head = 0;
  /** Built at the first question a command asks of its tokens; kept up to date by putToken. */
  private tokenCounts: TokenIndex | undefined;
  readonly effects: Effect[] = [];
  readonly nowIso: string;

  constructor(
    base: InstanceState,
    readonly ctx: ApplyContext,
    readonly elements: ElementHooks,
  ) {
    this.current = copyFields(base);
    const fresh = this.freshKeys;
    this.records = {
      variables: new RecordDraft(base.variables, fresh),
      elementInstances: new RecordDraft(base.elementInstances, fresh),
      tokens: new RecordDraft(base.tokens, fresh),
      jobs: new RecordDraft(base.jobs, fresh),
      userTasks: new RecordDraft(base.userTasks, fresh),
      incidents: new RecordDraft(base.incidents, fresh),
    };
    this.nowIso = isoTime(ctx.now);
  }

  /** A draft of an instance being created, from its state with empty records. */
  static forNewInstance(state: InstanceState, ctx: ApplyContext, elements: ElementHooks): Draft {
    const draft = new Draft(state, ctx, elements);
    draft.freshKeys.add(state.processInstanceKey);
    return draft;
  }

  /** The state as it is now (the final state once the command is applied). */
  get state(): InstanceState {
    const { current, records } = this;
    current.variables = records.variables.current();
    current.elementInstances = records.elementInstances.current();
    current.tokens = records.tokens.current();
    current.jobs = records.jobs.current();
    current.userTasks = records.userTasks.current();
    current.incidents = records.incidents.current();
    return current;
  }

  /** The instance's own fields (status, dates, awaiting replies, …): cheaper than `state` mid-command. */
  get header(): Omit<InstanceState, RecordName> {
    return this.current;
  }

  /** Every token, for a scan: the tokens record as it is now. */
  tokens(): InstanceState['tokens'] {
    return this.records.tokens.current();
  }

  /** Counts over the tokens (live per scope and per parent, waiting at joins), without a scan. */
  tokenIndex(): TokenIndex {
    return (this.tokenCounts ??= new TokenIndex(Object.values(this.records.tokens.current())));
  }

  /** Every element instance, for a scan: the record as it is now. */
  elementInstances(): InstanceState['elementInstances'] {
    return this.records.elementInstances.current();
  }

  get rootKey(): string {
    return this.current.processInstanceKey;
  }

  key(): string {
    const key = this.ctx.nextKey();
    this.freshKeys.add(key);
    return key;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  setHeader(
    changes: Partial<
      Pick<
        InstanceState,
        | 'state'
        | 'endDate'
        | 'awaitingReplies'
        | 'completedElementIds'
        | 'suspended'
        | 'deferredCommands'
        | 'compensations'
      >
    >,
  ): void {
    // Field by field: Object.assign onto an object whose fields it adds takes V8's slow path.
    const { current } = this;
    if (changes.state !== undefined) current.state = changes.state;
    if (changes.endDate !== undefined) current.endDate = changes.endDate;
    if (changes.awaitingReplies !== undefined) current.awaitingReplies = changes.awaitingReplies;
    if (changes.completedElementIds !== undefined) current.completedElementIds = changes.completedElementIds;
    if (changes.suspended !== undefined) current.suspended = changes.suspended;
    if (changes.deferredCommands !== undefined) current.deferredCommands = changes.deferredCommands;
    // An empty list leaves the state: an instance without compensation carries no field for it.
    if (changes.compensations !== undefined) {
      if (changes.compensations.length > 0) current.compensations = changes.compensations;
      else delete current.compensations;
    }
  }

  /**
   * Process instance migration: from here on the instance runs `target` — its model for every
   * later step of this command, its key, id and version in the instance's own fields.
   */
  moveToDefinition(target: DefinitionRef): void {
    // `ctx` is read-only to the steps; the draft swaps it once, as a whole, for the new model.
    (this as unknown as { ctx: ApplyContext }).ctx = { ...this.ctx, definition: target };
    const { current } = this;
    current.processDefinitionKey = target.processDefinitionKey;
    current.processDefinitionId = target.processDefinitionId;
    current.processDefinitionVersion = target.processDefinitionVersion;
  }

  enqueue(step: Step): void {
    this.queue.push(step);
  }

  /** The next step to process, FIFO; undefined when the queue is drained. */
  nextStep(): Step | undefined {
    if (this.head >= this.queue.length) return undefined;
    if (this.head >= MAX_STEPS_PER_COMMAND) {
      throw new Error(
        `instance ${this.rootKey} did not reach a wait state after ${MAX_STEPS_PER_COMMAND} steps (endless loop in the model?)`,
      );
    }
    return this.queue[this.head++];
  }

  token(key: string): Token | undefined {
    return this.records.tokens.get(key);
  }
  putToken(token: Token): void {
    this.tokenCounts?.replace(this.records.tokens.get(token.tokenKey), token);
    this.records.tokens.set(token.tokenKey, token);
  }
  updateToken(key: string, changes: Partial<Token>): Token {
    const token = this.mustGet(this.records.tokens.get(key), 'token', key);
    // Object.assign, not a spread: V8 copies a spread of small records of varied shapes
    // (optional fields) through a path about twice as slow.
    const next: Token = Object.assign({}, token, changes);
    this.putToken(next);
    return next;
  }

  elementInstance(key: string): ElementInstance | undefined {
    return this.records.elementInstances.get(key);
  }
  putElementInstance(instance: ElementInstance): void {
    this.records.elementInstances.set(instance.key, instance);
  }
  deleteElementInstance(key: string): void {
    this.records.elementInstances.delete(key);
  }
  updateElementInstance(key: string, changes: Partial<ElementInstance>): ElementInstance {
    const instance = this.mustGet(this.records.elementInstances.get(key), 'element instance', key);
    const next: ElementInstance = Object.assign({}, instance, changes);
    this.putElementInstance(next);
    return next;
  }

  job(key: string): Job | undefined {
    return this.records.jobs.get(key);
  }
  putJob(job: Job): void {
    this.records.jobs.set(job.jobKey, job);
  }

  userTask(key: string): UserTask | undefined {
    return this.records.userTasks.get(key);
  }
  putUserTask(task: UserTask): void {
    this.records.userTasks.set(task.userTaskKey, task);
  }

  incident(key: string): Incident | undefined {
    return this.records.incidents.get(key);
  }
  putIncident(incident: Incident): void {
    this.records.incidents.set(incident.incidentKey, incident);
  }

  scopeVariables(scopeKey: string): Variables | undefined {
    return this.records.variables.get(scopeKey);
  }
  putScopeVariables(scopeKey: string, variables: Variables): void {
    this.records.variables.set(scopeKey, variables);
  }
  deleteScopeVariables(scopeKey: string): void {
    this.records.variables.delete(scopeKey);
  }

  private mustGet<T>(value: T | undefined, what: string, key: string): T {
    if (value === undefined) throw new Error(`internal: unknown ${what} ${key}`);
    return value;
  }
}
