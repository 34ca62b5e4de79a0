// Replies to waiting callers (DESIGN §3.9): every replica consumes `baton.engine.replies.v1` in a
// consumer group of its own and resolves the requests it holds, by request id; the replies a
// replica's own command processor makes for its own callers are settled in process (settleOwn). A caller that waits
// past its deadline gets DEADLINE_EXCEEDED; the command still runs, its late reply is dropped.
import { BatonError, type ReplyTarget } from '@baton/contracts';
import type { ReplyBody } from '@baton/engine-core';
import { newMessageId, subscribeTo, type MessageBus, type Subscription } from '@baton/messaging';
import type { BatonTopics, ReplyMessage } from '@baton/topics';

interface PendingRequest {
  resolve(body: ReplyBody): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface ReplyRouterOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['engineReplies'];
  readonly replicaId: string;
}

/** Holds this replica's waiting requests and resolves them from the replies topic. */
export class ReplyRouter {
  private readonly pending = new Map<string, PendingRequest>();
  private subscription?: Subscription;

  constructor(private readonly options: ReplyRouterOptions) {}

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: `baton-replies-${this.options.replicaId}`,
      deleteGroupOnClose: true,
      eachBatch: (batch) => {
        for (const message of batch.messages) {
          const reply = message.value;
          if (reply.target.replicaId !== this.options.replicaId) continue;
          this.settle(reply.target.requestId, reply.body);
        }
        return Promise.resolve();
      },
    });
  }

  /**
   * Registers a request before its command is produced (so that no reply can arrive first).
   * `target` goes into the command; `reply` resolves with the body or rejects past `timeoutMs`.
   */
  expect(
    timeoutMs: number,
    extra: Pick<ReplyTarget, 'awaitCompletion' | 'awaitWaitState' | 'fetchVariables'> = {},
  ): { target: ReplyTarget; reply: Promise<ReplyBody>; cancel(): void } {
    const requestId = newMessageId();
    const target: ReplyTarget = { requestId, replicaId: this.options.replicaId, ...extra };
    const reply = new Promise<ReplyBody>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(
          new BatonError(
            'DEADLINE_EXCEEDED',
            `The request was not answered within ${timeoutMs} ms; it continues in the background.`,
          ),
        );
      }, timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
    });
    const cancel = () => {
      const request = this.pending.get(requestId);
      if (request) clearTimeout(request.timer);
      this.pending.delete(requestId);
    };
    return { target, reply, cancel };
  }

  /**
   * Settles a reply for a request of this replica at once, without the replies topic; false when
   * the reply is for another replica (it must go over the topic). A request settled already, or
   * past its deadline, ignores it, as it ignores a reply heard twice on the topic.
   */
  settleOwn(reply: ReplyMessage): boolean {
    if (reply.target.replicaId !== this.options.replicaId) return false;
    this.settle(reply.target.requestId, reply.body);
    return true;
  }

  /** Stops consuming and fails the requests still waiting. */
  async close(): Promise<void> {
    await this.subscription?.close();
    for (const [requestId, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(new BatonError('INTERNAL', 'The engine is shutting down.'));
      this.pending.delete(requestId);
    }
  }

  private settle(requestId: string, body: ReplyBody): void {
    const request = this.pending.get(requestId);
    if (!request) return;
    clearTimeout(request.timer);
    this.pending.delete(requestId);
    request.resolve(body);
  }
}
