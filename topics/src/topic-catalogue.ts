// The topic catalogue (DESIGN §4): the one place a topic is declared, with its partitions, key,
// schema, producers and consumers. Buses validate consumed messages against it; later issues
// generate Kafka topics, Strimzi manifests and the docs table from it.
import type { z } from 'zod';
import { engineCommandSchema } from '@baton/contracts';
import {
  deadLetterMessageSchema,
  instanceEventMessageSchema,
  jobMessageSchema,
  replyMessageSchema,
} from './message-schemas';

/** One topic as declared in the catalogue. */
export interface TopicDefinition {
  /** Full name without the environment prefix, e.g. `baton.engine.commands.v1`. */
  readonly name: string;
  /** Partition count; `undefined` means "the cluster default" (the bus decides). */
  readonly partitions?: number;
  /** What the message key is (for docs and for producers). */
  readonly key: string;
  /** The schema every value must satisfy; consumers send the others to the DLQ. */
  readonly schema: z.ZodType;
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  readonly description: string;
}

/** Names of the fixed topics. */
export const topics = {
  engineCommands: 'baton.engine.commands.v1',
  instanceEvents: 'baton.instance.events.v1',
  engineReplies: 'baton.engine.replies.v1',
  deadLetters: 'baton.dlq.v1',
} as const;

const jobTopicPattern = /^baton\.jobs\.(.+)\.v1$/;

/** The fixed topics of the catalogue, by name. */
export const topicCatalogue: Readonly<Record<string, TopicDefinition>> = {
  [topics.engineCommands]: {
    name: topics.engineCommands,
    key: 'processInstanceKey',
    schema: engineCommandSchema,
    producers: ['engine (REST handlers)', 'integration-adapter', 'plugins'],
    consumers: ['engine command processor (one consumer group)'],
    description: 'Every command on a process instance; one writer per instance (DESIGN §3.2).',
  },
  [topics.instanceEvents]: {
    name: topics.instanceEvents,
    key: 'processInstanceKey',
    schema: instanceEventMessageSchema,
    producers: ['engine command processor'],
    consumers: ['socket-gateway', 'audit'],
    description: 'State changes of instances, for the UI and audit.',
  },
  [topics.engineReplies]: {
    name: topics.engineReplies,
    key: 'replica id',
    schema: replyMessageSchema,
    producers: ['engine command processor'],
    consumers: ['engine reply router (every replica, its own group)'],
    description: 'Answers to requests waiting on a replica (DESIGN §3.9).',
  },
  [topics.deadLetters]: {
    name: topics.deadLetters,
    key: 'original key',
    schema: deadLetterMessageSchema,
    producers: ['every consumer'],
    consumers: ['operators'],
    description: 'Messages that failed validation, with the reason.',
  },
};

/** The topic of the jobs of one job type: `baton.jobs.<type>.v1`. */
export function jobTopic(type: string): string {
  return `baton.jobs.${type}.v1`;
}

/** The catalogue entry of a job topic (one per job type, created at deploy). */
export function jobTopicDefinition(type: string): TopicDefinition {
  return {
    name: jobTopic(type),
    key: 'processInstanceKey',
    schema: jobMessageSchema,
    producers: ['engine command processor'],
    consumers: [`job workers of type ${type}`],
    description: `Jobs of type ${type}.`,
  };
}

/**
 * The environment-specific name of a topic: `prefix + name` (`TOPIC_PREFIX=dev.` gives
 * `dev.baton.engine.commands.v1`). The prefix defaults to `process.env.TOPIC_PREFIX`.
 */
export function topicName(name: string, prefix: string = process.env['TOPIC_PREFIX'] ?? ''): string {
  return `${prefix}${name}`;
}

/**
 * The catalogue entry of a (possibly prefixed) topic name, job topics included; `undefined`
 * for a topic the catalogue does not know.
 */
export function findTopic(name: string, prefix: string = process.env['TOPIC_PREFIX'] ?? ''): TopicDefinition | undefined {
  const bare = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const fixed = topicCatalogue[bare];
  if (fixed) return fixed;
  const job = jobTopicPattern.exec(bare);
  return job?.[1] ? jobTopicDefinition(job[1]) : undefined;
}
