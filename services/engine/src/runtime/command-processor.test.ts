import type { EngineCommand } from '@baton/contracts';
import type { ProcessModel } from '@baton/bpmn';
import type { Effect, InstanceState, Job } from '@baton/engine-core';
import { InMemoryBus, partitionForKey } from '@baton/messaging';
import {
  InMemoryDefinitionStore,
  InMemoryInstanceStore,
  InMemoryJobStore,
  InMemoryUserTaskStore,
} from '@baton/store';
import { waitFor } from '@baton/testing';
import { batonTopics, topics } from '@baton/topics';
import { CommandProcessor, type ApplyFunction } from './command-processor';
import { DefinitionCache } from './definition-cache';
import { EffectDispatcher } from './effect-dispatcher';
import { JobWaiters } from './job-waiters';
import { KeyGenerator } from './key-generator';

/** A stand-in core: CREATE starts `count` at 0, SET_VARIABLES adds one; each emits an instance event. */
const countingApply: ApplyFunction = (state, command, ctx) => {
  if (command.type === 'CREATE_INSTANCE') {
    const created: InstanceState = {
      processInstanceKey: command.processInstanceKey,
      processDefinitionKey: ctx.definition.processDefinitionKey,
      processDefinitionId: ctx.definition.processDefinitionId,
      processDefinitionVersion: 1,
      tenantId: '<default>',
      state: 'ACTIVE',
      startDate: new Date(ctx.now).toISOString(),
      variables: { [command.processInstanceKey]: { count: 0 } },
      elementInstances: {},
      tokens: {},
      jobs: {},
      userTasks: {},
      incidents: {},
      awaitingReplies: [],
    };
    return { state: created, effects: [event(created)] };
  }
  if (!state) return { state, effects: [], rejection: { code: 'NOT_FOUND', message: 'no instance' } };
  const count = (state.variables[state.processInstanceKey]?.['count'] as number) + 1;
  const next = { ...state, variables: { [state.processInstanceKey]: { count } } };
  return { state: next, effects: [event(next)] };
};

function event(state: InstanceState): Effect {
  return {
    type: 'INSTANCE_EVENT',
    event: {
      processInstanceKey: state.processInstanceKey,
      processDefinitionKey: state.processDefinitionKey,
      processDefinitionId: state.processDefinitionId,
      state: state.state,
      activeElementIds: [],
      completedElementIds: [],
      tokens: [],
      hasIncident: false,
      suspended: false,
      timestamp: new Date().toISOString(),
    },
  };
}

async function setUp(partitions = 4, outboxClearDelayMs = 0) {
  const bus = new InMemoryBus({ partitions, topicPrefix: '' });
  const instances = new InMemoryInstanceStore();
  const definitions = new InMemoryDefinitionStore();
  const jobs = new InMemoryJobStore();
  const userTasks = new InMemoryUserTaskStore();
  await definitions.insert({
    processDefinitionKey: '100',
    processDefinitionId: 'counter',
    processDefinitionVersion: 1,
    resourceName: 'counter.bpmn',
    tenantId: '<default>',
    deploymentKey: '99',
    bpmnXml: '',
    checksum: 'x',
    model: { processDefinitionId: 'counter' } as unknown as ProcessModel,
    deployedAt: new Date().toISOString(),
  });
  const events: unknown[] = [];
  const replies: unknown[] = [];
  await bus.subscribe({
    topic: topics.instanceEvents,
    groupId: 'test',
    fromBeginning: true,
    eachBatch: (b) => {
      events.push(...b.messages.map((m) => m.value));
      return Promise.resolve();
    },
  });
  await bus.subscribe({
    topic: topics.engineReplies,
    groupId: 'test',
    fromBeginning: true,
    eachBatch: (b) => {
      replies.push(...b.messages.map((m) => m.value));
      return Promise.resolve();
    },
  });
  const keys = new KeyGenerator({ nodeId: 1 });
  const dispatcher = new EffectDispatcher({
    bus,
    jobs,
    userTasks,
    waiters: new JobWaiters(),
    topics: batonTopics(''),
  });
  const applied: EngineCommand[] = [];
  const processor = new CommandProcessor({
    bus,
    topic: batonTopics('').engineCommands,
    partitionOf: (key) => partitionForKey(key, 4),
    instances,
    definitions: new DefinitionCache(definitions),
    dispatcher,
    apply: (state, command, ctx) => {
      applied.push(command);
      return countingApply(state, command, ctx);
    },
    nextKey: () => keys.next(),
    outboxClearDelayMs,
  });
  const send = (...commands: EngineCommand[]) =>
    bus.produce(
      topics.engineCommands,
      commands.map((value) => ({ key: value.processInstanceKey, value })),
    );
  return { bus, instances, jobs, processor, send, events, replies, applied };
}

