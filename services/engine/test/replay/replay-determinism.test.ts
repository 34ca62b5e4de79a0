// Replay determinism (DESIGN §3.6): the next owner of a partition rebuilds its instances by applying
// the partition's commands again, so applying the same log must give the same instances to the
// byte, whatever the batches. A command's keys come from its place in the log and its time from
// its record (log-position-keys.ts, the processor's ApplyContext), never from the replica.
// Here a varied set of processes runs to its end on the embedded runtime while a recorder keeps the
// commands topic; a fresh processor then replays the recording in batches of another size — into
// an empty store, and over a snapshot taken halfway (documents ahead of where the replay starts,
// as a replica that died after storing them leaves them) — and every instance document must come
// out equal. Revisions (one per batch) and the replies of the last write (the callers answered by
// the batch that wrote it, so again one per batch) are the writer's bookkeeping, not state.
import { configureFeelLimits } from '@baton/bpmn';
import type { EngineCommand } from '@baton/contracts';
import { apply } from '@baton/engine-core';
import { InMemoryBus, type TypedConsumedMessage } from '@baton/messaging';
import {
  InMemoryDefinitionStore,
  InMemoryInstanceStore,
  InMemoryJobStore,
  InMemoryPartitionCheckpointStore,
  InMemoryUserTaskStore,
  type InstanceDocument,
} from '@baton/store';
import { waitFor } from '@baton/testing';
import { batonTopics, topics } from '@baton/topics';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine-runtime';
import { CommandProcessor } from '../../src/runtime/command-processor';
import { DefinitionCache } from '../../src/runtime/definition-cache';
import { EffectDispatcher } from '../../src/runtime/effect-dispatcher';
import { JobWaiters } from '../../src/runtime/job-waiters';
import { serviceTaskBpmn, messageCatchBpmn, timerCatchBpmn, timerValue } from '../fixtures/bpmn-fixtures';
import { childBpmn, parentBpmn } from '../fixtures/call-activity-fixtures';
import { inclusiveGatewayBpmn } from '../fixtures/gateway-fixtures';
import { multiInstanceServiceTaskBpmn } from '../fixtures/multi-instance-fixtures';
import { parallelAndSubprocessBpmn } from '../fixtures/start-fixtures';

const partitions = 4;
const jobTypes = [
  'replay-work',
  'replay-child-work',
  'replay-item',
  'replay-inc-a',
  'replay-inc-b',
  'replay-inc-c',
  'replay-inc-after',
];

const models = [
  { name: 'service.bpmn', content: serviceTaskBpmn('replay-service', 'replay-work') },
  { name: 'parallel.bpmn', content: parallelAndSubprocessBpmn('replay-parallel') },
  { name: 'parent.bpmn', content: parentBpmn('replay-parent', 'replay-child') },
  { name: 'child.bpmn', content: childBpmn('replay-child', 'replay-child-work') },
  { name: 'multi.bpmn', content: multiInstanceServiceTaskBpmn('replay-multi', 'replay-item') },
  { name: 'inclusive.bpmn', content: inclusiveGatewayBpmn('replay-inclusive', 'replay-inc') },
  { name: 'message.bpmn', content: messageCatchBpmn('replay-message', 'replay-ping') },
  { name: 'timer.bpmn', content: timerCatchBpmn('replay-timer', timerValue('timeDuration', 'PT0.05S')) },
];

const starts: { processDefinitionId: string; variables: Record<string, unknown> }[] = [];
for (let round = 0; round < 3; round++) {
  starts.push(
    { processDefinitionId: 'replay-service', variables: { round } },
    { processDefinitionId: 'replay-parallel', variables: { price: 10 + round } },
    { processDefinitionId: 'replay-parent', variables: { round } },
    { processDefinitionId: 'replay-multi', variables: { items: [1, 2, 3 + round] } },
    { processDefinitionId: 'replay-inclusive', variables: { amount: 5 + 10 * round, vip: round % 2 === 0 } },
    { processDefinitionId: 'replay-message', variables: { orderId: `order-${round}` } },
    { processDefinitionId: 'replay-timer', variables: { round } },
  );
}

