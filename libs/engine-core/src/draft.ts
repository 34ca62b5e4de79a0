// A copy-on-write working copy of one instance while a command is applied. The input state is
// never mutated: each record map is shallow-copied once, on its first write, and only the
// changed records are new objects (structural sharing keeps apply() cheap on large instances).
import type { Variables } from '@baton/contracts';
import type { ApplyContext } from './apply-types';
import type { Effect } from './effects';
import type { ElementInstance, Incident, InstanceState, Job, Token, UserTask } from './state';
import type { Step } from './steps';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type RecordName = 'variables' | 'elementInstances' | 'tokens' | 'jobs' | 'userTasks' | 'incidents';
type RecordValue<N extends RecordName> = InstanceState[N][string];

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

/** Guards against a model that loops through pass-through elements without ever waiting. */
const MAX_STEPS_PER_COMMAND = 100_000;

export class Draft {
  private readonly current: Mutable<InstanceState>;
  private readonly copied = new Set<RecordName>();
  private readonly queue: Step[] = [];
  private head = 0;
  readonly effects: Effect[] = [];
  readonly nowIso: string;

  constructor(
    base: InstanceState,
    readonly ctx: ApplyContext,
  ) {
    this.current = { ...base };
    this.nowIso = new Date(ctx.now).toISOString();
  }

  /** The state as it is now (the final state once the command is applied). */
  get state(): InstanceState {
    return this.current;
  }

  get rootKey(): string {
    return this.current.processInstanceKey;
  }

  key(): string {
    return this.ctx.nextKey();
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  setHeader(changes: Partial<Pick<InstanceState, 'state' | 'endDate' | 'awaitingReplies' | 'completedElementIds'>>): void {
    Object.assign(this.current, changes);
  }

  enqueue(step: Step): void {
    this.queue.push(step);
  }

  /** The next step to process, FIFO; undefined when the queue is drained. */
  nextStep(): Step | undefined {
    if (this.head >= this.queue.length) return undefined;
    if (this.head >= MAX_STEPS_PER_COMMAND) {
      throw new Error(`instance ${this.rootKey} did not reach a wait state after ${MAX_STEPS_PER_COMMAND} steps (endless loop in the model?)`);
    }
    return this.queue[this.head++];
  }

  token(key: string): Token | undefined {
    return this.current.tokens[key];
  }
  putToken(token: Token): void {
    this.writable('tokens')[token.tokenKey] = token;
  }
  updateToken(key: string, changes: Partial<Token>): Token {
    const token = this.mustGet(this.current.tokens[key], 'token', key);
    const next = { ...token, ...changes };
    this.putToken(next);
    return next;
  }

  elementInstance(key: string): ElementInstance | undefined {
    return this.current.elementInstances[key];
  }
  putElementInstance(instance: ElementInstance): void {
    this.writable('elementInstances')[instance.key] = instance;
  }
  deleteElementInstance(key: string): void {
    if (this.current.elementInstances[key] === undefined) return;
    delete this.writable('elementInstances')[key];
  }
  updateElementInstance(key: string, changes: Partial<ElementInstance>): ElementInstance {
    const instance = this.mustGet(this.current.elementInstances[key], 'element instance', key);
    const next = { ...instance, ...changes };
    this.putElementInstance(next);
    return next;
  }

  job(key: string): Job | undefined {
    return this.current.jobs[key];
  }
  putJob(job: Job): void {
    this.writable('jobs')[job.jobKey] = job;
  }

  userTask(key: string): UserTask | undefined {
    return this.current.userTasks[key];
  }
  putUserTask(task: UserTask): void {
    this.writable('userTasks')[task.userTaskKey] = task;
  }

  incident(key: string): Incident | undefined {
    return this.current.incidents[key];
  }
  putIncident(incident: Incident): void {
    this.writable('incidents')[incident.incidentKey] = incident;
  }

  scopeVariables(scopeKey: string): Variables | undefined {
    return this.current.variables[scopeKey];
  }
  putScopeVariables(scopeKey: string, variables: Variables): void {
    this.writable('variables')[scopeKey] = variables;
  }
  deleteScopeVariables(scopeKey: string): void {
    if (this.current.variables[scopeKey] === undefined) return;
    delete this.writable('variables')[scopeKey];
  }

  private writable<N extends RecordName>(name: N): Record<string, RecordValue<N>> {
    if (!this.copied.has(name)) {
      this.current[name] = { ...this.current[name] };
      this.copied.add(name);
    }
    return this.current[name] as Record<string, RecordValue<N>>;
  }

  private mustGet<T>(value: T | undefined, what: string, key: string): T {
    if (value === undefined) throw new Error(`internal: unknown ${what} ${key}`);
    return value;
  }
}
