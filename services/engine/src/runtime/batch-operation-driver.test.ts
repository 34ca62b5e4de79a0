// The batch operation driver on a running engine (embedded, and on Kafka + FerretDB in the
// integration suite), seen from a second replica, "replica-b": its own reply route on the engine's
// bus, its own driver and batch operation store, the engine's instances. It takes over an
// operation whose driver died right after sending an item's command and applies every item once;
// it stops after the item in flight when the operation is suspended and goes on when it is
// resumed; a canceled operation's items not applied are CANCELED; a selection over the limit
// makes the operation FAILED with nothing applied.
import type { EngineCommand } from '@baton/contracts';
import { InMemoryBatchOperationStore, type BatchOperationItem } from '@baton/store';
import { uniqueName, waitFor } from '@baton/testing';
import { batonTopics } from '@baton/topics';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { startTestRuntime } from '../../test/support/test-runtime';
import type { EngineRuntime } from '../engine-runtime';
import { BatchOperationsFacade } from '../facades/batch-operations';
import { batchItemCommandId } from './batch-item-commands';
import { BatchOperationDriver } from './batch-operation-driver';
import { appendCommands } from './command-messages';
import { CommandSender } from './command-sender';
import { ReplyRouter } from './reply-router';

jest.setTimeout(30_000);

let engine: EngineRuntime;
let replies: ReplyRouter;
let sender: CommandSender;
let processId: string;
/**
 * Replica-b's operations, apart from the engine's own store: the engine's driver, which looks for
 * unfinished operations of its store, must not take this test's operations over.
 */
let store: InMemoryBatchOperationStore;
const drivers: BatchOperationDriver[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  engine = await startTestRuntime();
  const topics = batonTopics(engine.topicPrefix);
  replies = new ReplyRouter({ bus: engine.bus, topic: topics.engineReplies, replicaId: 'replica-b' });
  await replies.start();
  sender = new CommandSender({
    bus: engine.bus,
    commandsTopic: topics.engineCommands,
    replies,
    requestTimeoutMs: 5000,
  });
  processId = uniqueName('batch-driver');
  await engine.deploy([
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, uniqueName('idle')) },
  ]);
});
beforeEach(() => {
  store = new InMemoryBatchOperationStore();
});
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()));
  expect(errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await replies.close();
  await engine.close();
});

async function startInstances(count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let n = 0; n < count; n++)
    keys.push((await engine.createInstance({ processDefinitionId: processId })).processInstanceKey);
  // Answered once in the log: the drivers select from the store, which has them once stored.
  await engine.earlierCreatesStored();
  return keys;
}

/** A driver of replica-b; `send` is what it sends through (the engine, unless a test holds it). */
function driverOf(send: (command: EngineCommand) => Promise<void>): BatchOperationDriver {
  const driver = new BatchOperationDriver({
    store,
    instances: engine.stores.instances,
    sendAndAwait: send,
    replicaId: 'replica-b',
    clock: Date.now,
    concurrency: 1,
    pollMs: 50,
    onError: (message, error) => errors.push({ message, error }),
  });
  drivers.push(driver);
  return driver;
}

const throughEngine = async (command: EngineCommand): Promise<void> => {
  await sender.sendAndAwait(command);
};

/** Sends held until the test lets each go. */
function heldSends() {
  const waiting: (() => void)[] = [];
  const sent: EngineCommand[] = [];
  let open = false;
  return {
    sent,
    waiting,
    openAll() {
      open = true;
      for (const release of waiting.splice(0)) release();
    },
    async send(command: EngineCommand): Promise<void> {
      sent.push(command);
      if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
      await throughEngine(command);
    },
  };
}

async function stateOf(processInstanceKey: string): Promise<string | undefined> {
  return (await engine.getInstance(processInstanceKey))?.state;
}

async function itemStates(batchOperationKey: string): Promise<Record<string, BatchOperationItem['state']>> {
  const { items } = await store.searchItems({ batchOperationKey });
  return Object.fromEntries(items.map((item) => [item.processInstanceKey, item.state]));
}

it('takes over an operation whose driver died after sending a command, and applies every item once', async () => {
  const [sentBeforeDeath, notYetSent] = await startInstances(2);
  if (!sentBeforeDeath || !notYetSent) throw new Error('two instances expected');
  const batchOperationKey = String(Date.now());
  const item = (processInstanceKey: string) => ({
    batchOperationKey,
    itemKey: processInstanceKey,
    processInstanceKey,
    state: 'ACTIVE' as const,
  });
  // Replica A created the operation, sent the first item's command and died before recording its
  // outcome; its lease has run out.
  await store.create(
    {
      batchOperationKey,
      batchOperationType: 'CANCEL_PROCESS_INSTANCE',
      state: 'ACTIVE',
      startDate: new Date().toISOString(),
      driver: { replicaId: 'replica-a', until: Date.now() - 1 },
    },
    [item(sentBeforeDeath), item(notYetSent)],
  );
  await appendCommands(engine.bus, batonTopics(engine.topicPrefix).engineCommands, [
    {
      type: 'CANCEL_INSTANCE',
      processInstanceKey: sentBeforeDeath,
      commandId: batchItemCommandId(batchOperationKey, sentBeforeDeath),
    },
  ]);
  await waitFor(async () => (await stateOf(sentBeforeDeath)) === 'TERMINATED');

  const sent: EngineCommand[] = [];
  driverOf(async (command) => {
    sent.push(command);
    await throughEngine(command);
  }).start();

  await waitFor(async () => (await store.get(batchOperationKey))?.state === 'COMPLETED');
  // Without the look at the instance, the first item's second cancel would be refused (the instance
  // has ended) and the item recorded FAILED.
  expect(await itemStates(batchOperationKey)).toEqual({
    [sentBeforeDeath]: 'COMPLETED',
    [notYetSent]: 'COMPLETED',
  });
  expect(await store.counts(batchOperationKey)).toEqual({ total: 2, completed: 2, failed: 0 });
  expect(sent.map((command) => command.processInstanceKey)).toEqual([notYetSent]);
  expect(await stateOf(notYetSent)).toBe('TERMINATED');
  expect((await store.get(batchOperationKey))?.driver?.replicaId).toBe('replica-b');
});

