import type { ProcessModel } from '@baton/bpmn';
import { InMemoryDefinitionStore } from './in-memory-definition-store';
import type { StoredDefinition } from './definition-store';

const model = { processDefinitionId: 'p' } as unknown as ProcessModel;

function definition(id: string, version: number, checksum: string): StoredDefinition {
  return {
    processDefinitionKey: `${id.length}${version}${checksum.length}0${version}`,
    processDefinitionId: id,
    processDefinitionVersion: version,
    resourceName: `${id}.bpmn`,
    tenantId: '<default>',
    deploymentKey: '1',
    bpmnXml: '<xml/>',
    checksum,
    model,
    deployedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('InMemoryDefinitionStore', () => {
  it('finds versions by key, latest, version and checksum, and refuses a duplicate version', async () => {
    const store = new InMemoryDefinitionStore();
    expect(await store.insert(definition('order', 1, 'aaa'))).toBe(true);
    expect(await store.insert(definition('order', 2, 'bbbb'))).toBe(true);
    expect(await store.insert({ ...definition('order', 2, 'cc'), processDefinitionKey: '999' })).toBe(false);
    expect(await store.insert(definition('invoice', 1, 'x'))).toBe(true);

    expect((await store.getLatest('order'))?.processDefinitionVersion).toBe(2);
    expect((await store.getByVersion('order', 1))?.checksum).toBe('aaa');
    expect((await store.findByChecksum('order', 'bbbb'))?.processDefinitionVersion).toBe(2);
    expect(await store.findByChecksum('invoice', 'aaa')).toBeUndefined();
    const second = await store.getLatest('order');
    expect(await store.getByKey(second!.processDefinitionKey)).toBe(second);
    expect((await store.list()).map((d) => `${d.processDefinitionId}:${d.processDefinitionVersion}`)).toEqual([
      'invoice:1',
      'order:2',
      'order:1',
    ]);
  });
});
