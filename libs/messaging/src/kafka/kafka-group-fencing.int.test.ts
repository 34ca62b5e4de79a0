// The two requests kafka-group-fencing.ts teaches kafkajs, against the real broker: offsets in a
// transaction are refused for a generation the group left behind (and accepted for its current
// one), and a stable read waits out a transaction that holds offsets.
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { generationOf, installGroupFencing, withGroupMember, withStableOffsets } from './kafka-group-fencing';
import { isGroupMembershipLost, isUnstableOffsetCommit } from './kafka-errors';
import type { GroupMember } from './kafka-group-requests';
import { sendOffsets } from './transactional-delivery';
import { uniqueName, waitFor } from './kafka-test-support';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const testTimeoutMs = 60_000;

const kafka = new Kafka({ brokers, clientId: 'kafka-group-fencing-test', logLevel: logLevel.NOTHING });
let admin: Admin;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  expect(installGroupFencing()).toBe(true);
  admin = kafka.admin();
  await admin.connect();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await admin.disconnect();
});

/** A topic of one partition and a consumer that joined a group on it; its member id and generation. */
async function joinedMember(): Promise<{ topic: string; groupId: string; memberId: string }> {
  const topic = uniqueName('fencing');
  const groupId = uniqueName('fencing-group');
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  cleanups.push(() => admin.deleteTopics({ topics: [topic] }));
  const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
  await consumer.connect();
  cleanups.push(() => consumer.disconnect());
  let memberId: string | undefined;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    memberId = payload.memberId;
  });
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch: () => Promise.resolve() });
  await waitFor(() => memberId !== undefined, 'the consumer joined its group');
  return { topic, groupId, memberId: memberId ?? '' };
}

/** Each producer's transactional id: offsets are committed for a member per transactional id. */
const transactionalIds = new WeakMap<Producer, string>();

async function transactionalProducer(): Promise<Producer> {
  const transactionalId = uniqueName('fencing-tx');
  const producer = kafka.producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  transactionalIds.set(producer, transactionalId);
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  return producer;
}

async function stableOffset(groupId: string, topic: string): Promise<string | undefined> {
  const [offsets] = await withStableOffsets(groupId, () => admin.fetchOffsets({ groupId, topics: [topic] }));
  return offsets?.partitions[0]?.offset;
}

/**
 * The stable offset once no transaction holds it: the coordinator answers a commit or an abort
 * before it has written the transaction's markers, and reads stay unstable until then.
 */
async function settledOffset(groupId: string, topic: string): Promise<string | undefined> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await stableOffset(groupId, topic);
    } catch (error) {
      if (!isUnstableOffsetCommit(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

type Transaction = Awaited<ReturnType<Producer['transaction']>>;

/**
 * Adds `offsets` to the transaction for `member` as the delivery does (asked again while the broker
 * still writes the producer's previous transaction's markers); answers the broker's refusal, or
 * undefined.
 */
function sendOffsetsFor(
  producer: Producer,
  member: GroupMember,
  transaction: Transaction,
  offsets: Parameters<Transaction['sendOffsets']>[0],
): Promise<unknown> {
  return withGroupMember(transactionalIds.get(producer) ?? '', member, () =>
    sendOffsets(transaction, offsets),
  ).then(
    () => undefined,
    (refusal: unknown) => refusal,
  );
}

describe('group fencing of transactional offsets (KIP-447)', () => {
  it(
    'refuses the offsets of an older generation and aborts nothing visible; takes the current one',
    async () => {
      const { topic, groupId, memberId } = await joinedMember();
      const generationId = generationOf(memberId);
      expect(generationId).toBeGreaterThanOrEqual(1);
      const producer = await transactionalProducer();
      const offsets = {
        consumerGroupId: groupId,
        topics: [{ topic, partitions: [{ partition: 0, offset: '7' }] }],
      };

      const stale = await producer.transaction();
      const refused = await sendOffsetsFor(
        producer,
        { memberId, generationId: (generationId ?? 0) - 1 },
        stale,
        offsets,
      );
      expect(isGroupMembershipLost(refused)).toBe(true);
      await stale.abort();
      expect(await settledOffset(groupId, topic)).toBe('-1');

      const unknownMember = await producer.transaction();
      const unknown = await sendOffsetsFor(
        producer,
        { memberId: `${memberId}-gone`, generationId: generationId ?? 0 },
        unknownMember,
        offsets,
      );
      expect(isGroupMembershipLost(unknown)).toBe(true);
      await unknownMember.abort();

      const current = await producer.transaction();
      expect(
        await sendOffsetsFor(producer, { memberId, generationId: generationId ?? 0 }, current, offsets),
      ).toBeUndefined();
      await current.commit();
      expect(await settledOffset(groupId, topic)).toBe('7');
    },
    testTimeoutMs,
  );

  it(
    'answers a stable read UNSTABLE_OFFSET_COMMIT while a transaction holds offsets, and the offset once it commits',
    async () => {
      const { topic, groupId, memberId } = await joinedMember();
      const producer = await transactionalProducer();
      const open = await producer.transaction();
      const offsets = {
        consumerGroupId: groupId,
        topics: [{ topic, partitions: [{ partition: 0, offset: '3' }] }],
      };
      expect(
        await sendOffsetsFor(
          producer,
          { memberId, generationId: generationOf(memberId) ?? -1 },
          open,
          offsets,
        ),
      ).toBeUndefined();
      const whileOpen = await stableOffset(groupId, topic).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isUnstableOffsetCommit(whileOpen)).toBe(true);
      // kafkajs's own read, outside withStableOffsets, is not stable: it answers the offset from before.
      const [plain] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(plain?.partitions[0]?.offset).toBe('-1');
      await open.commit();
      expect(await settledOffset(groupId, topic)).toBe('3');
    },
    testTimeoutMs,
  );
});
