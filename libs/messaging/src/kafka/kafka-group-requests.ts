// Two Kafka requests kafkajs 2.2 does not speak, written with its own encoder and decoder:
// - TxnOffsetCommit v3 (KIP-447): a transaction's offsets carry the consumer group member and
//   generation, so the group coordinator refuses them from a member that lost its partitions
//   (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID) and the whole transaction is aborted;
// - OffsetFetch v7 with require_stable: the coordinator answers UNSTABLE_OFFSET_COMMIT while a
//   transaction holding offsets of the partition is still open, instead of the offset from before it.
// Both are "flexible" versions (compact strings and arrays, tagged fields). kafkajs writes request
// header v1 and reads response header v0; the empty tag buffer that headers v2 and v1 add is
// written at the start of the body and read at the start of the answer, as kafkajs's own flexible
// requests (AlterPartitionReassignments) do.
import Decoder from 'kafkajs/src/protocol/decoder.js';
import Encoder from 'kafkajs/src/protocol/encoder.js';
import { createErrorFromCode, failure } from 'kafkajs/src/protocol/error.js';

export const txnOffsetCommitApiKey = 28;
export const offsetFetchApiKey = 9;
export const txnOffsetCommitGroupVersion = 3;
export const offsetFetchStableVersion = 7;

/** The consumer group member a transaction's offsets are committed for. */
export interface GroupMember {
  readonly memberId: string;
  readonly generationId: number;
}

export interface TopicOffsets {
  readonly topic: string;
  readonly partitions: readonly { readonly partition: number; readonly offset: string }[];
}

export interface TxnOffsetCommitArgs {
  readonly transactionalId: string;
  readonly groupId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly topics: readonly TopicOffsets[];
}

/** A request as kafkajs's connection sends it. */
export interface ProtocolRequest {
  readonly request: {
    readonly apiKey: number;
    readonly apiVersion: number;
    readonly apiName: string;
    readonly encode: () => Promise<Encoder>;
  };
  readonly response: {
    readonly decode: (data: Buffer) => Promise<unknown>;
    readonly parse: (data: unknown) => Promise<unknown>;
  };
}

function emptyTaggedFields(encoder: Encoder): Encoder {
  return encoder.writeUVarInt(0);
}

function compactArray<T>(encoder: Encoder, items: readonly T[], write: (item: T) => Encoder): Encoder {
  return encoder.writeUVarInt(items.length + 1).writeEncoderArray(items.map(write));
}

/** TxnOffsetCommit v3: the offsets of `topics` in the producer's transaction, for `member`. */
export function txnOffsetCommitV3(args: TxnOffsetCommitArgs, member: GroupMember): ProtocolRequest {
  const encodePartition = ({ partition, offset }: TopicOffsets['partitions'][number]) =>
    emptyTaggedFields(
      new Encoder()
        .writeInt32(partition)
        .writeInt64(offset)
        .writeInt32(-1) // committed_leader_epoch: unknown
        .writeUVarIntString(null),
    );
  const encodeTopic = ({ topic, partitions }: TopicOffsets) =>
    emptyTaggedFields(compactArray(new Encoder().writeUVarIntString(topic), partitions, encodePartition));
  return {
    request: {
      apiKey: txnOffsetCommitApiKey,
      apiVersion: txnOffsetCommitGroupVersion,
      apiName: 'TxnOffsetCommit',
      encode: () =>
        Promise.resolve().then(() => {
          const body = emptyTaggedFields(new Encoder()) // request header v2's tags
            .writeUVarIntString(args.transactionalId)
            .writeUVarIntString(args.groupId)
            .writeInt64(args.producerId)
            .writeInt16(args.producerEpoch)
            .writeInt32(member.generationId)
            .writeUVarIntString(member.memberId)
            .writeUVarIntString(null); // group_instance_id: no static membership
          return emptyTaggedFields(compactArray(body, args.topics, encodeTopic));
        }),
    },
    response: {
      decode: (data: Buffer) =>
        Promise.resolve().then(() => {
          const decoder = new Decoder(data);
          decoder.readTaggedFields(); // response header v1's tags
          const throttleTime = decoder.readInt32();
          const topics = decoder.readUVarIntArray((topicDecoder) => {
            const topic = topicDecoder.readUVarIntString();
            const partitions = topicDecoder.readUVarIntArray((partitionDecoder) => {
              const partition = partitionDecoder.readInt32();
              const errorCode = partitionDecoder.readInt16();
              partitionDecoder.readTaggedFields();
              return { partition, errorCode };
            });
            topicDecoder.readTaggedFields();
            return { topic, partitions: partitions ?? [] };
          });
          return { throttleTime, topics: topics ?? [] };
        }),
      parse: (data: unknown) =>
        Promise.resolve().then(() => {
          const { topics } = data as { topics: { partitions: { errorCode: number }[] }[] };
          for (const { partitions } of topics)
            for (const { errorCode } of partitions)
              if (failure(errorCode)) throw createErrorFromCode(errorCode);
          return data;
        }),
    },
  };
}