it('stops after the item in flight when suspended, goes on when resumed', async () => {
  const keys = await startInstances(3);
  const held = heldSends();
  const driver = driverOf((command) => held.send(command));
  const facade = new BatchOperationsFacade({
    store,
    instances: engine.stores.instances,
    nextKey: () => String(Date.now()),
    clock: Date.now,
    drive: (key) => driver.drive(key),
  });
  const { batchOperationKey } = await facade.cancelProcessInstances({
    processDefinitionId: processId,
    state: 'ACTIVE',
  });
  await waitFor(() => held.waiting.length === 1);

  await facade.suspendBatchOperation(batchOperationKey);
  held.waiting.splice(0)[0]?.();
  await waitFor(() => !driver.isDriving(batchOperationKey));
  expect((await facade.getBatchOperation(batchOperationKey)).state).toBe('SUSPENDED');
  expect(held.sent).toHaveLength(1);
  expect((await facade.getBatchOperation(batchOperationKey)).counts).toEqual({
    total: 3,
    completed: 1,
    failed: 0,
  });

  held.openAll();
  await facade.resumeBatchOperation(batchOperationKey);
  await waitFor(async () => (await facade.getBatchOperation(batchOperationKey)).state === 'COMPLETED');
  expect((await facade.getBatchOperation(batchOperationKey)).counts).toEqual({
    total: 3,
    completed: 3,
    failed: 0,
  });
  for (const key of keys) expect(await stateOf(key)).toBe('TERMINATED');
});

it('cancels an operation: items not applied are CANCELED, the one in flight gets its outcome', async () => {
  const [inFlight, notApplied] = await startInstances(2);
  if (!inFlight || !notApplied) throw new Error('two instances expected');
  const held = heldSends();
  const driver = driverOf((command) => held.send(command));
  const facade = new BatchOperationsFacade({
    store,
    instances: engine.stores.instances,
    nextKey: () => String(Date.now()),
    clock: Date.now,
    drive: (key) => driver.drive(key),
  });
  const { batchOperationKey } = await facade.cancelProcessInstances({ processDefinitionId: processId });
  await waitFor(() => held.waiting.length === 1);
  const first = held.sent[0]?.processInstanceKey;

  await facade.cancelBatchOperation(batchOperationKey);
  held.openAll();
  await waitFor(() => !driver.isDriving(batchOperationKey));

  const operation = await facade.getBatchOperation(batchOperationKey);
  expect(operation).toMatchObject({ state: 'CANCELED', endDate: expect.any(String) });
  expect(operation.counts).toEqual({ total: 2, completed: 1, failed: 0 });
  const states = await itemStates(batchOperationKey);
  const second = first === inFlight ? notApplied : inFlight;
  expect(states).toEqual({ [first ?? '']: 'COMPLETED', [second]: 'CANCELED' });
  expect(await stateOf(second)).toBe('ACTIVE');
  await expect(facade.resumeBatchOperation(batchOperationKey)).rejects.toMatchObject({
    code: 'INVALID_STATE',
  });
});

it('refuses to take more items than it may: the operation FAILED with RESULT_BUFFER_SIZE_EXCEEDED, nothing applied', async () => {
  const keys = await startInstances(2);
  const sent: EngineCommand[] = [];
  const driver = driverOf(async (command) => {
    sent.push(command);
    await throughEngine(command);
  });
  const facade = new BatchOperationsFacade({
    store,
    instances: engine.stores.instances,
    nextKey: () => String(Date.now()),
    clock: Date.now,
    drive: (key) => driver.drive(key),
    maxItems: 1,
  });
  const { batchOperationKey } = await facade.cancelProcessInstances({ processDefinitionId: processId });

  const operation = await facade.getBatchOperation(batchOperationKey);
  expect(operation).toMatchObject({
    state: 'FAILED',
    endDate: expect.any(String),
    errors: [{ type: 'RESULT_BUFFER_SIZE_EXCEEDED', message: expect.stringContaining('more than 1 items') }],
    counts: { total: 0, completed: 0, failed: 0 },
  });
  expect(driver.isDriving(batchOperationKey)).toBe(false);
  expect(sent).toEqual([]);
  for (const key of keys) expect(await stateOf(key)).toBe('ACTIVE');
});
