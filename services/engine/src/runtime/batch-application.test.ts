import type { EngineCommand } from '@baton/contracts';
import type { ProcessModel } from '@baton/bpmn';
import type { InstanceState } from '@baton/engine-core';
import type { TypedMessageBatch } from '@baton/messaging';
import { InMemoryDefinitionStore, InMemoryInstanceStore, type InstanceDocument } from '@baton/store';
import { silentLogger } from '@baton/platform';
import { applyBatch, type BatchApplicationDeps } from './batch-application';
import { DefinitionCache } from './definition-cache';
import { OwnedInstances } from './owned-instances';

/** A core whose every command takes `ms` of CPU, as one with an expression at its budget would. */
function slowApply(ms: number, applied: string[]): BatchApplicationDeps['apply'] {
  return (_state, command, ctx) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
    applied.push(command.processInstanceKey);
    const state: InstanceState = {
      processInstanceKey: command.processInstanceKey,
      processDefinitionKey: ctx.definition.processDefinitionKey,
      processDefinitionId: ctx.definition.processDefinitionId,
      processDefinitionVersion: 1,
      tenantId: '<default>',
      state: 'ACTIVE',
      startDate: new Date(ctx.now).toISOString(),
      variables: {},
      elementInstances: {},
      tokens: {},
      jobs: {},
      userTasks: {},
      incidents: {},
      awaitingReplies: [],
    };
    return { state, effects: [] };
  };
}

function batchOf(commands: EngineCommand[]): TypedMessageBatch<EngineCommand> {
  return {
    topic: 'commands',
    partition: 0,
    messages: commands.map((value, offset) => ({
      topic: 'commands',
      partition: 0,
      offset,
      timestamp: 1_700_000_000_000,
      key: value.processInstanceKey,
      value,
      headers: { messageId: `m${offset}`, traceparent: '00-0-0-01' },
    })),
  };
}

async function depsWith(apply: BatchApplicationDeps['apply']): Promise<BatchApplicationDeps> {
  const store = new InMemoryDefinitionStore();
  await store.insert({
    processDefinitionKey: '100',
    processDefinitionId: 'slow',
    processDefinitionVersion: 1,
    resourceName: 'slow.bpmn',
    tenantId: '<default>',
    deploymentKey: '99',
    bpmnXml: '',
    checksum: 'x',
    model: { processDefinitionId: 'slow' } as unknown as ProcessModel,
    deployedAt: new Date().toISOString(),
  });
  const definitions = new DefinitionCache(store);
  await definitions.get('100');
  return {
    apply,
    definitions,
    logger: silentLogger(),
    clock: Date.now,
    nextKey: () => '1',
    instances: new InMemoryInstanceStore(),
    owned: new OwnedInstances<InstanceDocument>({ partitionOf: () => 0 }),
    appliedCommandIdsLimit: 10,
  };
}

const create = (key: string): EngineCommand => ({
  type: 'CREATE_INSTANCE',
  commandId: `create-${key}`,
  processInstanceKey: key,
  processDefinitionKey: '100',
  variables: {},
});

describe('applyBatch', () => {
  it('gives the event loop back between slow instances of one batch, and applies them all', async () => {
    const applied: string[] = [];
    const deps = await depsWith(slowApply(30, applied));
    const creates = ['1', '2', '3', '4'].map(create);
    // Another request's turn: it must come while the batch is still being applied.
    let appliedWhenOthersRan: number | undefined;
    setImmediate(() => (appliedWhenOthersRan = applied.length));
    const result = await applyBatch(deps, batchOf(creates));
    expect(result.writes).toHaveLength(4);
    expect(appliedWhenOthersRan).toBeGreaterThan(0);
    expect(appliedWhenOthersRan).toBeLessThan(4);
  });

  it('turns a DELIVER_SIGNAL into a delivery carrying the signal subscriptions the commands before it opened', async () => {
    // Each instance opens a subscription when created.
    const opening: BatchApplicationDeps['apply'] = (state, command, ctx) => {
      const created = slowApply(0, [])(state, command, ctx);
      const subscription = {
        processInstanceKey: command.processInstanceKey,
        processDefinitionKey: '100',
        elementInstanceKey: `${command.processInstanceKey}0`,
        elementId: 'wait',
        signalName: 'go',
        tenantId: '<default>',
      };
      return { ...created, effects: [{ type: 'SIGNAL_SUBSCRIPTION_OPENED', subscription }] };
    };
    const delivery: EngineCommand = {
      type: 'DELIVER_SIGNAL',
      commandId: 'signal-delivery:900:0',
      processInstanceKey: '0',
      partition: 0,
      signalKey: '900',
      signalName: 'go',
      variables: {},
      tenantId: '<default>',
    };
    // Instances 7 and 8 open theirs before the delivery in the log, 9 after it.
    const result = await applyBatch(
      await depsWith(opening),
      batchOf([create('7'), create('8'), delivery, create('9')]),
    );
    const deliveries = result.effects.filter((effect) => effect.type === 'SIGNAL_DELIVERY');
    expect(deliveries).toEqual([
      {
        type: 'SIGNAL_DELIVERY',
        partition: 0,
        signalKey: '900',
        signalName: 'go',
        variables: {},
        tenantId: '<default>',
        before: ['7', '8'].map((key) => ({
          kind: 'open',
          subscription: expect.objectContaining({ elementInstanceKey: `${key}0` }) as unknown,
        })),
      },
    ]);
    expect(result.writes.map((write) => write.document.processInstanceKey)).toEqual(['7', '8', '9']);
  });
});