/** Works every job and user task and sends every message until each instance has ended. */
async function driveToTheEnd(engine: EngineRuntime, keys: readonly string[]): Promise<void> {
  const ended = async () => {
    const states = await Promise.all(keys.map((key) => engine.getInstance(key)));
    return states.every((instance) => instance?.state === 'COMPLETED');
  };
  let round = 0;
  await waitFor(
    async () => {
      for (const type of jobTypes) {
        const jobs = await engine.activateJobs({
          type,
          worker: 'replay',
          timeoutMs: 60_000,
          maxJobsToActivate: 50,
          requestTimeoutMs: 0,
        });
        for (const { job } of jobs)
          await engine.completeJob(job.jobKey, { [`done_${job.elementId}`]: round });
      }
      const tasks = await engine.searchUserTasks({ filter: { state: 'CREATED' } });
      // A task completed in the previous round may still show as created: that completion is refused.
      for (const task of tasks.items)
        await engine.completeUserTask(task.userTaskKey, { checked: round }).catch(() => undefined);
      for (let order = 0; order < 3; order++)
        await engine.publishMessage({
          name: 'replay-ping',
          correlationKey: `order-${order}`,
          timeToLiveMs: 0,
        });
      round++;
      return ended();
    },
    { timeoutMs: 20_000, description: 'every instance at its end' },
  );
}

/** The state of a document: what a replay must give again. */
function stateOf(document: InstanceDocument): string {
  const { revision: _revision, lastReplies: _replies, ...state } = document;
  return JSON.stringify(state);
}

/** A processor that replays into `instances`, its side effects going to stores of its own. */
function replayer(definitions: InMemoryDefinitionStore, instances: InMemoryInstanceStore): CommandProcessor {
  const bus = new InMemoryBus({ partitions, topicPrefix: '' });
  const jobs = new InMemoryJobStore();
  return new CommandProcessor({
    bus,
    topic: batonTopics('').engineCommands,
    partitionOf: () => 0,
    instances,
    jobs,
    checkpoints: new InMemoryPartitionCheckpointStore(),
    definitions: new DefinitionCache(definitions),
    dispatcher: new EffectDispatcher({
      bus,
      jobs,
      userTasks: new InMemoryUserTaskStore(),
      waiters: new JobWaiters(),
      topics: batonTopics(''),
    }),
    apply,
    nextKey: () => {
      throw new Error('a replayed command made a key of the replica, not of its place in the log');
    },
  });
}

/** Replays each partition's log, or the part of it `upTo` says, in batches of `size`. */
async function replay(
  processor: CommandProcessor,
  recorded: readonly TypedConsumedMessage<EngineCommand>[],
  size: number,
  upTo: (log: readonly unknown[]) => number = (log) => log.length,
): Promise<void> {
  for (let partition = 0; partition < partitions; partition++) {
    const log = recorded
      .filter((message) => message.partition === partition)
      .sort((a, b) => a.offset - b.offset);
    const end = upTo(log);
    for (let from = 0; from < end; from += size) {
      const messages = log.slice(from, Math.min(from + size, end));
      await processor.replayBatch({ topic: topics.engineCommands, partition, messages });
    }
  }
}

/** An engine on the embedded runtime, and every command it appends, as the commands topic keeps them. */
async function recordedEngine() {
  const bus = new InMemoryBus({ partitions, topicPrefix: '' });
  const definitions = new InMemoryDefinitionStore();
  const instances = new InMemoryInstanceStore();
  const recorded: TypedConsumedMessage<EngineCommand>[] = [];
  await bus.subscribe({
    topic: topics.engineCommands,
    groupId: 'replay-recorder',
    fromBeginning: true,
    eachBatch: (batch) => {
      recorded.push(...(batch.messages as TypedConsumedMessage<EngineCommand>[]));
      return Promise.resolve();
    },
  });
  const engine = await createEngineRuntime({
    bus,
    partitions,
    definitionStore: definitions,
    instanceStore: instances,
    logError: () => undefined,
  });
  return { definitions, instances, recorded, engine };
}

