// The built-in `kafka-send` worker (FLOWX's Kafka send action): produces the FEEL `payload` to the
// task's `topic`, keyed by processInstanceKey and carrying the instance's headers, then completes
// the job. The topic is named without the environment prefix, which the adapter prepends as for
// every Baton topic; `baton.*` names are refused, so a process cannot write to the engine's topics.
import { randomUUID } from 'node:crypto';
import type { JobMessage } from '@baton/contracts';
import type { MessageBus, MessageHeaders } from '@baton/messaging';
import { topicName } from '@baton/topics';
import { evaluateHeader, textOrExpression } from '../expressions/task-expressions';
import { completeJob, raiseIncident, retryJob, type JobOutcome } from '../jobs/job-outcome';
import type { JobContext, JobWorker } from '../jobs/job-worker';
import { exponentialBackOff } from '../jobs/retry-ledger';
import { TaskConfigurationError } from '../jobs/task-configuration-error';

export interface KafkaSendWorkerOptions {
  readonly bus: MessageBus;
  readonly topicPrefix: string;
  readonly concurrency: number;
  /** Back-off after a failed produce, doubled per retry consumed, ms. */
  readonly retryBackOffMs: number;
  readonly maxRetryBackOffMs: number;
}

/** Kafka's legal topic names. */
const legalTopic = /^[a-zA-Z0-9._-]{1,249}$/;

export function kafkaSendWorker(options: KafkaSendWorkerOptions): JobWorker {
  const ensured = new Map<string, Promise<void>>();
  const ensureTopic = (topic: string): Promise<void> => {
    let ready = ensured.get(topic);
    if (!ready) {
      ready = (options.bus.ensureTopics?.([{ name: topic }]) ?? Promise.resolve()).catch((error: unknown) => {
        ensured.delete(topic); // try again on the next job
        throw error;
      });
      ensured.set(topic, ready);
    }
    return ready;
  };
  const retryBackOffMs = (consumed: number) =>
    exponentialBackOff(consumed, options.retryBackOffMs, options.maxRetryBackOffMs);

  return {
    type: 'kafka-send',
    concurrency: options.concurrency,
    retryBackOffMs,
    handle: async (job, context) => {
      let message: OutgoingSend;
      try {
        message = messageOf(job, context, options.topicPrefix);
      } catch (error) {
        if (error instanceof TaskConfigurationError) return raiseIncident(error.message);
        throw error;
      }
      try {
        await ensureTopic(message.topic);
        await options.bus.produce(message.topic, [
          { key: job.processInstanceKey, value: message.payload, headers: message.headers },
        ]);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return retryJob(
          job,
          `producing to topic ${message.topic} failed: ${reason}`,
          retryBackOffMs(context.consumedRetries),
        );
      }
      return sentOutcome(job, message);
    },
  };
}

interface OutgoingSend {
  /** Prefix included. */
  readonly topic: string;
  readonly payload: unknown;
  readonly headers: MessageHeaders;
}

function messageOf(job: JobMessage, context: JobContext, prefix: string): OutgoingSend {
  const taskHeaders = job.customHeaders;
  const topicHeader = taskHeaders['topic'];
  if (topicHeader === undefined || topicHeader.trim() === '')
    throw new TaskConfigurationError('topic', 'missing');
  const topic = textOrExpression('topic', topicHeader, job.variables);
  if (!legalTopic.test(topic))
    throw new TaskConfigurationError(
      'topic',
      `'${topic}' is not a Kafka topic name (letters, digits, '.', '_', '-')`,
    );
  if (topic.startsWith('baton.'))
    throw new TaskConfigurationError('topic', `'${topic}': the baton.* topics belong to Baton itself`);
  const fullName = topicName(topic, prefix);
  if (fullName.length > 249)
    throw new TaskConfigurationError('topic', `'${fullName}' is longer than Kafka's 249 characters`);
  const payloadExpression = taskHeaders['payload'];
  if (payloadExpression === undefined || payloadExpression.trim() === '')
    throw new TaskConfigurationError('payload', 'missing');
  const payload = evaluateHeader('payload', payloadExpression, job.variables);
  const traceparent = context.headers['traceparent'];
  return {
    topic: fullName,
    payload,
    headers: {
      processInstanceKey: job.processInstanceKey,
      messageId: randomUUID(),
      ...(traceparent ? { traceparent } : {}),
      jobKey: job.jobKey,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      processDefinitionId: job.processDefinitionId,
    },
  };
}

/** Completes the job; with `resultVariable`, the instance keeps where and what it sent. */
function sentOutcome(job: JobMessage, message: OutgoingSend): JobOutcome {
  const resultVariable = job.customHeaders['resultVariable']?.trim();
  if (!resultVariable) return completeJob();
  return completeJob({ [resultVariable]: { topic: message.topic, messageId: message.headers['messageId'] } });
}
