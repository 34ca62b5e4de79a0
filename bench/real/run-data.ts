// Every Baton run of the benchmark works under topics and a database of its own; they are removed
// once the run is over. Left behind, they piled up: after a day of runs the broker held thousands
// of partitions and FerretDB hundreds of databases, and later runs of the same build measured
// slower. What is still there after the removal is reported, so a failed removal is seen.
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { RealTestSettings } from '../../services/engine/test/support/test-runtime';

export interface LeftBehind {
  /** Topics of the run still on the broker. */
  readonly topics: number;
  /** Whether the run's database is still there. */
  readonly database: boolean;
}

/** Deletes the run's topics (those under its prefix) and drops its database; answers what is left. */
export async function removeRunData(settings: RealTestSettings): Promise<LeftBehind> {
  const admin = new Kafka({
    brokers: settings.kafkaBrokers,
    clientId: `${settings.clientId}-cleanup`,
    logLevel: logLevel.NOTHING,
  }).admin();
  const mongo = new MongoClient(settings.mongodbUri, { serverSelectionTimeoutMS: 5000 });
  try {
    await admin.connect();
    const runTopics = async () =>
      (await admin.listTopics()).filter((topic) => topic.startsWith(settings.topicPrefix));
    const topics = await runTopics();
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    // The controller answers once the deletion is decided; the topics' metadata follows shortly.
    const deadline = Date.now() + 10_000;
    while ((await runTopics()).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await mongo.connect();
    await mongo.db(settings.mongodbDatabase).dropDatabase();
    const databases = await mongo.db().admin().listDatabases({ nameOnly: true });
    return {
      topics: (await runTopics()).length,
      database: databases.databases.some(({ name }) => name === settings.mongodbDatabase),
    };
  } finally {
    await admin.disconnect();
    await mongo.close();
  }
}
