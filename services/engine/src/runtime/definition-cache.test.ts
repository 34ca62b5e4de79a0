// The processor's definitions after a deletion (docs/architecture.md, step 7): a create a replica
// answered before it learnt of the deletion (admitted) runs on the deleted version; any other
// create naming it is refused, as before.
import { compileBpmn } from '@baton/bpmn';
import type { EngineCommand } from '@baton/contracts';
import { apply } from '@baton/engine-core';
import { createLogger } from '@baton/platform';
import { InMemoryDefinitionStore, type StoredDefinition } from '@baton/store';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { applyOneCommand } from './apply-one-command';
import { DefinitionCache } from './definition-cache';

async function deployedVersion(store: InMemoryDefinitionStore): Promise<StoredDefinition> {
  const xml = serviceTaskBpmn('order', 'pack');
  const compiled = await compileBpmn(xml, { resourceName: 'order.bpmn' });
  if (!compiled.ok) throw new Error('fixture does not compile');
  const definition: StoredDefinition = {
    processDefinitionKey: '2251799813685300',
    processDefinitionId: 'order',
    processDefinitionVersion: 1,
    resourceName: 'order.bpmn',
    tenantId: '<default>',
    deploymentKey: '2251799813685299',
    bpmnXml: xml,
    checksum: 'c1',
    model: compiled.processes[0]!,
    deployedAt: '2026-12-07T19:00:00.000Z',
  };
  await store.insert(definition);
  return definition;
}

function create(processDefinitionKey: string, admitted: boolean): EngineCommand {
  return {
    type: 'CREATE_INSTANCE',
    commandId: `create-${String(admitted)}`,
    processInstanceKey: admitted ? '11' : '12',
    processDefinitionKey,
    variables: {},
    ...(admitted ? { admitted: true as const } : {}),
  };
}

function applyWith(definitions: DefinitionCache, command: EngineCommand) {
  const deps = {
    apply,
    definitions,
    logger: createLogger({ service: 'engine', level: 'silent' }),
    clock: () => Date.UTC(2026, 11, 7, 19),
    nextKey: (() => {
      let n = 100;
      return () => String(n++);
    })(),
  };
  return applyOneCommand(deps, undefined, command, undefined);
}

describe('DefinitionCache after a deletion', () => {
  it('loads a version deleted before it was used: admitted creates run on it, others are refused', async () => {
    const store = new InMemoryDefinitionStore();
    const { processDefinitionKey } = await deployedVersion(store);
    await store.delete(processDefinitionKey);
    const definitions = new DefinitionCache(store, store);
    expect(await definitions.get(processDefinitionKey)).toMatchObject({ processDefinitionKey });
    expect(definitions.isDeleted(processDefinitionKey)).toBe(true);
    expect(applyWith(definitions, create(processDefinitionKey, true)).state?.state).toBe('ACTIVE');
    expect(applyWith(definitions, create(processDefinitionKey, false)).rejection).toEqual({
      code: 'NOT_FOUND',
      message: `Process definition ${processDefinitionKey} not found.`,
    });
  });

  it('keeps a version it holds once told of its deletion, for admitted creates only', async () => {
    const store = new InMemoryDefinitionStore();
    const { processDefinitionKey } = await deployedVersion(store);
    const definitions = new DefinitionCache(store, store);
    await definitions.get(processDefinitionKey);
    expect(applyWith(definitions, create(processDefinitionKey, false)).rejection).toBeUndefined();
    definitions.forget(processDefinitionKey);
    expect(applyWith(definitions, create(processDefinitionKey, false)).rejection?.code).toBe('NOT_FOUND');
    expect(applyWith(definitions, create(processDefinitionKey, true)).rejection).toBeUndefined();
  });

  it('without a tombstone lookup, finds a deleted version no more', async () => {
    const store = new InMemoryDefinitionStore();
    const { processDefinitionKey } = await deployedVersion(store);
    const definitions = new DefinitionCache(store);
    await definitions.get(processDefinitionKey);
    definitions.forget(processDefinitionKey);
    expect(definitions.cached(processDefinitionKey)).toBeUndefined();
    await store.delete(processDefinitionKey);
    expect(await definitions.get(processDefinitionKey)).toBeUndefined();
  });
});
