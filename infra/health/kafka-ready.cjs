// Health probe for infra/up.sh: a metadata request (list topics) against KAFKA_BROKERS.
// Exit 0 = healthy, 1 = not (yet) healthy, 3 = kafkajs is not installed (caller falls back).
let Kafka;
try {
  ({ Kafka } = require('kafkajs'));
} catch {
  process.exit(3);
}

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

admin
  .connect()
  .then(() => admin.listTopics())
  .then(
    () => admin.disconnect().then(() => process.exit(0)),
    () => process.exit(1),
  );