const create = (key: string): EngineCommand => ({
  type: 'CREATE_INSTANCE',
  commandId: `create-${key}`,
  processInstanceKey: key,
  processDefinitionKey: '100',
  variables: {},
});
const increment = (key: string, commandId: string): EngineCommand => ({
  type: 'SET_VARIABLES',
  commandId,
  processInstanceKey: key,
  elementInstanceKey: key,
  variables: {},
});
const countOf = async (instances: InMemoryInstanceStore, key: string) =>
  (await instances.get(key))?.variables[key]?.['count'];

describe('CommandProcessor', () => {
  it('clears dispatched outboxes later, never dispatching an effect twice when the instance moves on first', async () => {
    const { instances, processor, send, events } = await setUp(4, 60_000);
    await processor.start();
    await send(create('1'), create('2'));
    await waitFor(() => events.length === 2, { description: 'both creations published' });
    // Dispatched, not cleared yet: the outboxes are still in the documents.
    expect((await instances.listWithPendingOutbox()).map((d) => d.processInstanceKey).sort()).toEqual([
      '1',
      '2',
    ]);
    // The sweeper knows they went out and leaves them alone.
    expect(await processor.sweepOutboxes()).toBe(0);
    expect(await processor.sweepOutboxes()).toBe(0);
    await send(increment('1', 'inc-1'));
    await waitFor(() => events.length === 3, { description: 'the increment published' });
    const counts = events.map((e) => (e as { processInstanceKey: string }).processInstanceKey).sort();
    expect(counts).toEqual(['1', '1', '2']);
    expect((await instances.get('1'))?.outbox).toHaveLength(1); // the increment's event alone
    await processor.close();
    expect(await instances.listWithPendingOutbox()).toEqual([]);
    expect(events).toHaveLength(3);
  });

  it('applies a command delivered twice only once, in the same batch and in a later one', async () => {
    const { bus, instances, processor, send, applied } = await setUp();
    await processor.start();
    await send(create('1'), increment('1', 'inc-a'), increment('1', 'inc-a'));
    await waitFor(async () => (await countOf(instances, '1')) === 1);
    await send(increment('1', 'inc-a'), increment('1', 'inc-b'));
    await waitFor(async () => (await countOf(instances, '1')) === 2);
    expect(applied.map((c) => c.commandId)).toEqual(['create-1', 'inc-a', 'inc-b']);
    expect((await instances.get('1'))?.appliedCommandIds).toEqual(['create-1', 'inc-a', 'inc-b']);
    await processor.close();
    await bus.close();
  });

  it('writes a batch with one bulk write, publishes with one produce per topic, and clears the outboxes', async () => {
    const { bus, instances, processor, send, events } = await setUp(1);
    const writeBatch = jest.spyOn(instances, 'writeBatch');
    const produce = jest.spyOn(bus, 'produce');
    await processor.start();
    await send(create('1'), create('2'), create('3'), increment('2', 'inc'));
    await waitFor(() => events.length === 4);
    expect(writeBatch).toHaveBeenCalledTimes(1);
    expect(writeBatch.mock.calls[0]![0]).toHaveLength(3);
    expect(produce.mock.calls.filter(([topic]) => topic === topics.instanceEvents)).toHaveLength(1);
    expect(await instances.listWithPendingOutbox()).toHaveLength(0);
    expect(await countOf(instances, '2')).toBe(1);
    await processor.close();
    await bus.close();
  });

  it('applies commands on instances it wrote from memory: neither a create nor the commands after it read the store', async () => {
    const { bus, instances, processor, send } = await setUp();
    const getMany = jest.spyOn(instances, 'getMany');
    await processor.start();
    await send(create('1'));
    await waitFor(async () => (await countOf(instances, '1')) === 0);
    await send(increment('1', 'inc-a'));
    await waitFor(async () => (await countOf(instances, '1')) === 1);
    await send(increment('1', 'inc-b'));
    await waitFor(async () => (await countOf(instances, '1')) === 2);
    expect(getMany).not.toHaveBeenCalled();
    await processor.close();
    await bus.close();
  });

  it('reads an instance again when another writer moved it on, and applies the command to what it wrote', async () => {
    const { bus, instances, processor, send } = await setUp();
    const getMany = jest.spyOn(instances, 'getMany');
    await processor.start();
    await send(create('1'));
    await waitFor(async () => (await countOf(instances, '1')) === 0);
    // Another replica (the partition's owner for a while) wrote revision 2 with count 10.
    const stored = (await instances.get('1'))!;
    await instances.writeBatch([
      {
        expectedRevision: stored.revision,
        document: { ...stored, variables: { '1': { count: 10 } }, outbox: [] },
      },
    ]);
    await send(increment('1', 'inc-a'));
    await waitFor(async () => (await countOf(instances, '1')) === 11);
    expect(getMany).toHaveBeenCalledTimes(1);
    expect((await instances.get('1'))?.revision).toBe(3);
    await processor.close();
    await bus.close();
  });

  it('finds a create delivered again after its instance was forgotten: the insert fails, the stored instance is read and kept', async () => {
    const { bus, instances, processor, send, applied } = await setUp();
    await processor.start();
    await send(create('1'), increment('1', 'inc-a'));
    await waitFor(async () => (await countOf(instances, '1')) === 1);
    await processor.close();
    // A fresh processor (another replica, nothing remembered) gets the create again.
    const second = await setUp();
    await second.instances.writeBatch([{ expectedRevision: 0, document: (await instances.get('1'))! }]);
    await second.processor.start();
    // The create alone is not looked for: tried as new, its insert conflicts, the instance is read.
    await second.send(create('1'));
    await second.send(increment('1', 'inc-b'));
    // Had the create replaced the instance, the count would have started again at 0.
    await waitFor(async () => (await countOf(second.instances, '1')) === 2);
    expect((await second.instances.get('1'))?.appliedCommandIds).toEqual(['create-1', 'inc-a', 'inc-b']);
    expect(applied.map((c) => c.commandId)).toEqual(['create-1', 'inc-a']);
    await second.processor.close();
    await second.bus.close();
    await bus.close();
  });

  it('answers a command on an unknown instance with a rejection reply', async () => {
    const { bus, processor, replies, instances } = await setUp();
    await processor.start();
    await bus.produce(topics.engineCommands, [
      { key: '5', value: { ...increment('5', 'c'), reply: { requestId: 'r1', replicaId: 'replica-a' } } },
    ]);
    await waitFor(() => replies.length === 1);
    expect(replies[0]).toEqual({
      target: { requestId: 'r1', replicaId: 'replica-a' },
      body: { status: 'REJECTED', code: 'NOT_FOUND', message: 'Process instance 5 not found.' },
    });
    expect(await instances.get('5')).toBeUndefined();
    await processor.close();
    await bus.close();
  });

  it('heals a crash between write and publish: a left outbox is dispatched again at start', async () => {
    const { bus, instances, jobs, processor, events } = await setUp();
    const job: Job = {
      jobKey: '77',
      type: 'payment',
      processInstanceKey: '7',
      processDefinitionKey: '100',
      processDefinitionId: 'counter',
      processDefinitionVersion: 1,
      elementId: 'pay',
      elementInstanceKey: '78',
      customHeaders: {},
      retries: 3,
      state: 'ACTIVATABLE',
      tenantId: '<default>',
    };
    const state = countingApply(undefined, create('7'), {
      now: 0,
      nextKey: () => '1',
      definition: {
        processDefinitionKey: '100',
        processDefinitionId: 'counter',
        processDefinitionVersion: 1,
        tenantId: '<default>',
        model: {} as ProcessModel,
      },
    }).state!;
    await instances.writeBatch([
      {
        expectedRevision: 0,
        document: {
          ...state,
          revision: 0,
          appliedCommandIds: ['create-7'],
          hasIncident: false,
          outbox: [{ type: 'JOB_CREATED', job }, event(state)],
        },
      },
    ]);
    await processor.start();
    expect((await jobs.get('77'))?.job.type).toBe('payment');
    expect(await instances.listWithPendingOutbox()).toHaveLength(0);
    await waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ processInstanceKey: '7' });
    await processor.close();
    await bus.close();
  });

  it('heals an outbox left by another writer once it stayed pending across two sweeps', async () => {
    const { bus, instances, processor, events } = await setUp();
    await processor.start();
    const state = countingApply(undefined, create('8'), {
      now: 0,
      nextKey: () => '1',
      definition: {
        processDefinitionKey: '100',
        processDefinitionId: 'counter',
        processDefinitionVersion: 1,
        tenantId: '<default>',
        model: {} as ProcessModel,
      },
    }).state!;
    // A replica that died after its write: the document is there, its effects were never published.
    await instances.writeBatch([
      {
        expectedRevision: 0,
        document: {
          ...state,
          revision: 0,
          appliedCommandIds: ['create-8'],
          hasIncident: false,
          outbox: [event(state)],
        },
      },
    ]);
    expect(await processor.sweepOutboxes()).toBe(0);
    expect(await instances.listWithPendingOutbox()).toHaveLength(1);
    expect(await processor.sweepOutboxes()).toBe(1);
    expect(await instances.listWithPendingOutbox()).toHaveLength(0);
    await waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ processInstanceKey: '8' });
    await processor.close();
    await bus.close();
  });
});
