// Starting instances over Kafka (FLOWX): each request on `baton.engine.start.v1` is created as
// `POST /v2/process-instances` would create it and answered on `baton.engine.start.confirm.v1`,
// keyed by its requestId: the keys, or the error with the same code and sentence REST answers
// (`missingParams` for missing mandatory variables). Invalid requests never get here: the bus
// sends them to the DLQ.
import { BatonError, type StartConfirmMessage, type StartRequestMessage } from '@baton/contracts';
import { produceTo, subscribeTo, type MessageBus, type Subscription } from '@baton/messaging';
import type { BatonTopics } from '@baton/topics';
import type { CreateInstanceRequest, CreateInstanceResult } from '../engine-service';

export interface StartRequestConsumerOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['engineStart'];
  readonly confirmTopic: BatonTopics['engineStartConfirm'];
  readonly groupId: string;
  /** Creates the instance of a request, once per `requestId` however often it is delivered. */
  readonly create: (request: CreateInstanceRequest, requestId: string) => Promise<CreateInstanceResult>;
}

export class StartRequestConsumer {
  private subscription?: Subscription;

  constructor(private readonly options: StartRequestConsumerOptions) {}

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: this.options.groupId,
      fromBeginning: true,
      eachBatch: async (batch) => {
        for (const message of batch.messages) {
          const request = message.value;
          const confirmation = await this.confirmationOf(request);
          await produceTo(this.options.bus, this.options.confirmTopic, [
            { key: request.requestId, value: confirmation },
          ]);
        }
      },
    });
  }

  private async confirmationOf(request: StartRequestMessage): Promise<StartConfirmMessage> {
    try {
      const created = await this.options.create(
        {
          processDefinitionId: request.processDefinitionId,
          variables: request.variables ?? {},
          ...(request.startCondition !== undefined ? { startCondition: request.startCondition } : {}),
          ...(request.inheritFrom ? { inheritFrom: request.inheritFrom } : {}),
          ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
        },
        request.requestId,
      );
      return {
        requestId: request.requestId,
        processInstanceKey: created.processInstanceKey,
        processDefinitionKey: created.processDefinitionKey,
        processDefinitionId: created.processDefinitionId,
        processDefinitionVersion: created.processDefinitionVersion,
      };
    } catch (error) {
      // A refusal is the requester's answer; anything else (the bus, the store) is retried.
      if (!(error instanceof BatonError) || error.code === 'DEADLINE_EXCEEDED' || error.code === 'INTERNAL')
        throw error;
      const missingParams = error.details?.['missingParams'];
      return {
        requestId: request.requestId,
        error: {
          code: error.code,
          message: error.message,
          ...(Array.isArray(missingParams) ? { missingParams: missingParams.map(String) } : {}),
        },
      };
    }
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }
}