it('applies the recorded commands again, in other batches, into the same instances', async () => {
  const { definitions, instances, recorded, engine } = await recordedEngine();
  try {
    await engine.deploy(models);
    const keys: string[] = [];
    for (const start of starts) keys.push((await engine.createInstance(start)).processInstanceKey);
    await driveToTheEnd(engine, keys);
    // Children of call activities are instances of their own, created by command too.
    const all = (await instances.search({ filter: {}, page: { from: 0, limit: 1000 } })).items;
    expect(all.length).toBeGreaterThan(keys.length);
    await waitFor(
      () => {
        const seen = new Set(recorded.map((message) => message.value.commandId));
        return all.every((document) => document.appliedCommandIds.every((id) => seen.has(id)));
      },
      { description: 'the recorder holds every command the instances applied' },
    );

    const replayed = new InMemoryInstanceStore();
    await replay(replayer(definitions, replayed), recorded, 3);
    // Halfway stored by one replica, then everything replayed by the next, which holds nothing.
    const resumed = new InMemoryInstanceStore();
    await replay(replayer(definitions, resumed), recorded, 2, (log) => Math.floor(log.length / 2));
    await replay(replayer(definitions, resumed), recorded, 5);
    for (const original of all) {
      const again = await replayed.get(original.processInstanceKey);
      expect(again && stateOf(again)).toBe(stateOf(original));
      const afterSnapshot = await resumed.get(original.processInstanceKey);
      expect(afterSnapshot && stateOf(afterSnapshot)).toBe(stateOf(original));
    }
  } finally {
    await engine.close();
  }
}, 30_000);

/** start → gw: [=condition] → yes | default → no. */
function gatewayBpmn(processId: string, condition: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:exclusiveGateway id="gw" default="to-no" />
    <bpmn:endEvent id="yes" />
    <bpmn:endEvent id="no" />
    <bpmn:sequenceFlow id="to-gw" sourceRef="start" targetRef="gw" />
    <bpmn:sequenceFlow id="to-yes" sourceRef="gw" targetRef="yes"><bpmn:conditionExpression>=${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to-no" sourceRef="gw" targetRef="no" />
  </bpmn:process>
</bpmn:definitions>`;
}

// The FEEL budget's incidents are state: a replay must raise them again, and only them. Steps decide
// (issue 18's runaway, 1..n, one item either side of the limit), so a replayer whose clock never
// moves gives the same instances as the live run.
it('raises the same FEEL budget incidents on replay, whatever the replaying clock says', async () => {
  const maxSteps = 5000;
  configureFeelLimits({ maxSteps, maxListSize: 20_000_000 }); // only the step limit in the way
  const { definitions, instances, recorded, engine } = await recordedEngine();
  try {
    await engine.deploy([
      {
        name: 'runaway.bpmn',
        content: gatewayBpmn('replay-runaway', 'count(for i in 1..n return i) &gt; 1'),
      },
    ]);
    // count(1..n) takes n range items and one call: n = maxSteps − 1 is within, maxSteps is not
    const sizes = [maxSteps - 1, maxSteps, 10_000_000];
    const keys: string[] = [];
    for (const n of sizes)
      keys.push(
        (await engine.createInstance({ processDefinitionId: 'replay-runaway', variables: { n } }))
          .processInstanceKey,
      );
    const settled = async () => {
      const states = await Promise.all(keys.map((key) => engine.getInstance(key)));
      return states.every((instance) => instance?.state === 'COMPLETED' || instance?.hasIncident === true);
    };
    await waitFor(settled, { description: 'every instance completed or in an incident' });
    const live = await Promise.all(keys.map((key) => instances.get(key)));
    expect(live.map((instance) => instance?.hasIncident)).toEqual([false, true, true]);
    await waitFor(
      () => {
        const seen = new Set(recorded.map((message) => message.value.commandId));
        return live.every((document) => document!.appliedCommandIds.every((id) => seen.has(id)));
      },
      { description: 'the recorder holds every command the instances applied' },
    );

    const stoppedClock = jest.spyOn(performance, 'now').mockReturnValue(0);
    const replayed = new InMemoryInstanceStore();
    try {
      await replay(replayer(definitions, replayed), recorded, 1);
    } finally {
      stoppedClock.mockRestore();
    }
    for (const original of live) {
      const again = await replayed.get(original!.processInstanceKey);
      expect(again && stateOf(again)).toBe(stateOf(original!));
    }
  } finally {
    await engine.close();
    configureFeelLimits({});
  }
}, 30_000);
