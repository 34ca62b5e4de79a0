// The behaviour every DefinitionStore adapter shares, run against each adapter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import type { DefinitionStore, StoredDefinition } from '../../src/definition-store';

const placeholderModel = { processDefinitionId: 'p' } as unknown as ProcessModel;

function definition(
  id: string,
  version: number,
  checksum: string,
  model = placeholderModel,
): StoredDefinition {
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

/** A real compiled model (the repository's example), to check that it survives storage. */
export async function exampleModel(): Promise<ProcessModel> {
  const xml = readFileSync(
    join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'order-process.bpmn'),
    'utf8',
  );
  const compiled = await compileBpmn(xml, { resourceName: 'order-process.bpmn' });
  if (!compiled.ok) throw new Error(`example does not compile: ${JSON.stringify(compiled.problems)}`);
  return compiled.processes[0]!;
}

/** Registers the definition store cases; `createStore` gives an empty store per test. */
export function describeDefinitionStoreContract(
  name: string,
  createStore: () => Promise<DefinitionStore>,
): void {
  describe(`${name}: definition store contract`, () => {
    let store: DefinitionStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('finds versions by key, latest, version and checksum, and refuses a duplicate version', async () => {
      expect(await store.insert(definition('order', 1, 'aaa'))).toBe(true);
      expect(await store.insert(definition('order', 2, 'bbbb'))).toBe(true);
      expect(await store.insert({ ...definition('order', 2, 'cc'), processDefinitionKey: '999' })).toBe(
        false,
      );
      expect(await store.insert(definition('invoice', 1, 'x'))).toBe(true);

      expect((await store.getLatest('order'))?.processDefinitionVersion).toBe(2);
      expect((await store.getByVersion('order', 1))?.checksum).toBe('aaa');
      expect(await store.getByVersion('order', 3)).toBeUndefined();
      expect((await store.findByChecksum('order', 'bbbb'))?.processDefinitionVersion).toBe(2);
      expect(await store.findByChecksum('invoice', 'aaa')).toBeUndefined();
      expect(await store.getLatest('shipping')).toBeUndefined();
      const second = await store.getLatest('order');
      expect(await store.getByKey(second!.processDefinitionKey)).toEqual(second);
      expect(await store.getByKey('999')).toBeUndefined();
      expect(
        (await store.list()).map((d) => `${d.processDefinitionId}:${d.processDefinitionVersion}`),
      ).toEqual(['invoice:1', 'order:2', 'order:1']);
    });

    it('refuses a second definition with the same key', async () => {
      expect(await store.insert(definition('order', 1, 'aaa'))).toBe(true);
      expect(
        await store.insert({
          ...definition('invoice', 1, 'x'),
          processDefinitionKey: definition('order', 1, 'aaa').processDefinitionKey,
        }),
      ).toBe(false);
      expect(await store.list()).toHaveLength(1);
    });

    it('deletes a version: no lookup finds it, the previous one is the latest, its number stays taken', async () => {
      const [first, second] = [definition('order', 1, 'aaa'), definition('order', 2, 'bbbb')];
      await store.insert(first);
      expect(await store.getByKey(first.processDefinitionKey)).toEqual(first); // parsed before it goes
      await store.insert(second);
      expect(await store.delete(second.processDefinitionKey)).toEqual(second);
      expect(await store.delete(second.processDefinitionKey)).toBeUndefined();
      expect(await store.delete('12345')).toBeUndefined();
      expect(await store.getByKey(second.processDefinitionKey)).toBeUndefined();
      expect(await store.getLatest('order')).toEqual(first);
      expect(await store.getByVersion('order', 2)).toBeUndefined();
      expect(await store.findByChecksum('order', 'bbbb')).toBeUndefined();
      expect(await store.list()).toEqual([first]);
      expect(await store.highestVersion('order')).toBe(2);
      expect(await store.insert({ ...definition('order', 2, 'cc'), processDefinitionKey: '777' })).toBe(
        false,
      );

      expect(await store.delete(first.processDefinitionKey)).toEqual(first);
      expect(await store.getByKey(first.processDefinitionKey)).toBeUndefined();
      expect(await store.getLatest('order')).toBeUndefined();
      expect(await store.highestVersion('order')).toBe(2);
      expect(await store.highestVersion('invoice')).toBe(0);
    });

    it('keeps a deleted version as a tombstone, found by key only by getDeleted', async () => {
      const [live, deleted] = [definition('order', 1, 'aaa'), definition('order', 2, 'bbbb')];
      await store.insert(live);
      await store.insert(deleted);
      expect(await store.getDeleted(deleted.processDefinitionKey)).toBeUndefined();
      await store.delete(deleted.processDefinitionKey);
      expect(await store.getDeleted(deleted.processDefinitionKey)).toEqual(deleted);
      expect(await store.getDeleted(live.processDefinitionKey)).toBeUndefined();
      expect(await store.getDeleted('12345')).toBeUndefined();
    });

    it('gives back a compiled model exactly as it was stored', async () => {
      const model = await exampleModel();
      const stored = {
        ...definition(model.processDefinitionId, 1, 'sum', model),
        name: 'Order process',
        bpmnXml: '<definitions a="1">\n</definitions>',
      };
      expect(await store.insert(stored)).toBe(true);
      const [byKey, latest, listed] = [
        await store.getByKey(stored.processDefinitionKey),
        await store.getLatest(model.processDefinitionId),
        await store.list(),
      ];
      for (const found of [byKey, latest, listed[0]]) expect(found).toStrictEqual(stored);
    });
  });
}
