// The topic catalogue (DESIGN §4): the one place a topic is declared, with its partitions, key,
// schema, producers and consumers. Buses validate consumed messages against it; the engine
// creates the topics from it at start; the docs table (docs/topics.md) is generated from it.
import type { z } from 'zod';
import {
  engineCommandSchema,
  jobMessageSchema,
  jobResultMessageSchema,
  messagePublicationSchema,
  startConfirmMessageSchema,
  startRequestMessageSchema,
} from '@baton/contracts';
import {
  deadLetterMessageSchema,
  instanceEventMessageSchema,
  jobNotificationMessageSchema,
  definitionChangeMessageSchema,
  replyMessageSchema,
} from './message-schemas';

/** One topic as declared in the catalogue. */
export interface TopicDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Full name without the environment prefix, e.g. `baton.engine.commands.v1`. */
  readonly name: string;
  /** Partition count the topic is created with. */
  readonly partitions: number;
  /** What the message key is (for docs and for producers). */
  readonly key: string;
  /** The schema every value must satisfy; consumers send the others to the DLQ. */
  readonly schema: Schema;
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  readonly description: string;
}

/** Names of the fixed topics. */
export const topics = {
  engineCommands: 'baton.engine.commands.v1',
  jobResults: 'baton.jobs.results.v1',
  jobNotifications: 'baton.engine.job-notifications.v1',
  definitionChanges: 'baton.engine.definition-changes.v1',
  instanceEvents: 'baton.instance.events.v1',
  engineReplies: 'baton.engine.replies.v1',
  messages: 'baton.messages.v1',
  engineStart: 'baton.engine.start.v1',
  engineStartConfirm: 'baton.engine.start.confirm.v1',
  deadLetters: 'baton.dlq.v1',
} as const;

/**
 * Partitions of the instance-keyed topics. Engine replicas scale up to this many (one partition
 * is applied by one replica at a time); eight keeps a 2-core machine busy without idle replicas.
 */
export const instancePartitions = 8;

/** `baton.jobs.<type>.v1`, but not the results topic, which shares the prefix. */
const jobTopicPattern = /^baton\.jobs\.(.+)\.v1$/;

/** The fixed topics of the catalogue, by their short name in `topics`; each keeps its schema's type. */
export const topicDefinitions = {
  engineCommands: {
    name: topics.engineCommands,
    partitions: instancePartitions,
    key: 'processInstanceKey',
    schema: engineCommandSchema,
    producers: ['engine (REST handlers, job results, timers)', 'integration-adapter', 'plugins'],
    consumers: ['engine command processor (one consumer group of all replicas)'],
    description: 'Every command on a process instance; one writer per instance (DESIGN §3.2).',
  },
  jobResults: {
    name: topics.jobResults,
    partitions: instancePartitions,
    key: 'processInstanceKey',
    schema: jobResultMessageSchema,
    producers: ['job workers (integration-adapter, plugins in any language)'],
    consumers: ['engine (one consumer group; turns each result into a command)'],
    description:
      'Completions, failures and BPMN errors of jobs handed out on the job topics; workers echo the job headers.',
  },
  jobNotifications: {
    name: topics.jobNotifications,
    partitions: 1,
    key: 'job type',
    schema: jobNotificationMessageSchema,
    producers: ['engine command processor'],
    consumers: ['engine job activation (every replica, its own group)'],
    description: 'Jobs of these types became activatable: wakes REST long polls waiting on any replica.',
  },
  definitionChanges: {
    name: topics.definitionChanges,
    partitions: 1,
    key: 'processDefinitionId (or replica id)',
    schema: definitionChangeMessageSchema,
    producers: ['engine (deployments, suspensions)'],
    consumers: ['engine (every replica, its own group)'],
    description:
      'A deployment or suspension went through one replica: the others drop the latest versions or suspensions they hold in memory.',
  },
  instanceEvents: {
    name: topics.instanceEvents,
    partitions: instancePartitions,
    key: 'processInstanceKey',
    schema: instanceEventMessageSchema,
    producers: ['engine command processor'],
    consumers: [
      'socket-gateway (every replica, its own group)',
      'engine history projector (one group of all replicas; GET /v2/process-instances/{key}/history)',
      'audit',
    ],
    description:
      'State changes of instances, for the UI and audit: each with the command applied, who sent it and the variables it changed.',
  },
  engineReplies: {
    name: topics.engineReplies,
    partitions: 4,
    key: 'replica id',
    schema: replyMessageSchema,
    producers: ['engine command processor'],
    consumers: ['engine reply router (every replica, its own group)'],
    description: 'Answers to requests waiting on a replica (DESIGN §3.9).',
  },
  messages: {
    name: topics.messages,
    partitions: instancePartitions,
    key: 'correlation key',
    schema: messagePublicationSchema,
    producers: ['plugins (replies to kafka-send messages, any event a process waits for)'],
    consumers: ['engine (one consumer group; publishes each as POST /v2/messages/publication does)'],
    description:
      'Messages for receive tasks and message catch events; buffered for timeToLive (default 60 s), de-duplicated by messageId.',
  },
  engineStart: {
    name: topics.engineStart,
    partitions: instancePartitions,
    key: 'processDefinitionId (or any)',
    schema: startRequestMessageSchema,
    producers: ['plugins, other services (FLOWX start over Kafka)'],
    consumers: ['engine (one consumer group; creates each as POST /v2/process-instances does)'],
    description:
      'Start requests: process id, variables, startCondition, inheritFrom, businessKey; answered on baton.engine.start.confirm.v1 by requestId.',
  },
  engineStartConfirm: {
    name: topics.engineStartConfirm,
    partitions: 4,
    key: 'requestId',
    schema: startConfirmMessageSchema,
    producers: ['engine'],
    consumers: ['whoever sent the start request'],
    description:
      "The answer to each start request: the new instance's keys, or the error (FLOWX sentences, missingParams).",
  },
  deadLetters: {
    name: topics.deadLetters,
    partitions: 1,
    key: 'original key',
    schema: deadLetterMessageSchema,
    producers: ['every consumer'],
    consumers: ['operators'],
    description: 'Messages that failed validation, with the reason.',
  },
} as const satisfies { readonly [Name in keyof typeof topics]: TopicDefinition };

