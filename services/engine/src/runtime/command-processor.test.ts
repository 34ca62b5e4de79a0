import { jobFixture } from '../../test/support/job-fixture';
import type { EngineCommand } from '@baton/contracts';
import type { ProcessModel } from '@baton/bpmn';
import type { Effect, InstanceState } from '@baton/engine-core';
import type { TypedMessageBatch } from '@baton/messaging';
import { InMemoryBus, partitionForKey } from '@baton/messaging';
import {
  InMemoryDefinitionStore,
  InMemoryInstanceStore,
  InMemoryJobStore,
  InMemoryPartitionCheckpointStore,
  InMemoryUserTaskStore,
} from '@baton/store';
import { waitFor } from '@baton/testing';
import { batonTopics, topics } from '@baton/topics';
import { CommandProcessor, type ApplyFunction } from './command-processor';
import { DefinitionCache } from './definition-cache';
import { EffectDispatcher } from './effect-dispatcher';
import { JobWaiters } from './job-waiters';
import { KeyGenerator } from './key-generator';

/**
 * A stand-in core: CREATE starts `count` at 0, SET_VARIABLES adds one; each emits an instance
 * event, and a reply when the command asks for one.
 */
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
  return { state: next, effects: [event(next), ...(command.reply ? [okReply(next, command.reply)] : [])] };
};

function okReply(state: InstanceState, target: NonNullable<EngineCommand['reply']>): Effect {
  return {
    type: 'REPLY',
    target,
    body: {
      status: 'OK',
      processInstanceKey: state.processInstanceKey,
      processDefinitionKey: state.processDefinitionKey,
      processDefinitionId: state.processDefinitionId,
      processDefinitionVersion: state.processDefinitionVersion,
    },
  };
}

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

/** A processor on a bus and store of its own, or on those of `shared` (another replica of it). */
async function setUp(
  partitions = 4,
  shared?: {
    bus: InMemoryBus;
    instances: InMemoryInstanceStore;
    checkpoints: InMemoryPartitionCheckpointStore;
  },
) {
  const bus = shared?.bus ?? new InMemoryBus({ partitions, topicPrefix: '' });
  const instances = shared?.instances ?? new InMemoryInstanceStore();
  const definitions = new InMemoryDefinitionStore();
  const jobs = new InMemoryJobStore();
  const checkpoints = shared?.checkpoints ?? new InMemoryPartitionCheckpointStore();
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
    jobs,
    checkpoints,
    definitions: new DefinitionCache(definitions),
    dispatcher,
    apply: (state, command, ctx) => {
      applied.push(command);
      return countingApply(state, command, ctx);
    },
    nextKey: () => keys.next(),
  });
  const send = (...commands: EngineCommand[]) =>
    bus.produce(
      topics.engineCommands,
      commands.map((value) => ({ key: value.processInstanceKey, value })),
    );
  return { bus, instances, jobs, checkpoints, processor, send, events, replies, applied };
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

/** A batch as the log would deliver it, for the replay entry points. */
function batchOf(
  partition: number,
  first: number,
  commands: EngineCommand[],
): TypedMessageBatch<EngineCommand> {
  return {
    topic: topics.engineCommands,
    partition,
    messages: commands.map((value, index) => ({
      topic: topics.engineCommands,
      partition,
      offset: first + index,
      timestamp: 1_700_000_000_000 + index,
      key: value.processInstanceKey,
      value,
      headers: { messageId: `m${first + index}`, traceparent: '00-0-0-01' },
    })),
  };
}

