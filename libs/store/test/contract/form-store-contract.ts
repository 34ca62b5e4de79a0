// The behaviour every FormStore adapter shares, run against each adapter: one record per
// (formId, version), the latest overall, the latest deployed by an instant, the one of a deployment.
import type { FormStore, StoredForm } from '../../src/form-store';

function form(
  formId: string,
  version: number,
  deployedAt: string,
  deploymentKey = `${version}00`,
): StoredForm {
  return {
    formKey: `${formId.length}${version}0${deployedAt.slice(11, 13)}`,
    formId,
    version,
    resourceName: `${formId}.form`,
    tenantId: '<default>',
    deploymentKey,
    schema: JSON.stringify({ id: formId, components: [{ key: 'a.$b', type: 'textfield' }] }),
    checksum: `sum-${version}`,
    deployedAt,
  };
}

/** Registers the form store cases; `createStore` gives an empty store per test. */
export function describeFormStoreContract(name: string, createStore: () => Promise<FormStore>): void {
  describe(`${name}: form store contract`, () => {
    let store: FormStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('keeps each version once and answers it by key and as the latest', async () => {
      const first = form('review', 1, '2026-01-01T10:00:00.000Z');
      const second = form('review', 2, '2026-01-01T12:00:00.000Z');
      expect(await store.insert(first)).toBe(true);
      expect(await store.insert(second)).toBe(true);
      expect(await store.insert({ ...form('review', 2, '2026-01-01T13:00:00.000Z') })).toBe(false);
      expect(await store.insert(form('other', 1, '2026-01-01T10:00:00.000Z'))).toBe(true);

      expect(await store.getLatest('review')).toEqual(second);
      expect(await store.getByKey(first.formKey)).toEqual(first);
      expect(await store.getByKey('404')).toBeUndefined();
      expect(await store.getLatest('missing')).toBeUndefined();
    });

    it('answers the version deployed by an instant, and the one a deployment brought', async () => {
      const first = form('review', 1, '2026-01-01T10:00:00.000Z', '700');
      const second = form('review', 2, '2026-01-01T12:00:00.000Z', '800');
      await store.insert(first);
      await store.insert(second);

      expect(await store.getLatestAt('review', '2026-01-01T09:59:59.999Z')).toBeUndefined();
      expect(await store.getLatestAt('review', '2026-01-01T10:00:00.000Z')).toEqual(first);
      expect(await store.getLatestAt('review', '2026-01-01T11:30:00.000Z')).toEqual(first);
      expect(await store.getLatestAt('review', '2026-01-02T00:00:00.000Z')).toEqual(second);
      const later = '2026-01-02T00:00:00.000Z';
      expect(await store.getInDeployment('review', '700', later)).toEqual(first);
      expect(await store.getInDeployment('review', '800', later)).toEqual(second);
      expect(await store.getInDeployment('review', '900', later)).toBeUndefined();
    });

    it('deletes a version: the previous is the latest again, its number stays taken, earlier links keep it', async () => {
      const first = form('review', 1, '2026-01-01T10:00:00.000Z', '700');
      const second = form('review', 2, '2026-01-01T12:00:00.000Z', '800');
      await store.insert(first);
      await store.insert(second);
      const deletedAt = '2026-01-01T14:00:00.000Z';

      expect(await store.delete(second.formKey, deletedAt)).toEqual(second);
      expect(await store.delete(second.formKey, deletedAt)).toBeUndefined();
      expect(await store.delete('404', deletedAt)).toBeUndefined();

      expect(await store.getByKey(second.formKey)).toBeUndefined();
      expect(await store.getLatest('review')).toEqual(first);
      expect(await store.highestVersion('review')).toBe(2);
      expect(await store.highestVersion('missing')).toBe(0);
      expect(await store.insert(form('review', 2, '2026-01-01T15:00:00.000Z', '900'))).toBe(false);
      // A task created before the deletion keeps the version it was linked to; one created after
      // links the previous version, and the deleted deployment's version is gone.
      expect(await store.getLatestAt('review', '2026-01-01T13:00:00.000Z')).toEqual(second);
      expect(await store.getLatestAt('review', '2026-01-01T15:00:00.000Z')).toEqual(first);
      expect(await store.getInDeployment('review', '800', '2026-01-01T13:00:00.000Z')).toEqual(second);
      expect(await store.getInDeployment('review', '800', '2026-01-01T15:00:00.000Z')).toBeUndefined();

      expect(await store.delete(first.formKey, deletedAt)).toEqual(first);
      expect(await store.getLatest('review')).toBeUndefined();
      expect(await store.highestVersion('review')).toBe(2);
    });
  });
}