/** The fixed topics of the catalogue, by full name. */
export const topicCatalogue: Readonly<Record<string, TopicDefinition>> = Object.fromEntries(
  Object.values(topicDefinitions).map((definition) => [definition.name, definition]),
);

/**
 * The topic of the jobs of one job type: `baton.jobs.<type>.v1`. Kafka topic names allow only
 * `[a-zA-Z0-9._-]`, while Camunda job types often hold `:` (`io.camunda:http-json:1`), so every
 * other character, and `_` itself, is written as `_` plus its two- or four-digit hex code:
 * the mapping stays one-to-one and readable.
 */
export function jobTopic(type: string): string {
  return `baton.jobs.${encodeJobType(type)}.v1`;
}

function encodeJobType(type: string): string {
  return type.replace(/[^a-zA-Z0-9.-]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100
      ? `_${code.toString(16).padStart(2, '0')}`
      : `_u${code.toString(16).padStart(4, '0')}`;
  });
}

function decodeJobType(encoded: string): string {
  return encoded.replace(
    /_u([0-9a-f]{4})|_([0-9a-f]{2})/g,
    (_match, wide: string | undefined, narrow: string | undefined) =>
      String.fromCharCode(parseInt(wide ?? narrow ?? '0', 16)),
  );
}

/** The catalogue entry of a job topic (one per job type, created at deploy). */
export function jobTopicDefinition(type: string): TopicDefinition<typeof jobMessageSchema> {
  return {
    name: jobTopic(type),
    partitions: instancePartitions,
    key: 'processInstanceKey',
    schema: jobMessageSchema,
    producers: ['engine command processor'],
    consumers: [`job workers of type ${type}`],
    description: `Jobs of type ${type}.`,
  };
}

/**
 * The environment-specific name of a topic: `prefix + name` (`TOPIC_PREFIX=dev.` gives
 * `dev.baton.engine.commands.v1`); the services read `TOPIC_PREFIX` in their configuration.
 */
export function topicName(name: string, prefix: string): string {
  return `${prefix}${name}`;
}

/**
 * The catalogue entry of a (possibly prefixed) topic name, job topics included; `undefined`
 * for a topic the catalogue does not know.
 */
export function findTopic(name: string, prefix: string): TopicDefinition | undefined {
  const bare = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const fixed = topicCatalogue[bare];
  if (fixed) return fixed;
  const job = jobTopicPattern.exec(bare);
  return job?.[1] ? jobTopicDefinition(decodeJobType(job[1])) : undefined;
}
