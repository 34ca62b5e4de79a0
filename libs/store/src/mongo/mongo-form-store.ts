// The MongoDB form store: one document per form version, keyed by its formKey. The schema stays
// the JSON text as deployed (field names in a form are user-chosen and may contain `.` or `$`).
// A deleted version stays, with `deletedAt` (form-store.ts): its (formId, version) stays taken.
import type { Collection } from 'mongodb';
import type { FormStore, StoredForm } from '../form-store';
import { isDuplicateKeyError } from './mongo-errors';

export interface FormRecord extends Omit<StoredForm, 'formKey'> {
  /** The formKey. */
  readonly _id: string;
  /** The instant the version was deleted (POST /v2/resources/{key}/deletion). */
  readonly deletedAt?: string;
}

/** Matches the versions not deleted. */
const live = { deletedAt: { $exists: false } } as const;

/** Matches the versions not deleted by `at`. */
function liveAt(at: string): Record<string, unknown> {
  return { $or: [live, { deletedAt: { $gt: at } }] };
}

/** The MongoDB implementation of {@link FormStore}. */
export class MongoFormStore implements FormStore {
  constructor(private readonly forms: Collection<FormRecord>) {}

  async insert(form: StoredForm): Promise<boolean> {
    const { formKey, ...rest } = form;
    try {
      await this.forms.insertOne({ _id: formKey, ...rest });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async getLatest(formId: string): Promise<StoredForm | undefined> {
    return this.latestOf({ formId, ...live });
  }

  async getByKey(formKey: string): Promise<StoredForm | undefined> {
    const record = await this.forms.findOne({ _id: formKey, ...live });
    return record === null ? undefined : toForm(record);
  }

  async getLatestAt(formId: string, at: string): Promise<StoredForm | undefined> {
    return this.latestOf({ formId, deployedAt: { $lte: at }, ...liveAt(at) });
  }

  async getInDeployment(formId: string, deploymentKey: string, at: string): Promise<StoredForm | undefined> {
    const record = await this.forms.findOne({ formId, deploymentKey, ...liveAt(at) });
    return record === null ? undefined : toForm(record);
  }

  async delete(formKey: string, at: string): Promise<StoredForm | undefined> {
    // Only the call that sets the stamp answers the version: a second deletion finds none.
    const record = await this.forms.findOneAndUpdate(
      { _id: formKey, ...live },
      { $set: { deletedAt: at } },
      { returnDocument: 'before' },
    );
    return record === null ? undefined : toForm(record);
  }

  async highestVersion(formId: string): Promise<number> {
    const [record] = await this.forms
      .find({ formId }, { projection: { version: 1 } })
      .sort({ version: -1 })
      .limit(1)
      .toArray();
    return record?.version ?? 0;
  }

  private async latestOf(filter: Record<string, unknown>): Promise<StoredForm | undefined> {
    const [record] = await this.forms.find(filter).sort({ version: -1 }).limit(1).toArray();
    return record === undefined ? undefined : toForm(record);
  }
}

function toForm(record: FormRecord): StoredForm {
  const { _id, deletedAt: _deletedAt, ...rest } = record;
  return { formKey: _id, ...rest };
}
