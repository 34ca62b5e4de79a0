import type { CommandStartedEvent } from 'mongodb';
import { describePartitionCheckpointStoreContract } from '../../test/contract/partition-checkpoint-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
const events: CommandStartedEvent[] = [];
beforeAll(async () => {
  databases = await TestDatabases.connect({ monitorCommands: true });
  databases.client.on('commandStarted', (event) => events.push(event));
});
afterAll(() => databases.dropAll());

describePartitionCheckpointStoreContract(
  'MongoPartitionCheckpointStore',
  async () => (await databases.openStores()).checkpoints,
);
// As on MongoDB, where ids are read with one `$in` query.
describePartitionCheckpointStoreContract(
  'MongoPartitionCheckpointStore reading with $in',
  async () => (await databases.openStores({ idQueries: 'in' })).checkpoints,
);

it('sets the checkpoints of a call with one command of upserts by _id that only move the offset forward', async () => {
  const { checkpoints } = await databases.openStores({ maxStatementsPerCommand: 10 });
  const set = (offset: number) =>
    checkpoints.set(
      'commands',
      [0, 1, 2, 3].map((partition) => ({ partition, offset: offset + partition })),
    );
  await set(10);
  events.length = 0;
  await set(20);
  expect(events.map((event): unknown[] => [event.commandName, event.command[event.commandName]])).toEqual([
    ['update', 'partitionCheckpoints'],
  ]);
  expect(events[0]!.command['updates']).toEqual(
    [0, 1, 2, 3].map((partition) => ({
      q: { _id: `commands#${partition}` },
      u: { $set: { topic: 'commands', partition }, $max: { offset: 20 + partition } },
      upsert: true,
    })),
  );
  expect(await checkpoints.get('commands', [0, 3])).toEqual(
    new Map([
      [0, 20],
      [3, 23],
    ]),
  );
});
