// A command as a message on the commands topic: keyed by its instance, so that every command of
// one instance lands on one partition and is applied in order, with the instance in the headers.
import type { EngineCommand } from '@baton/contracts';
import { produceTo, type MessageBus, type TopicMessage } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';

/** `traceparent`: the trace the command belongs to (a REST request's); without it the bus starts one. */
export function commandMessage(command: EngineCommand, traceparent?: string): TopicMessage<EngineCommand> {
  return {
    key: command.processInstanceKey,
    value: command,
    headers:
      traceparent === undefined
        ? { processInstanceKey: command.processInstanceKey }
        : { processInstanceKey: command.processInstanceKey, traceparent },
  };
}

/** Appends the commands to the commands topic, in order; nothing to send is no produce call. */
export async function appendCommands(
  bus: Pick<MessageBus, 'produce'>,
  commandsTopic: TopicAddress<EngineCommand>,
  commands: readonly EngineCommand[],
): Promise<void> {
  if (commands.length > 0)
    await produceTo(
      bus,
      commandsTopic,
      commands.map((command) => commandMessage(command)),
    );
}
