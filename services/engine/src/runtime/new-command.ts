// The command factory: every command the engine sends of its own accord (not derived from an
// effect, whose ids are deterministic) gets a fresh message id here, so that no caller writes one.
import type { EngineCommand } from '@baton/contracts';
import { newMessageId } from '@baton/messaging';

/** A command without its id; distributes over the union so each command type keeps its fields. */
export type CommandBody = EngineCommand extends infer C
  ? C extends EngineCommand
    ? Omit<C, 'commandId'>
    : never
  : never;

/** The command with a fresh, unique `commandId`. */
export function newCommand(body: CommandBody): EngineCommand {
  return { ...body, commandId: newMessageId() };
}
