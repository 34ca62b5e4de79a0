// A topic as a producer or a consumer addresses it: the environment's name (prefix included) and
// the type of its messages, taken from the catalogue's schema. Passing a `TopicAddress<T>` instead
// of a name string is what lets the bus helpers (`produceTo`, `subscribeTo` in @baton/messaging)
// type-check what is sent and hand consumers typed values, with the schema the one source of truth.
import type { z } from 'zod';
import { jobTopicDefinition, topicDefinitions, topicName, type TopicDefinition } from './topic-catalogue';

/** A topic of the environment, typed by its messages. */
export interface TopicAddress<T> {
  /** The full name, with the environment prefix. */
  readonly name: string;
  /** The catalogue's schema: buses validate consumed values against it. */
  readonly schema: z.ZodType<T>;
}

type Fixed = typeof topicDefinitions;

/** The type of the messages on a fixed topic, by its short name in `topics`. */
export type TopicMessageOf<Name extends keyof Fixed> = z.infer<Fixed[Name]['schema']>;

/** Every topic of the catalogue, addressed in one environment (`TOPIC_PREFIX`). */
export type BatonTopics = { readonly [Name in keyof Fixed]: TopicAddress<TopicMessageOf<Name>> } & {
  /** `baton.jobs.<type>.v1` of one job type. */
  readonly job: (type: string) => TopicAddress<z.infer<ReturnType<typeof jobTopicDefinition>['schema']>>;
};

export function batonTopics(prefix: string): BatonTopics {
  const address = <S extends z.ZodType>(definition: TopicDefinition<S>): TopicAddress<z.infer<S>> => ({
    name: topicName(definition.name, prefix),
    schema: definition.schema as z.ZodType<z.infer<S>>,
  });
  const fixed = topicDefinitions;
  return {
    engineCommands: address(fixed.engineCommands),
    jobResults: address(fixed.jobResults),
    jobNotifications: address(fixed.jobNotifications),
    definitionChanges: address(fixed.definitionChanges),
    instanceEvents: address(fixed.instanceEvents),
    engineReplies: address(fixed.engineReplies),
    messages: address(fixed.messages),
    engineStart: address(fixed.engineStart),
    engineStartConfirm: address(fixed.engineStartConfirm),
    deadLetters: address(fixed.deadLetters),
    job: (type) => address(jobTopicDefinition(type)),
  };
}
