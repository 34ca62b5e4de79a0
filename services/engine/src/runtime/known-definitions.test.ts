import { InMemoryDefinitionStore, type StoredDefinition } from '@baton/store';
import type { ProcessModel } from '@baton/bpmn';
import { KnownDefinitions } from './known-definitions';

function version(processDefinitionId: string, processDefinitionVersion: number): StoredDefinition {
  return {
    processDefinitionKey: `${processDefinitionId}-${processDefinitionVersion}`,
    processDefinitionId,
    processDefinitionVersion,
    resourceName: `${processDefinitionId}.bpmn`,
    tenantId: '<default>',
    deploymentKey: `d${processDefinitionVersion}`,
    bpmnXml: '',
    checksum: `c${processDefinitionVersion}`,
    model: {} as ProcessModel,
    deployedAt: new Date(0).toISOString(),
  };
}

async function setUp() {
  const store = new InMemoryDefinitionStore();
  await store.insert(version('order', 1));
  const reads = {
    latest: jest.spyOn(store, 'getLatest'),
    byKey: jest.spyOn(store, 'getByKey'),
    byVersion: jest.spyOn(store, 'getByVersion'),
  };
  return { store, reads, known: new KnownDefinitions(store) };
}

describe('KnownDefinitions', () => {
  it('reads a definition once, then answers from memory by id, key and version', async () => {
    const { reads, known } = await setUp();
    for (let i = 0; i < 3; i++) {
      expect((await known.getLatest('order'))?.processDefinitionVersion).toBe(1);
      expect((await known.getByKey('order-1'))?.processDefinitionId).toBe('order');
      expect((await known.getByVersion('order', 1))?.processDefinitionKey).toBe('order-1');
    }
    expect(reads.latest).toHaveBeenCalledTimes(1);
    expect(reads.byKey).not.toHaveBeenCalled();
    expect(reads.byVersion).not.toHaveBeenCalled();
  });

  it('takes a version deployed through this replica as the latest at once', async () => {
    const { store, reads, known } = await setUp();
    await known.getLatest('order');
    await store.insert(version('order', 2));
    known.deployed([version('order', 2)]);
    expect((await known.getLatest('order'))?.processDefinitionVersion).toBe(2);
    expect(reads.latest).toHaveBeenCalledTimes(1);
    known.deployed([version('order', 1)]); // an older one told late changes nothing
    expect((await known.getLatest('order'))?.processDefinitionVersion).toBe(2);
  });

  it('reads the latest version again after a deployment through another replica', async () => {
    const { store, reads, known } = await setUp();
    await known.getLatest('order');
    await store.insert(version('order', 2));
    known.forgetLatest(['order']);
    expect((await known.getLatest('order'))?.processDefinitionVersion).toBe(2);
    expect(reads.latest).toHaveBeenCalledTimes(2);
  });

  it('does not keep a read that a deployment overtook: the next look-up reads again', async () => {
    const { store, reads, known } = await setUp();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    reads.latest.mockImplementationOnce(async (id) => {
      const read = await store.getLatest(id); // version 1, read before the deployment
      await gate;
      return read;
    });
    const overtaken = known.getLatest('order');
    await store.insert(version('order', 2));
    known.forgetLatest(['order']);
    release();
    expect((await overtaken)?.processDefinitionVersion).toBe(1);
    expect((await known.getLatest('order'))?.processDefinitionVersion).toBe(2);
  });

  it('reads again for a process it never found', async () => {
    const { reads, known } = await setUp();
    expect(await known.getLatest('unknown')).toBeUndefined();
    expect(await known.getLatest('unknown')).toBeUndefined();
    expect(reads.latest).toHaveBeenCalledTimes(2);
  });
});
