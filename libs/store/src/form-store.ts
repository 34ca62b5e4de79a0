// The form store port: deployed Camunda forms (form-js JSON schemas), one record per version of a
// form id, as Camunda 8 versions them: (formId, version) is unique, so a concurrent deployment of
// the same version loses and retries with the next. A deleted version (POST /v2/resources/{key}/
// deletion) stays as a tombstone stamped with its deletion instant, as Zeebe's version manager keeps
// a deleted version's number taken: no lookup "now" finds it, the previous version is the latest
// again, and a user task created before the deletion keeps the version it was linked to (Camunda
// links the form key when it creates the task; its secondary storage keeps the deleted form).

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
  /** The latest version not deleted. */
  getLatest(formId: string): Promise<StoredForm | undefined>;
  /** A version not deleted. */
  getByKey(formKey: string): Promise<StoredForm | undefined>;
  /**
   * The latest version deployed at or before `at` (an ISO instant) and not deleted by then: the
   * form a user task created at `at` was linked to, as Camunda resolves `bindingType="latest"` when
   * the task is created.
   */
  getLatestAt(formId: string, at: string): Promise<StoredForm | undefined>;
  /**
   * The version of `formId` that a deployment brought (`bindingType="deployment"`), if it was not
   * deleted by `at` (an ISO instant: the task's creation, or now for a start form).
   */
  getInDeployment(formId: string, deploymentKey: string, at: string): Promise<StoredForm | undefined>;
  /**
   * Deletes a version at `at` (an ISO instant), keeping it as a tombstone; answers the deleted
   * version, undefined when there is none of that key (or it was deleted already).
   */
  delete(formKey: string, at: string): Promise<StoredForm | undefined>;
  /** The highest version of the id ever stored, deleted ones included; 0 when none. */
  highestVersion(formId: string): Promise<number>;
}