describe('CommandProcessor', () => {
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

  it('stores a batch with one snapshot write and its checkpoint, after publishing its events in its transaction', async () => {
    const { bus, instances, checkpoints, processor, send, events } = await setUp(1);
    const saveSnapshot = jest.spyOn(instances, 'saveSnapshot');
    const produce = jest.spyOn(bus, 'produce');
    await processor.start();
    await send(create('1'), create('2'), create('3'), increment('2', 'inc'));
    await waitFor(() => events.length === 4);
    await waitFor(async () => (await checkpoints.get(topics.engineCommands, [0])).get(0) === 4, {
      description: 'the checkpoint after the four commands',
    });
    expect(saveSnapshot).toHaveBeenCalledTimes(1);
    expect(
      saveSnapshot.mock.calls[0]![0].map((write) => [write.document.processInstanceKey, write.stored]),
    ).toEqual([
      ['1', false],
      ['2', false],
      ['3', false],
    ]);
    // Through the transaction, not the bus's own produce.
    expect(produce.mock.calls.filter(([topic]) => topic === topics.instanceEvents)).toHaveLength(0);
    expect(await countOf(instances, '2')).toBe(1);
    expect((await instances.get('2'))?.logPosition).toEqual({ partition: 0, offset: 3 });
    expect((await instances.get('2'))?.outbox).toEqual([]);
    await processor.close();
    await bus.close();
  });

  it('applies commands on instances it holds from memory: neither a create nor the commands after it read the store', async () => {
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
    expect((await instances.get('1'))?.revision).toBe(3);
    await processor.close();
    await bus.close();
  });

  it('reads an instance it does not hold once, then holds it', async () => {
    const first = await setUp();
    await first.processor.start();
    await first.send(create('1'));
    await waitFor(async () => (await countOf(first.instances, '1')) === 0);
    await first.processor.close();
    // Another replica (nothing held) on the same log and store gets the next commands.
    const second = await setUp(4, first);
    const getMany = jest.spyOn(second.instances, 'getMany');
    await second.processor.start();
    await second.send(increment('1', 'inc-a'));
    await waitFor(async () => (await countOf(second.instances, '1')) === 1);
    await second.send(increment('1', 'inc-b'));
    await waitFor(async () => (await countOf(second.instances, '1')) === 2);
    expect(getMany).toHaveBeenCalledTimes(1);
    expect((await second.instances.get('1'))?.revision).toBe(3);
    await second.processor.close();
    await first.bus.close();
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

  describe('replay of commands committed but not stored (a replica died between the two)', () => {
    it('replays from the checkpoint when it is below the committed offset, from the start when there is none', async () => {
      const { bus, checkpoints, processor } = await setUp();
      expect(await processor.replayFrom(2, 10)).toBe(0);
      await checkpoints.set(topics.engineCommands, [{ partition: 2, offset: 7 }]);
      expect(await processor.replayFrom(2, 10)).toBe(7);
      await checkpoints.set(topics.engineCommands, [{ partition: 2, offset: 10 }]);
      expect(await processor.replayFrom(2, 10)).toBeUndefined();
      await bus.close();
    });

    it('stores what the replayed commands give and answers their callers, but publishes none of their events again', async () => {
      const { bus, instances, checkpoints, processor, events, replies } = await setUp();
      const reply = { requestId: 'r9', replicaId: 'replica-a' };
      await processor.replayBatch(
        batchOf(1, 20, [create('9'), { ...increment('9', 'inc-a'), reply }, increment('9', 'inc-b')]),
      );
      expect(await countOf(instances, '9')).toBe(2);
      expect((await instances.get('9'))?.logPosition).toEqual({ partition: 1, offset: 22 });
      // The checkpoint follows once the replies are out, with a later write or alone.
      await waitFor(async () => (await checkpoints.get(topics.engineCommands, [1])).get(1) === 23, {
        description: 'the checkpoint after the replayed commands',
      });
      // The caller of inc-a still waits (its reply may never have gone out); the events went out.
      await waitFor(() => replies.length === 1, { description: 'the reply to inc-a' });
      expect(replies).toEqual([{ target: reply, body: expect.objectContaining({ status: 'OK' }) }]);
      await bus.produce(topics.engineCommands, []);
      expect(events).toEqual([]);
      await bus.close();
    });

    it('answers again from a stored version the commands whose replies its writer may not have sent', async () => {
      const { bus, instances, processor } = await setUp();
      const reply = { requestId: 'r7', replicaId: 'replica-a' };
      const commands = [create('7'), { ...increment('7', 'inc-a'), reply }];
      // The dead replica stored the instance after both commands, then died before replying.
      await processor.replayBatch(batchOf(1, 30, commands));
      const replacement = await setUp();
      await replacement.instances.saveSnapshot([{ document: (await instances.get('7'))!, stored: false }]);
      await replacement.processor.replayBatch(batchOf(1, 30, commands));
      expect(replacement.applied).toEqual([]);
      await waitFor(() => replacement.replies.length === 1, { description: 'the reply to inc-a, again' });
      expect(replacement.replies).toEqual([
        { target: reply, body: expect.objectContaining({ status: 'OK' }) },
      ]);
      await Promise.all([bus.close(), replacement.bus.close()]);
    });

    it('skips what a document stored after the checkpoint already reflects, by its log position', async () => {
      const { bus, instances, processor, applied } = await setUp();
      // The dead replica stored the instance after three commands, but not the checkpoint.
      await processor.replayBatch(
        batchOf(1, 20, [create('9'), increment('9', 'inc-a'), increment('9', 'inc-b')]),
      );
      applied.length = 0;
      const replacement = await setUp();
      await replacement.instances.saveSnapshot([{ document: (await instances.get('9'))!, stored: false }]);
      // Its successor replays from the older checkpoint: the create and the increments again, then one more.
      await replacement.processor.replayBatch(
        batchOf(1, 20, [
          create('9'),
          increment('9', 'inc-a'),
          increment('9', 'inc-b'),
          increment('9', 'inc-c'),
        ]),
      );
      expect(replacement.applied.map((command) => command.commandId)).toEqual(['inc-c']);
      expect(await countOf(replacement.instances, '9')).toBe(3);
      await Promise.all([bus.close(), replacement.bus.close()]);
    });

    it('stores the open jobs of an instance stored ahead of the checkpoint (its writer may have held them back), keeping stored ones as they are', async () => {
      const { bus, instances, processor } = await setUp();
      await processor.replayBatch(batchOf(1, 40, [create('7'), increment('7', 'inc-a')]));
      const replacement = await setUp();
      const heldBack = jobFixture('j-held', { processInstanceKey: '7' });
      const activated = jobFixture('j-activated', { processInstanceKey: '7' });
      await replacement.instances.saveSnapshot([
        {
          document: {
            ...(await instances.get('7'))!,
            jobs: { 'j-held': heldBack, 'j-activated': activated },
          },
          stored: false,
        },
      ]);
      await replacement.jobs.upsert(activated, { worker: 'rest-worker', deadline: Number.MAX_SAFE_INTEGER });
      await replacement.processor.replayBatch(batchOf(1, 40, [create('7'), increment('7', 'inc-a')]));
      expect(await replacement.jobs.get('j-held')).toEqual({ job: heldBack });
      expect(await replacement.jobs.get('j-activated')).toEqual({
        job: activated,
        worker: 'rest-worker',
        deadline: Number.MAX_SAFE_INTEGER,
      });
      await Promise.all([bus.close(), replacement.bus.close()]);
    });
  });
});
