// An open job as an instance's state holds it, for unit tests of the runtime: a `charge` task of
// definition 100 (`order` v1), activatable, three retries; `fields` override any of it.
import type { Job } from '@baton/engine-core';

export function jobFixture(jobKey: string, fields: Partial<Job> = {}): Job {
  return {
    jobKey,
    type: 'charge',
    processInstanceKey: `instance-${jobKey}`,
    processDefinitionKey: '100',
    processDefinitionId: 'order',
    processDefinitionVersion: 1,
    elementId: 'charge',
    elementInstanceKey: `element-${jobKey}`,
    customHeaders: {},
    retries: 3,
    state: 'ACTIVATABLE',
    tenantId: '<default>',
    ...fields,
  };
}
