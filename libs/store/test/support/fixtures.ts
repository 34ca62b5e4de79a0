// Builders of store documents for this package's tests (not exported from the package).
import type { Job } from '@baton/engine-core';
import type { InstanceDocument } from '../../src/instance-store';

export function instanceDocument(
  processInstanceKey: string,
  overrides: Partial<InstanceDocument> = {},
): InstanceDocument {
  return {
    processInstanceKey,
    processDefinitionKey: '100',
    processDefinitionId: 'order-process',
    processDefinitionVersion: 1,
    tenantId: '<default>',
    state: 'ACTIVE',
    startDate: '2026-01-01T00:00:00.000Z',
    variables: { [processInstanceKey]: {} },
    elementInstances: {},
    tokens: {},
    jobs: {},
    userTasks: {},
    incidents: {},
    awaitingReplies: [],
    revision: 0,
    outbox: [],
    appliedCommandIds: [],
    hasIncident: false,
    ...overrides,
  };
}

export function job(jobKey: string, overrides: Partial<Job> = {}): Job {
  return {
    jobKey,
    type: 'payment',
    processInstanceKey: '1',
    processDefinitionKey: '100',
    processDefinitionId: 'order-process',
    processDefinitionVersion: 1,
    elementId: 'charge',
    elementInstanceKey: '2',
    customHeaders: {},
    retries: 3,
    state: 'ACTIVATABLE',
    tenantId: '<default>',
    ...overrides,
  };
}
