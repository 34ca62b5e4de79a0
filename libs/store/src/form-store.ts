// The form store port: deployed Camunda forms (form-js JSON schemas), one record per version of a
// form id, as Camunda 8 versions them: (formId, version) is unique, so a concurrent deployment of
// the same version loses and retries with the next.

/** A deployed version of a form. */
export interface StoredForm {
  readonly formKey: string;
  /** The schema's `id`. */
  readonly formId: string;
  readonly version: number;
  readonly resourceName: string;
  readonly tenantId: string;
  readonly deploymentKey: string;
  /** The form's JSON exactly as deployed. */
  readonly schema: string;
  /** Hash of the file, to recognise an identical re-deployment. */
  readonly checksum: string;
  readonly deployedAt: string;
}

export interface FormStore {
  /** Stores a new version; false (nothing written) when that id and version (or key) already exist. */
  insert(form: StoredForm): Promise<boolean>;
  getLatest(formId: string): Promise<StoredForm | undefined>;
  getByKey(formKey: string): Promise<StoredForm | undefined>;
  /**
   * The latest version deployed at or before `at` (an ISO instant): the form a user task created
   * at `at` was linked to, as Camunda resolves `bindingType="latest"` when the task is created.
   */
  getLatestAt(formId: string, at: string): Promise<StoredForm | undefined>;
  /** The version of `formId` that a deployment brought (`bindingType="deployment"`). */
  getInDeployment(formId: string, deploymentKey: string): Promise<StoredForm | undefined>;
}
