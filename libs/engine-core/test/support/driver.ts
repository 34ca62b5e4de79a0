// Test-only: drives one instance through apply() with a fixed clock and a counting key
// generator. Every state handed to apply() is deep-frozen, so a mutation of the input fails the test.
import type { ProcessModel } from '@baton/bpmn';
import type { EngineCommand, ReplyTarget, Variables } from '@baton/contracts';
import {
  apply,
  type ApplyContext,
  type ApplyResult,
  type DefinitionRef,
  type Effect,
  type Incident,
  type InstanceState,
  type Job,
  type Token,
  type UserTask,
} from '../../src';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CommandInput = DistributiveOmit<EngineCommand, 'commandId' | 'processInstanceKey'>;

export const START_TIME = Date.UTC(2025, 0, 1, 12, 0, 0);
export const REPLY_TARGET: ReplyTarget = { requestId: 'request-1', replicaId: 'replica-1' };

export function definitionOf(model: ProcessModel): DefinitionRef {
  return {
    processDefinitionKey: '2251799813685249',
    processDefinitionId: model.processDefinitionId,
    processDefinitionVersion: 1,
    model,
    tenantId: '<default>',
  };
}

export class InstanceDriver {
  state: InstanceState | undefined;
  result: ApplyResult | undefined;
  now = START_TIME;
  private nextKeyValue = 1000;
  private commandCount = 0;
  readonly processInstanceKey = '100';
  readonly definition: DefinitionRef;

  constructor(readonly model: ProcessModel) {
    this.definition = definitionOf(model);
  }

  context(): ApplyContext {
    return { now: this.now, nextKey: () => String(this.nextKeyValue++), definition: this.definition };
  }

  send(command: CommandInput): ApplyResult {
    const full = {
      ...command,
      commandId: `command-${++this.commandCount}`,
      processInstanceKey: this.processInstanceKey,
    };
    const result = apply(this.state === undefined ? undefined : deepFreeze(this.state), full, this.context());
    this.result = result;
    this.state = result.state;
    return result;
  }

  create(
    variables: Variables = {},
    extra: Partial<Extract<CommandInput, { type: 'CREATE_INSTANCE' }>> = {},
  ): ApplyResult {
    return this.send({
      type: 'CREATE_INSTANCE',
      processDefinitionKey: this.definition.processDefinitionKey,
      variables,
      ...extra,
    });
  }

  get current(): InstanceState {
    if (!this.state) throw new Error('no instance yet');
    return this.state;
  }

  /** The open (ACTIVATABLE) job of an element. */
  job(elementId: string): Job {
    const job = Object.values(this.current.jobs).find(
      (candidate) => candidate.elementId === elementId && candidate.state === 'ACTIVATABLE',
    );
    if (!job) throw new Error(`no open job at ${elementId}`);
    return job;
  }

  userTask(elementId: string): UserTask {
    const task = Object.values(this.current.userTasks).find(
      (candidate) => candidate.elementId === elementId && candidate.state === 'CREATED',
    );
    if (!task) throw new Error(`no open user task at ${elementId}`);
    return task;
  }

  openIncidents(): Incident[] {
    return Object.values(this.current.incidents).filter((incident) => incident.state === 'ACTIVE');
  }

  completeJob(elementId: string, variables: Variables = {}): ApplyResult {
    return this.send({ type: 'COMPLETE_JOB', jobKey: this.job(elementId).jobKey, variables });
  }

  effects<T extends Effect['type']>(type: T): Extract<Effect, { type: T }>[] {
    return (this.result?.effects ?? []).filter(
      (effect): effect is Extract<Effect, { type: T }> => effect.type === type,
    );
  }

  rootVariables(): Variables {
    return this.current.variables[this.processInstanceKey] ?? {};
  }

  /** Tokens as `elementId:STATE`, with `parent` the element of the parent token, for readable assertions. */
  tokens(): { elementId: string; state: Token['state']; parent?: string }[] {
    const all = this.current.tokens;
    return Object.values(all).map((token) => ({
      elementId: token.elementId,
      state: token.state,
      ...(token.parentTokenKey !== undefined ? { parent: `${all[token.parentTokenKey]?.elementId}` } : {}),
    }));
  }

  liveTokens(): string[] {
    return Object.values(this.current.tokens)
      .filter((token) => token.state !== 'COMPLETED' && token.state !== 'TERMINATED')
      .map((token) => `${token.elementId}:${token.state}`)
      .sort();
  }

  activeElementIds(): string[] {
    const event = this.effects('INSTANCE_EVENT')[0]?.event;
    return [...(event?.activeElementIds ?? [])].sort();
  }
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
