// The embedded form store: the versions of each form id in memory, in version order; a deleted
// version stays, stamped with its deletion instant (form-store.ts).
import type { FormStore, StoredForm } from './form-store';

/** The in-memory implementation of {@link FormStore}. */
export class InMemoryFormStore implements FormStore {
  private readonly byKey = new Map<string, StoredForm>();
  /** Versions per form id, in version order, deleted ones included. */
  private readonly byId = new Map<string, StoredForm[]>();
  /** formKey → the instant its version was deleted. */
  private readonly deletedAt = new Map<string, string>();

  insert(form: StoredForm): Promise<boolean> {
    const versions = this.byId.get(form.formId) ?? [];
    if (versions.some((other) => other.version === form.version) || this.byKey.has(form.formKey))
      return Promise.resolve(false);
    versions.push(form);
    versions.sort((a, b) => a.version - b.version);
    this.byId.set(form.formId, versions);
    this.byKey.set(form.formKey, form);
    return Promise.resolve(true);
  }

  getLatest(formId: string): Promise<StoredForm | undefined> {
    return Promise.resolve(this.liveAt(formId).at(-1));
  }

  getByKey(formKey: string): Promise<StoredForm | undefined> {
    return Promise.resolve(this.deletedAt.has(formKey) ? undefined : this.byKey.get(formKey));
  }

  getLatestAt(formId: string, at: string): Promise<StoredForm | undefined> {
    return Promise.resolve(
      this.liveAt(formId, at)
        .filter((form) => form.deployedAt <= at)
        .at(-1),
    );
  }

  getInDeployment(formId: string, deploymentKey: string, at: string): Promise<StoredForm | undefined> {
    return Promise.resolve(this.liveAt(formId, at).find((form) => form.deploymentKey === deploymentKey));
  }

  delete(formKey: string, at: string): Promise<StoredForm | undefined> {
    const form = this.byKey.get(formKey);
    if (form === undefined || this.deletedAt.has(formKey)) return Promise.resolve(undefined);
    this.deletedAt.set(formKey, at);
    return Promise.resolve(form);
  }

  highestVersion(formId: string): Promise<number> {
    return Promise.resolve(this.byId.get(formId)?.at(-1)?.version ?? 0);
  }

  /** The versions of an id not deleted at `at` (or at all when `at` is not given), in version order. */
  private liveAt(formId: string, at?: string): StoredForm[] {
    return (this.byId.get(formId) ?? []).filter((form) => {
      const deletedAt = this.deletedAt.get(form.formKey);
      return deletedAt === undefined || (at !== undefined && deletedAt > at);
    });
  }
}
