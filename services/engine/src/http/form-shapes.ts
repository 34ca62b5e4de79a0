// Forms in the Camunda 8.8 REST shapes: the deployment entry of a `.form` resource, and the form a
// user task or a start event links to (its schema as the JSON text deployed).
import { DEFAULT_TENANT_ID, type DeploymentResponse, type FormResponse } from '@baton/contracts';
import type { StoredForm } from '@baton/store';
import type { DeployResult } from '../engine-service';

type DeploymentEntry = DeploymentResponse['deployments'][number];

const tenantOf = (tenantId: string): string => tenantId || DEFAULT_TENANT_ID;

export function deployedFormEntries(result: DeployResult): DeploymentEntry[] {
  return result.forms.map((form) => ({
    form: {
      formId: form.formId,
      version: form.version,
      formKey: form.formKey,
      resourceName: form.resourceName,
      tenantId: tenantOf(form.tenantId),
    },
  }));
}

export function toFormResponse(form: StoredForm): FormResponse {
  return {
    formKey: form.formKey,
    formId: form.formId,
    version: form.version,
    schema: form.schema,
    tenantId: tenantOf(form.tenantId),
  };
}
