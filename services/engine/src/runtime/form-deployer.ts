// Deployment of Camunda Forms (`.form`, form-js JSON schemas) beside BPMN and DMN, as Camunda 8:
// a form's id is its schema's `id`, each id versioned on its own, and the same file again gives no
// new version. Problems are collected, not thrown, so the deployer can refuse the whole deployment
// with every problem of every resource.
import { createHash } from 'node:crypto';
import { BatonError } from '@baton/contracts';
import type { ProcessModel } from '@baton/bpmn';
import type { FormStore, StoredForm } from '@baton/store';

export interface FormResource {
  readonly name: string;
  readonly content: string;
}

/** A form problem and the resource it was found in (the deployer's DeploymentProblem shape). */
export interface FormDeploymentProblem {
  readonly code: string;
  readonly elementId?: string;
  readonly message: string;
  readonly resourceName: string;
}

export interface ReadForm {
  readonly resource: FormResource;
  readonly formId: string;
}

export interface FormDeployerOptions {
  readonly forms: FormStore;
  readonly nextKey: () => string;
  readonly tenantId: string;
  /** @default Date.now */
  readonly clock?: () => number;
}

/** `.form` by name, as Camunda tells resources apart. */
export function isFormResource(resource: { readonly name: string }): boolean {
  return resource.name.toLowerCase().endsWith('.form');
}

export class FormDeployer {
  constructor(private readonly options: FormDeployerOptions) {}

  /** Reads every form resource; problems include a form id defined by two resources. */
  read(resources: readonly FormResource[]): { read: ReadForm[]; problems: FormDeploymentProblem[] } {
    const read: ReadForm[] = [];
    const problems: FormDeploymentProblem[] = [];
    const owner = new Map<string, string>();
    for (const resource of resources) {
      const found = formIdOf(resource.content);
      if (!found.ok) {
        problems.push({ code: 'INVALID_FORM', message: found.message, resourceName: resource.name });
        continue;
      }
      const other = owner.get(found.formId);
      if (other !== undefined)
        problems.push({
          code: 'DUPLICATE_FORM',
          message: `form '${found.formId}' is also defined in ${other}`,
          resourceName: resource.name,
        });
      owner.set(found.formId, resource.name);
      read.push({ resource, formId: found.formId });
    }
    return { read, problems };
  }

  async store(deploymentKey: string, read: readonly ReadForm[]): Promise<StoredForm[]> {
    const stored: StoredForm[] = [];
    for (const item of read) stored.push(await this.storeOne(deploymentKey, item));
    return stored;
  }

  private async storeOne(deploymentKey: string, { resource, formId }: ReadForm): Promise<StoredForm> {
    const { forms } = this.options;
    const checksum = createHash('sha256').update(resource.content).digest('hex');
    // Another replica may deploy the same form at the same time: retry on a lost version race.
    for (let attempt = 0; attempt < 10; attempt++) {
      const latest = await forms.getLatest(formId);
      if (latest?.checksum === checksum) return latest;
      const form: StoredForm = {
        formKey: this.options.nextKey(),
        formId,
        // A deleted version's number is never given again (as Zeebe's version manager).
        version: (await forms.highestVersion(formId)) + 1,
        resourceName: resource.name,
        tenantId: this.options.tenantId,
        deploymentKey,
        schema: resource.content,
        checksum,
        deployedAt: new Date((this.options.clock ?? Date.now)()).toISOString(),
      };
      if (await forms.insert(form)) return form;
    }
    throw new BatonError(
      'INVALID_STATE',
      `Could not store a new version of form '${formId}': concurrent deployments.`,
    );
  }
}

/**
 * A user task or start event linking its form with `bindingType="deployment"` needs that form in
 * the same deployment: Zeebe refuses the deployment otherwise, naming the form id.
 */
export function deploymentBoundFormProblems(
  processes: readonly { readonly resource: FormResource; readonly model: ProcessModel }[],
  forms: readonly ReadForm[],
): FormDeploymentProblem[] {
  const deployed = new Set(forms.map((form) => form.formId));
  return processes.flatMap(({ resource, model }) =>
    Object.values(model.elements).flatMap((element) => {
      const link =
        element.kind === 'userTask'
          ? element.userTask.linkedForm
          : element.kind === 'startEvent'
            ? element.linkedForm
            : undefined;
      if (link?.bindingType !== 'deployment' || deployed.has(link.formId)) return [];
      return [
        {
          code: 'UNRESOLVED_REFERENCE',
          elementId: element.id,
          message: `expected to find form with id '${link.formId}' in this deployment (bindingType="deployment"), but it is not there`,
          resourceName: resource.name,
        },
      ];
    }),
  );
}

/** The schema's `id`, or why the file is not a deployable form. */
function formIdOf(content: string): { ok: true; formId: string } | { ok: false; message: string } {
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch (error) {
    return { ok: false, message: `not a valid JSON form: ${(error as Error).message}` };
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return { ok: false, message: 'a form must be a JSON object (a form-js schema)' };
  const id = (schema as { id?: unknown }).id;
  if (typeof id !== 'string' || id.trim() === '')
    return { ok: false, message: "the form has no 'id': a form-js schema names its form id in 'id'" };
  return { ok: true, formId: id };
}