export interface OffsetFetchArgs {
  readonly groupId: string;
  readonly topics: readonly {
    readonly topic: string;
    readonly partitions: readonly { partition: number }[];
  }[];
}

/**
 * OffsetFetch v7 with require_stable, answered in the shape of kafkajs's own OffsetFetch (what
 * its admin client and offset manager read). A partition with an open transaction fails the
 * request with UNSTABLE_OFFSET_COMMIT, which kafkajs retries as it retries any retriable error.
 */
export function stableOffsetFetchV7(args: OffsetFetchArgs): ProtocolRequest {
  const encodeTopic = ({ topic, partitions }: OffsetFetchArgs['topics'][number]) => {
    const encoder = new Encoder().writeUVarIntString(topic).writeUVarInt(partitions.length + 1);
    for (const { partition } of partitions) encoder.writeInt32(partition);
    return emptyTaggedFields(encoder);
  };
  return {
    request: {
      apiKey: offsetFetchApiKey,
      apiVersion: offsetFetchStableVersion,
      apiName: 'OffsetFetch',
      encode: () =>
        Promise.resolve().then(() => {
          const body = emptyTaggedFields(new Encoder()).writeUVarIntString(args.groupId);
          // A null array asks for every partition of the group, as kafkajs's empty one does.
          const topics =
            args.topics.length === 0 ? body.writeUVarInt(0) : compactArray(body, args.topics, encodeTopic);
          return emptyTaggedFields(topics.writeBoolean(true));
        }),
    },
    response: {
      decode: (data: Buffer) =>
        Promise.resolve().then(() => {
          const decoder = new Decoder(data);
          decoder.readTaggedFields();
          const throttleTime = decoder.readInt32();
          const responses = decoder.readUVarIntArray((topicDecoder) => {
            const topic = topicDecoder.readUVarIntString();
            const partitions = topicDecoder.readUVarIntArray((partitionDecoder) => {
              const partition = partitionDecoder.readInt32();
              const offset = partitionDecoder.readInt64().toString();
              partitionDecoder.readInt32(); // committed_leader_epoch
              const metadata = partitionDecoder.readUVarIntString();
              const errorCode = partitionDecoder.readInt16();
              partitionDecoder.readTaggedFields();
              return { partition, offset, metadata, errorCode };
            });
            topicDecoder.readTaggedFields();
            return { topic, partitions: partitions ?? [] };
          });
          const errorCode = decoder.readInt16();
          return {
            throttleTime: 0,
            clientSideThrottleTime: throttleTime,
            responses: responses ?? [],
            errorCode,
          };
        }),
      parse: (data: unknown) =>
        Promise.resolve().then(() => {
          const { errorCode, responses } = data as {
            errorCode: number;
            responses: { partitions: { errorCode: number }[] }[];
          };
          if (failure(errorCode)) throw createErrorFromCode(errorCode);
          for (const { partitions } of responses)
            for (const partition of partitions)
              if (failure(partition.errorCode)) throw createErrorFromCode(partition.errorCode);
          return data;
        }),
    },
  };
}
