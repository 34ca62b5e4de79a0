// The MongoDB form store: one document per form version, keyed by its formKey. The schema stays
// the JSON text as deployed (field names in a form are user-chosen and may contain `.` or `$`).
import type { Collection } from 'mongodb';
import type { FormStore, StoredForm } from '../form-store';
import { isDuplicateKeyError } from './mongo-errors';

export interface FormRecord extends Omit<StoredForm, 'formKey'> {
  /** The formKey. */
  readonly _id: string;
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
    return this.latestOf({ formId });
  }

  async getByKey(formKey: string): Promise<StoredForm | undefined> {
    const record = await this.forms.findOne({ _id: formKey });
    return record === null ? undefined : toForm(record);
  }

  async getLatestAt(formId: string, at: string): Promise<StoredForm | undefined> {
    return this.latestOf({ formId, deployedAt: { $lte: at } });
  }

  async getInDeployment(formId: string, deploymentKey: string): Promise<StoredForm | undefined> {
    const record = await this.forms.findOne({ formId, deploymentKey });
    return record === null ? undefined : toForm(record);
  }

  private async latestOf(filter: Record<string, unknown>): Promise<StoredForm | undefined> {
    const [record] = await this.forms.find(filter).sort({ version: -1 }).limit(1).toArray();
    return record === undefined ? undefined : toForm(record);
  }
}

function toForm(record: FormRecord): StoredForm {
  const { _id, ...rest } = record;
  return { formKey: _id, ...rest };
}
