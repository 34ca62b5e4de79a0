// Named error factories for the engine's stable problem conditions: one function per condition,
// so that a message is written once. The texts are the ones clients and tests read; where two
// routes answered the same condition in different words, each keeps its words (see the factory).
import { BatonError } from '@baton/contracts';

/** NOT_FOUND for an instance named by key (instance operations: cancel, suspend). */
export function processInstanceNotFound(processInstanceKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Process instance with key '${processInstanceKey}' not found.`);
}

/** NOT_FOUND for an instance read by a REST route (the key unquoted, as those routes answer). */
export function processInstanceNotFoundUnquoted(processInstanceKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Process instance with key ${processInstanceKey} not found.`);
}

/** NOT_FOUND for the instance a create request inherits its variables from. */
export function inheritSourceNotFound(processInstanceKey: string): BatonError {
  return new BatonError(
    'NOT_FOUND',
    `Process instance with key '${processInstanceKey}' to inherit variables from not found.`,
  );
}

/** The rejection the command processor answers for a command on an instance it does not hold. */
export function processInstanceNotFoundMessage(processInstanceKey: string): string {
  return `Process instance ${processInstanceKey} not found.`;
}

/** NOT_FOUND for a definition named by key (suspension). */
export function processDefinitionNotFound(processDefinitionKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Process definition with key '${processDefinitionKey}' not found.`);
}

/** NOT_FOUND for a batch operation named by key. */
export function batchOperationNotFound(batchOperationKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Batch operation with key '${batchOperationKey}' not found.`);
}

/** NOT_FOUND for a user task named by key. */
export function userTaskNotFound(userTaskKey: string): BatonError {
  return new BatonError('NOT_FOUND', `User task with key '${userTaskKey}' not found.`);
}

/** NOT_FOUND for something no active instance holds (an incident, element instance or job). */
export function notHeldByAnyInstance(what: string, why: string): BatonError {
  return new BatonError('NOT_FOUND', `${what} not found: ${why}.`);
}

/** INVALID_STATE: a call activity's child ends with its parent, never alone. */
export function childInstanceNotCancelable(
  processInstanceKey: string,
  parentProcessInstanceKey: string,
): BatonError {
  return new BatonError(
    'INVALID_STATE',
    `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${parentProcessInstanceKey}' instead.`,
  );
}

/** ALREADY_EXISTS: another active (or being created) instance holds the business id. */
export function businessIdTaken(
  processDefinitionId: string,
  businessId: string,
  holderProcessInstanceKey: string,
): BatonError {
  return new BatonError(
    'ALREADY_EXISTS',
    `Expected to create an instance of process '${processDefinitionId}' with business id '${businessId}', but instance '${holderProcessInstanceKey}' has it and is still active.`,
    { processInstanceKey: holderProcessInstanceKey },
  );
}

/** INVALID_STATE: the timeout of a job that is not activated cannot change. */
export function jobNotActivated(jobKey: string): BatonError {
  return new BatonError(
    'INVALID_STATE',
    `Expected to update the timeout of job with key '${jobKey}', but it is not activated.`,
  );
}

/** NOT_FOUND for a user task read by a REST route (the key unquoted, as that route answers). */
export function userTaskNotFoundUnquoted(userTaskKey: string): BatonError {
  return new BatonError('NOT_FOUND', `User task with key ${userTaskKey} not found.`);
}

/** NOT_FOUND for a definition read by a REST route (the key unquoted, as those routes answer). */
export function processDefinitionNotFoundUnquoted(processDefinitionKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Process definition with key ${processDefinitionKey} not found.`);
}

/** NOT_FOUND for an incident named by key. */
export function incidentNotFound(incidentKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Incident with key '${incidentKey}' not found.`);
}

/** NOT_FOUND for a job definition named by key. */
export function jobDefinitionNotFound(jobDefinitionKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Job definition with key '${jobDefinitionKey}' not found.`);
}

/** NOT_FOUND for a job (or timer job) to suspend or activate. */
export function jobNotFound(jobKey: string): BatonError {
  return new BatonError('NOT_FOUND', `Job with key '${jobKey}' not found: it ended or never existed.`);
}
