// The engine's own job executor for asynchronous continuations (camunda:asyncBefore / asyncAfter):
// every continuation job that is created, or activated again, and is not suspended is answered
// with a CONTINUE_ASYNC command on its instance, in the transaction of the batch that made the job
// (so the command comes after it in the log and finds it); a suspended one waits for activation,
// which announces it again.
import type { EngineCommand } from '@baton/contracts';
import { produceTo, type MessageBus } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import type { Effect } from '@baton/engine-core';
import { commandMessage } from './command-messages';
import { newCommand } from './new-command';

export class AsyncContinuationRunner {
  constructor(
    private readonly options: {
      readonly bus: MessageBus;
      readonly commandsTopic: TopicAddress<EngineCommand>;
    },
  ) {}

  /** Sends the commands through `producer`: the batch's transaction, so that each goes once. */
  async dispatch(
    effects: readonly Effect[],
    producer: Pick<MessageBus, 'produce'> = this.options.bus,
  ): Promise<void> {
    const commands = effects.flatMap((effect) => {
      if (effect.type !== 'JOB_CREATED' || !effect.job.asyncContinuation || effect.job.suspended) return [];
      // A fresh id: a job announced again after a suspension must be continued again.
      const command = newCommand({
        type: 'CONTINUE_ASYNC',
        processInstanceKey: effect.job.processInstanceKey,
        jobKey: effect.job.jobKey,
      });
      return [commandMessage(command)];
    });
    if (commands.length > 0) await produceTo(producer, this.options.commandsTopic, commands);
  }
}
