// The definition store port: deployed process definitions, one record per (process id, version).
// (processDefinitionId, version) is unique: a concurrent deployment of the same version loses. A
// deleted version is kept as a tombstone that only keeps its version number taken.
import type { ProcessModel } from '@baton/bpmn';

/** A deployed version of a process. */
export interface StoredDefinition {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly resourceName: string;
  readonly tenantId: string;
  readonly deploymentKey: string;
  readonly name?: string;
  /** The whole BPMN file the process came from. */
  readonly bpmnXml: string;
  /** Hash of the process's source, to recognise an identical re-deployment. */
  readonly checksum: string;
  readonly model: ProcessModel;
  readonly deployedAt: string;
}

export interface DefinitionStore {
  /** Stores a new version; false (nothing written) when that id and version already exist. */
  insert(definition: StoredDefinition): Promise<boolean>;
  getByKey(processDefinitionKey: string): Promise<StoredDefinition | undefined>;
  getLatest(processDefinitionId: string): Promise<StoredDefinition | undefined>;
  getByVersion(processDefinitionId: string, version: number): Promise<StoredDefinition | undefined>;
  /** The version of a process deployed from a source with this checksum, if any. */
  findByChecksum(processDefinitionId: string, checksum: string): Promise<StoredDefinition | undefined>;
  /** Every version of every process: by process id, newest version first. */
  list(): Promise<readonly StoredDefinition[]>;
  /**
   * Deletes a version (POST /v2/resources/{key}/deletion): no lookup finds it any more, and the
   * previous version becomes the latest. Its version number stays taken, as Zeebe never reuses a
   * version: the next deployment of the id gets the one after the highest ever stored. Answers the
   * deleted version; undefined when there is none of that key (or it was deleted already).
   */
  delete(processDefinitionKey: string): Promise<StoredDefinition | undefined>;
  /**
   * A deleted version by key (its tombstone); undefined when there is none of that key or it is not
   * deleted. The owner of a partition still runs a create on it that a replica had answered before
   * it learnt of the deletion (docs/architecture.md, step 7).
   */
  getDeleted(processDefinitionKey: string): Promise<StoredDefinition | undefined>;
  /** The highest version of the id ever stored, deleted ones included; 0 when none. */
  highestVersion(processDefinitionId: string): Promise<number>;
}
