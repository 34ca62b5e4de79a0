// Prints timings of the MongoDB adapters against the server at MONGODB_URI (by hand, not in CI):
// writeBatch of 100 new documents and of 100 revision-checked replacements, saveSnapshot of 100 new
// and 100 stored documents, and job activation.
// Run: npx tsx libs/store/scripts/measure-mongo.ts  (env: MONGODB_URI, ROUNDS=3 batches, JOBS=500)
import { randomBytes } from 'node:crypto';
import type { Job } from '@baton/engine-core';
import { MongoClient } from 'mongodb';
import type { InstanceDocument, InstanceStore } from '../src/instance-store';
import { openMongoStores, type MongoStoresSetup } from '../src/mongo/mongo-stores';

const uri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/';
const BATCH = 100;
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);

function instance(processInstanceKey: string, step: number): InstanceDocument {
  const variables = Object.fromEntries(
    Array.from({ length: 20 }, (_unused, index) => [`variable${index}`, { step, text: 'x'.repeat(40) }]),
  );
  return {
    processInstanceKey,
    processDefinitionKey: '100',
    processDefinitionId: 'order-process',
    processDefinitionVersion: 1,
    tenantId: '<default>',
    state: 'ACTIVE',
    startDate: new Date().toISOString(),
    variables: { [processInstanceKey]: variables },
    elementInstances: {},
    tokens: {},
    jobs: {},
    userTasks: {},
    incidents: {},
    awaitingReplies: [],
    revision: 0,
    outbox: [{ type: 'JOB_CLOSED', jobKey: `${processInstanceKey}1`, processInstanceKey }],
    appliedCommandIds: [`command-${step}`],
    hasIncident: false,
  };
}

function job(jobKey: string): Job {
  return {
    jobKey,
    type: 'payment',
    processInstanceKey: '1',
    processDefinitionKey: '100',
    processDefinitionId: 'order-process',
    processDefinitionVersion: 1,
    elementId: 'charge',
    elementInstanceKey: '2',
    customHeaders: {},
    retries: 3,
    state: 'ACTIVATABLE',
    tenantId: '<default>',
  };
}

async function measureWrites(instances: InstanceStore, label: string): Promise<void> {
  // FerretDB 1.24 (SQLite) scans the table for every _id lookup, so the cost grows with the
  // collection: each round is reported with the number of documents it found.
  for (let round = 0; round < ROUNDS; round++) {
    const keys = Array.from({ length: BATCH }, (_unused, index) => String(1_000_000 + round * BATCH + index));
    let started = performance.now();
    const created = await instances.writeBatch(
      keys.map((key) => ({ document: instance(key, 0), expectedRevision: 0 })),
    );
    const insertMs = performance.now() - started;
    started = performance.now();
    const replaced = await instances.writeBatch(
      keys.map((key) => ({ document: instance(key, 1), expectedRevision: 1 })),
    );
    const replaceMs = performance.now() - started;
    if (![...created, ...replaced].every((outcome) => outcome.ok))
      throw new Error('a write lost unexpectedly');
    console.log(
      `${label}, ${round * BATCH} documents before: ${BATCH} inserts ${insertMs.toFixed(0)} ms, ${BATCH} replacements ${replaceMs.toFixed(0)} ms`,
    );
  }
}

async function measureSnapshots(instances: InstanceStore): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    const stored = Array.from({ length: BATCH }, (_unused, index) =>
      String(3_000_000 + round * BATCH + index),
    );
    const fresh = stored.map((key) => String(Number(key) + 1_000_000));
    await instances.saveSnapshot(stored.map((key) => ({ document: instance(key, 0), stored: false })));
    const started = performance.now();
    await instances.saveSnapshot([
      ...fresh.map((key) => ({ document: instance(key, 1), stored: false })),
      ...stored.map((key) => ({ document: instance(key, 1), stored: true })),
    ]);
    console.log(
      `saveSnapshot, ${(round * 2 + 1) * BATCH} documents before: ${BATCH} new + ${BATCH} stored ${(performance.now() - started).toFixed(0)} ms`,
    );
  }
}

async function measureActivation(
  setup: MongoStoresSetup,
  client: MongoClient,
  dbName: string,
  workers: number,
): Promise<void> {
  const { jobs } = await openMongoStores(client.db(dbName), setup);
  const total = Number(process.env['JOBS'] ?? 500);
  for (let index = 0; index < total; index += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_unused, offset) =>
        jobs.upsert(job(String(workers * 1_000_000 + index + offset))),
      ),
    );
  }
  const started = performance.now();
  let activated = 0;
  let calls = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_unused, worker) => {
      for (;;) {
        const batch = await jobs.activate({
          type: 'payment',
          worker: `w${worker}`,
          timeoutMs: 60_000,
          maxJobs: 32,
          now: Date.now(),
        });
        calls++;
        if (batch.length === 0) return;
        activated += batch.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (activated !== total) throw new Error(`activated ${activated} of ${total}`);
  console.log(
    `activate (maxJobs 32, ${workers} concurrent worker(s)): ${(activated / seconds).toFixed(0)} jobs/s, ${((seconds * 1000) / calls).toFixed(1)} ms per call`,
  );
  await client.db(dbName).collection('jobs').deleteMany({});
}

async function main(): Promise<void> {
  const client = await new MongoClient(uri).connect();
  const dbName = `measure-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  try {
    const buildInfo = await client.db('admin').command({ buildInfo: 1 });
    console.log(
      `server: ${typeof buildInfo['ferretdbVersion'] === 'string' ? `FerretDB ${String(buildInfo['ferretdbVersion'])}` : `MongoDB ${String(buildInfo['version'])}`} at ${uri}`,
    );
    const detected = await openMongoStores(client.db(dbName));
    await measureWrites(detected.instances, 'instances (detected mode)');
    await client.db(dbName).collection('instances').deleteMany({});
    const atomic = await openMongoStores(client.db(dbName), { atomicConditionalUpdates: true });
    await measureWrites(atomic.instances, 'instances (no write claims)');
    await client.db(dbName).collection('instances').deleteMany({});
    await measureSnapshots(detected.instances);
    await measureActivation({}, client, dbName, 1);
    await measureActivation({}, client, dbName, 4);
  } finally {
    await client.db(dbName).dropDatabase();
    await client.close();
  }
}

await main();
