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

describe('applyBatch', () => {
  it('gives the event loop back between slow instances of one batch, and applies them all', async () => {
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
    const applied: string[] = [];
    const deps: BatchApplicationDeps = {
      apply: slowApply(30, applied),
      definitions,
      logger: silentLogger(),
      clock: Date.now,
      nextKey: () => '1',
      instances: new InMemoryInstanceStore(),
      owned: new OwnedInstances<InstanceDocument>({ partitionOf: () => 0 }),
      appliedCommandIdsLimit: 10,
    };
    const creates = ['1', '2', '3', '4'].map((key): EngineCommand => ({
      type: 'CREATE_INSTANCE',
      commandId: `create-${key}`,
      processInstanceKey: key,
      processDefinitionKey: '100',
      variables: {},
    }));
    // Another request's turn: it must come while the batch is still being applied.
    let appliedWhenOthersRan: number | undefined;
    setImmediate(() => (appliedWhenOthersRan = applied.length));
    const result = await applyBatch(deps, batchOf(creates));
    expect(result.writes).toHaveLength(4);
    expect(appliedWhenOthersRan).toBeGreaterThan(0);
    expect(appliedWhenOthersRan).toBeLessThan(4);
  });
});
