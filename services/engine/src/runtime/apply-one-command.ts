// One command applied by the core, as the command processor does it for every command of a batch:
// with its definition (from the processor's cache), at the command's record time and with keys from
// its place in the log (so that a replay gives the same instance), answering a refused command
// whose caller waits, and containing a core that throws to that one command.
import type { EngineCommand } from '@baton/contracts';
import type { ApplyContext, ApplyResult, DefinitionRef, Effect, InstanceState } from '@baton/engine-core';
import type { MessageHeaders } from '@baton/messaging';
import type { Logger } from '@baton/platform';
import { logCommandApplied, logCommandFailure } from './command-log';
import type { DefinitionCache } from './definition-cache';
import { pinnedTimeOf } from './engine-clock';
import { logPositionKeys, type LogPosition } from './log-position-keys';
import { processInstanceNotFoundMessage } from '../errors';

/** The pure core's entry point (engine-core `apply`), injectable for tests. */
export type ApplyFunction = (
  state: InstanceState | undefined,
  command: EngineCommand,
  ctx: ApplyContext,
) => ApplyResult;

/** A command as the log delivered it. */
export interface ReceivedCommand extends LogPosition {
  readonly headers: MessageHeaders;
  /** The record's time, epoch ms. */
  readonly timestamp: number;
}

export interface ApplyOneCommandDeps {
  readonly apply: ApplyFunction;
  /** Holds every definition the batch needs (the processor loaded them before applying). */
  readonly definitions: DefinitionCache;
  readonly logger: Logger;
  /** For a command that did not come from the log (tests): the replica's clock and keys. */
  readonly clock: () => number;
  readonly nextKey: () => string;
  readonly onCommandError?: (error: unknown, command: EngineCommand) => void;
}

export function applyOneCommand(
  deps: ApplyOneCommandDeps,
  state: InstanceState | undefined,
  command: EngineCommand,
  received: ReceivedCommand | undefined,
): ApplyResult {
  const result = applyWithDefinition(deps, state, command, received);
  logCommandApplied(deps.logger, command, received?.headers, state, result);
  return result;
}

function applyWithDefinition(
  deps: ApplyOneCommandDeps,
  state: InstanceState | undefined,
  command: EngineCommand,
  received: ReceivedCommand | undefined,
): ApplyResult {
  const definitionKey =
    command.type === 'CREATE_INSTANCE' ? command.processDefinitionKey : state?.processDefinitionKey;
  const definition = definitionKey === undefined ? undefined : deps.definitions.cached(definitionKey);
  if (!definition || refusedAsDeleted(deps.definitions, command)) {
    const message =
      state || command.type === 'CREATE_INSTANCE'
        ? `Process definition ${definitionKey ?? '?'} not found.`
        : processInstanceNotFoundMessage(command.processInstanceKey);
    return rejected(state, command, 'NOT_FOUND', message);
  }
  try {
    const ctx: ApplyContext = {
      // The command's own time, part of its record: a replay applies it at the same moment. A
      // command appended while its producer's clock was pinned (PUT /v2/clock) carries that time.
      now: pinnedTimeOf(received?.headers) ?? received?.timestamp ?? deps.clock(),
      // From the command's place in the log: a replay makes the same keys.
      nextKey: received ? logPositionKeys(received) : deps.nextKey,
      definition,
    };
    const result = deps.apply(
      state,
      command,
      // A migration's target, by the key the command carries: a replay reads the same definition.
      command.type === 'MIGRATE_INSTANCE'
        ? { ...ctx, migrationTarget: migrationTarget(deps.definitions, command.targetProcessDefinitionKey) }
        : ctx,
    );
    if (result.rejection && command.reply && !result.effects.some((effect) => effect.type === 'REPLY')) {
      return {
        ...result,
        effects: [
          ...result.effects,
          rejectionReply(command, result.rejection.code, result.rejection.message),
        ],
      };
    }
    return result;
  } catch (error) {
    // A bug in the core must not block the partition: report, refuse this command, go on.
    deps.onCommandError?.(error, command);
    logCommandFailure(deps.logger, command, received?.headers, error);
    const message = `Command ${command.type} failed: ${error instanceof Error ? error.message : String(error)}`;
    return rejected(state, command, 'INVALID_STATE', message);
  }
}

/**
 * A create naming a deleted version finds none, as the replica that sent it would have answered
 * had it known; a create already answered with its key (admitted) runs on it.
 */
function refusedAsDeleted(definitions: DefinitionCache, command: EngineCommand): boolean {
  return (
    command.type === 'CREATE_INSTANCE' &&
    !command.admitted &&
    definitions.isDeleted(command.processDefinitionKey)
  );
}

/** A migration's target: none when deleted. */
function migrationTarget(definitions: DefinitionCache, key: string): DefinitionRef | undefined {
  return definitions.isDeleted(key) ? undefined : definitions.cached(key);
}

function rejected(
  state: InstanceState | undefined,
  command: EngineCommand,
  code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT',
  message: string,
): ApplyResult {
  return {
    state,
    effects: command.reply ? [rejectionReply(command, code, message)] : [],
    rejection: { code, message },
  };
}

function rejectionReply(
  command: EngineCommand,
  code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT',
  message: string,
): Effect {
  return { type: 'REPLY', target: command.reply!, body: { status: 'REJECTED', code, message } };
}
