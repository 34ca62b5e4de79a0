// Health probe for infra/up.sh against KAFKA_BROKERS. Healthy means usable, not just listening:
// a freshly formatted broker answers metadata requests before it can host new partitions, so the
// probe creates (once) a one-partition topic and produces a message to it.
// Exit 0 = healthy, 1 = not (yet) healthy, 3 = kafkajs is not installed (caller falls back).
let Kafka;
try {
  ({ Kafka } = require('kafkajs'));
} catch {
  process.exit(3);
}

const probeTopic = 'baton-infra-health';
const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const kafka = new Kafka({
  clientId: 'baton-infra-health',
  brokers,
  connectionTimeout: 2000,
  requestTimeout: 3000,
  retry: { retries: 0 },
  logLevel: 0,
});
const admin = kafka.admin();
const producer = kafka.producer({ allowAutoTopicCreation: false });

async function probe() {
  await admin.connect();
  const existing = await admin.listTopics();
  if (!existing.includes(probeTopic)) {
    await admin.createTopics({
      topics: [{ topic: probeTopic, numPartitions: 1 }],
      waitForLeaders: true,
      timeout: 3000,
    });
  }
  await producer.connect();
  await producer.send({ topic: probeTopic, acks: -1, messages: [{ value: String(Date.now()) }] });
}

probe().then(
  () => Promise.allSettled([producer.disconnect(), admin.disconnect()]).then(() => process.exit(0)),
  () => process.exit(1),
);
