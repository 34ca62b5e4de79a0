// Job results from Kafka workers (`baton.jobs.results.v1`) become commands on the instance's
// partition of the commands topic: the one writer per instance stays the only one applying them.
// The command id is derived from the result's messageId, so a result delivered twice (a crash
// before the offset commit) is recognised by the command processor and applied once — which is
// also why the relay commits its offsets once a second rather than after every batch (a request
// to the group coordinator per batch, about one per instance of a one-task process): a crash or a
// rebalance hands up to a second of results over again, and they are applied once all the same.
import type { EngineCommand, JobResultMessage } from '@baton/contracts';
import {
  produceTo,
  subscribeTo,
  type MessageBus,
  type Subscription,
  type TopicMessage,
  type TypedConsumedMessage,
} from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';

export interface JobResultConsumerOptions {
  readonly bus: MessageBus;
  /** The results topic, environment prefix included. */
  readonly resultsTopic: TopicAddress<JobResultMessage>;
  /** The commands topic, environment prefix included. */
  readonly commandsTopic: TopicAddress<EngineCommand>;
  /** @default 'baton-engine-job-results' */
  readonly groupId?: string;
}

/** How often the relay commits the results it turned into commands, ms. */
const RESULT_COMMIT_INTERVAL_MS = 1000;

/** Translates worker results into engine commands, one produce per batch. */
export class JobResultConsumer {
  private subscription?: Subscription;

  constructor(private readonly options: JobResultConsumerOptions) {}

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.resultsTopic, {
      groupId: this.options.groupId ?? 'baton-engine-job-results',
      fromBeginning: true,
      commitIntervalMs: RESULT_COMMIT_INTERVAL_MS,
      // A produce of commands per fetch: gathering results for as long as the commands' fetches
      // gather them (command-processor.ts) makes it one for several.
      fetchLingerMs: 25,
      eachBatch: async (batch) => {
        const commands = batch.messages.map(toCommandMessage);
        await produceTo(this.options.bus, this.options.commandsTopic, commands);
      },
    });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }
}

function toCommandMessage(message: TypedConsumedMessage<JobResultMessage>): TopicMessage<EngineCommand> {
  const result = message.value;
  const command = commandOf(
    result,
    `job-result:${message.headers['messageId'] ?? `${message.topic}/${message.partition}/${message.offset}`}`,
  );
  // The worker's trace continues in the command; the command gets a messageId of its own.
  const traceparent = message.headers['traceparent'];
  return {
    key: result.processInstanceKey,
    value: command,
    headers: { processInstanceKey: result.processInstanceKey, ...(traceparent ? { traceparent } : {}) },
  };
}

function commandOf(result: JobResultMessage, commandId: string): EngineCommand {
  const base = { commandId, processInstanceKey: result.processInstanceKey, jobKey: result.jobKey };
  switch (result.result) {
    case 'COMPLETE':
      return { ...base, type: 'COMPLETE_JOB', variables: result.variables ?? {} };
    case 'FAIL':
      return {
        ...base,
        type: 'FAIL_JOB',
        retries: result.retries,
        ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
        ...(result.retryBackOff !== undefined ? { retryBackOff: result.retryBackOff } : {}),
        ...(result.variables !== undefined ? { variables: result.variables } : {}),
      };
    case 'ERROR':
      return {
        ...base,
        type: 'THROW_ERROR',
        errorCode: result.errorCode,
        ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
        ...(result.variables !== undefined ? { variables: result.variables } : {}),
      };
  }
}
