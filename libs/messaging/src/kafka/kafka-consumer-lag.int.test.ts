import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaConsumerLag } from './kafka-consumer-lag';

// @baton/testing sits above messaging (DESIGN §2): a unique name, restated.
const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

describe('KafkaConsumerLag on a real broker', () => {
  it('is the messages a group has not committed, per partition', async () => {
    const topic = uniqueName('lag-topic');
    const groupId = uniqueName('lag-group');
    const kafka = new Kafka({ clientId: uniqueName('lag-test'), brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await producer.send({
      topic,
      messages: [
        { partition: 0, value: 'a' },
        { partition: 0, value: 'b' },
        { partition: 0, value: 'c' },
        { partition: 1, value: 'd' },
      ],
    });
    // The group has read partition 0 up to (not including) offset 2, and nothing of partition 1.
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });

    const lag = new KafkaConsumerLag({ brokers });
    try {
      expect(await lag.lag(groupId, topic)).toEqual(
        expect.arrayContaining([
          { partition: 0, lag: 1 },
          { partition: 1, lag: 1 },
        ]),
      );
    } finally {
      await lag.close();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  });
});
