// How the API side of a replica sends commands: onto the commands topic (with the traceparent of
// the REST request being served), and, when the caller waits, with this replica as reply target.
import { BatonError, type EngineCommand } from '@baton/contracts';
import type { ReplyBody } from '@baton/engine-core';
import { produceTo, type MessageBus } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import { currentTraceparent } from '../observability/trace-context';
import { commandMessage } from './command-messages';
import type { ReplyRouter } from './reply-router';

export interface AwaitOptions {
  readonly awaitCompletion?: boolean;
  readonly awaitWaitState?: boolean;
  readonly fetchVariables?: string[];
}

export type OkReply = Extract<ReplyBody, { status: 'OK' }>;

export class CommandSender {
  constructor(
    private readonly options: {
      readonly bus: MessageBus;
      readonly commandsTopic: TopicAddress<EngineCommand>;
      readonly replies: ReplyRouter;
      /** How long a caller waits for its answer, ms. */
      readonly requestTimeoutMs: number;
    },
  ) {}

  /** Sends a command; one sent while serving a REST request carries that request's traceparent. */
  send(command: EngineCommand): Promise<void> {
    return produceTo(this.options.bus, this.options.commandsTopic, [
      commandMessage(command, currentTraceparent()),
    ]);
  }

  /**
   * Sends a command whose caller is answered once it is in the log (a create answered on append):
   * resolves when the broker has it, with the owner's reply still to come (it settles once the
   * owner stored the command's effect, or rejects past the request timeout).
   */
  async sendAnsweredOnAppend(command: EngineCommand): Promise<{ readonly reply: Promise<ReplyBody> }> {
    return this.sendWithReply(command, this.options.requestTimeoutMs, {});
  }

  /** Sends a command with this replica as reply target and waits for its answer; REJECTED → BatonError. */
  async sendAndAwait(
    command: EngineCommand,
    timeoutMs = this.options.requestTimeoutMs,
    extra: AwaitOptions = {},
  ): Promise<OkReply> {
    const body = await (await this.sendWithReply(command, timeoutMs, extra)).reply;
    if (body.status === 'REJECTED') throw new BatonError(body.code, body.message);
    return body;
  }

  /**
   * Sends the command with this replica as reply target; resolves once it is sent, with its reply
   * to come (in an object: a promise returned bare would be awaited too).
   */
  private async sendWithReply(
    command: EngineCommand,
    timeoutMs: number,
    extra: AwaitOptions,
  ): Promise<{ readonly reply: Promise<ReplyBody> }> {
    const pending = this.options.replies.expect(timeoutMs, extra);
    try {
      await this.send(Object.assign({}, command, { reply: pending.target }));
    } catch (error) {
      pending.cancel();
      throw error;
    }
    return { reply: pending.reply };
  }
}
