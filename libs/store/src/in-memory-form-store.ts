// The embedded form store: the versions of each form id in memory, in version order.
import type { FormStore, StoredForm } from './form-store';

/** The in-memory implementation of {@link FormStore}. */
export class InMemoryFormStore implements FormStore {
  private readonly byKey = new Map<string, StoredForm>();
  private readonly byId = new Map<string, StoredForm[]>();

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
    return Promise.resolve(this.byId.get(formId)?.at(-1));
  }

  getByKey(formKey: string): Promise<StoredForm | undefined> {
    return Promise.resolve(this.byKey.get(formKey));
  }

  getLatestAt(formId: string, at: string): Promise<StoredForm | undefined> {
    const versions = this.byId.get(formId) ?? [];
    return Promise.resolve(versions.filter((form) => form.deployedAt <= at).at(-1));
  }

  getInDeployment(formId: string, deploymentKey: string): Promise<StoredForm | undefined> {
    const versions = this.byId.get(formId) ?? [];
    return Promise.resolve(versions.find((form) => form.deploymentKey === deploymentKey));
  }
}
