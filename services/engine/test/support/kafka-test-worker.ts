// A job worker that speaks only Kafka, as a plugin in any language would: it consumes the job
// topic of its type and answers on the results topic, echoing the job's headers. Used by the
// integration tests to drive the engine through `baton.jobs.<type>.v1` / `baton.jobs.results.v1`.
import type { JobMessage, JobResultMessage } from '@baton/contracts';
import type { ConsumedMessage, MessageBus, Subscription } from '@baton/messaging';
import { jobTopic, topicName, topics } from '@baton/topics';

/** What the worker answers to one job; `undefined` leaves the job unanswered. */
export type JobHandler = (
  job: JobMessage,
  delivery: number,
) => Omit<JobResultMessage, 'jobKey' | 'processInstanceKey'> | undefined;

export interface KafkaTestWorker {
  /** Every job message received, in order, with its headers. */
  readonly received: { readonly job: JobMessage; readonly headers: ConsumedMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startKafkaTestWorker(
  bus: MessageBus,
  options: {
    topicPrefix: string;
    type: string;
    groupId?: string;
    /** The subscription's offset commit interval (see SubscribeOptions); every batch by default. */
    commitIntervalMs?: number;
    handle: JobHandler;
  },
): Promise<KafkaTestWorker> {
  const received: KafkaTestWorker['received'] = [];
  const deliveries = new Map<string, number>();
  const resultsTopic = topicName(topics.jobResults, options.topicPrefix);
  const subscription: Subscription = await bus.subscribe({
    topic: topicName(jobTopic(options.type), options.topicPrefix),
    groupId: options.groupId ?? `worker-${options.type}`,
    fromBeginning: true,
    ...(options.commitIntervalMs === undefined ? {} : { commitIntervalMs: options.commitIntervalMs }),
    eachBatch: async (batch) => {
      const answers = [];
      for (const message of batch.messages) {
        const job = message.value as JobMessage;
        received.push({ job, headers: message.headers });
        const delivery = (deliveries.get(job.jobKey) ?? 0) + 1;
        deliveries.set(job.jobKey, delivery);
        const answer = options.handle(job, delivery);
        if (!answer) continue;
        const value = {
          ...answer,
          jobKey: job.jobKey,
          processInstanceKey: job.processInstanceKey,
        } as JobResultMessage;
        // Echo the job's headers: its trace, its instance; the job's messageId becomes jobMessageId.
        const { messageId, ...echoed } = message.headers;
        answers.push({
          key: job.processInstanceKey,
          value,
          headers: { ...echoed, ...(messageId ? { jobMessageId: messageId } : {}) },
        });
      }
      if (answers.length > 0) await bus.produce(resultsTopic, answers);
    },
  });
  return { received, close: () => subscription.close() };
}
