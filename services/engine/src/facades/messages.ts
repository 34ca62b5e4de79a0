// Messages: publication (buffered with its time-to-live) and correlation (answered once applied).
import type {
  CorrelateMessageRequest,
  CorrelateMessageResult,
  PublishMessageRequest,
  PublishMessageResult,
} from '../engine-service';
import type { CommandSender } from '../runtime/command-sender';
import type { MessageCorrelator } from '../runtime/message-correlator';

export class MessagesFacade {
  constructor(
    private readonly options: {
      readonly correlator: MessageCorrelator;
      readonly commands: CommandSender;
      readonly tenantId: string;
    },
  ) {}

  async publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
    const { messageKey } = await this.options.correlator.publish({
      name: request.name,
      correlationKey: request.correlationKey ?? '',
      timeToLiveMs: request.timeToLiveMs ?? 0,
      ...(request.messageId !== undefined ? { messageId: request.messageId } : {}),
      variables: request.variables ?? {},
    });
    return { messageKey, tenantId: this.options.tenantId };
  }

  async correlateMessage(request: CorrelateMessageRequest): Promise<CorrelateMessageResult> {
    const { messageKey, processInstanceKey } = await this.options.correlator.correlate(
      {
        name: request.name,
        correlationKey: request.correlationKey ?? '',
        variables: request.variables ?? {},
      },
      (command) => this.options.commands.sendAndAwait(command),
    );
    return { messageKey, tenantId: this.options.tenantId, processInstanceKey };
  }
}
