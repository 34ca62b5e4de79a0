// Which definition a create request means, and whether it may start (FLOWX start errors with
// their exact sentences, DESIGN §1).
import { BatonError, flowxStartErrors, type StartInstruction, type Variables } from '@baton/contracts';
import {
  chooseStartEvent,
  instructionVariables,
  missingMandatoryVariables,
  startInstructionProblem,
} from '@baton/engine-core';
import type { DefinitionStore, StoredDefinition } from '@baton/store';

export interface StartTarget {
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  /** -1 or absent: the latest version. */
  readonly processDefinitionVersion?: number;
}

/**
 * The definition a create request names, looked up once per request; NOT_FOUND with the FLOWX
 * sentence when there is none. `authorize` (the caller's permission check) sees the lookup's
 * result first, also when it found nothing, so that a refusal comes before NOT_FOUND as it did
 * when the REST route looked the definition up on its own.
 */
export async function resolveDefinition(
  store: Pick<DefinitionStore, 'getByKey' | 'getLatest' | 'getByVersion'>,
  target: StartTarget,
  authorize?: (definition: StoredDefinition | undefined) => Promise<void>,
): Promise<StoredDefinition> {
  let definition: StoredDefinition | undefined;
  if (target.processDefinitionKey !== undefined) {
    definition = await store.getByKey(target.processDefinitionKey);
  } else if (target.processDefinitionId !== undefined) {
    const version = target.processDefinitionVersion;
    definition =
      version === undefined || version === -1
        ? await store.getLatest(target.processDefinitionId)
        : await store.getByVersion(target.processDefinitionId, version);
  }
  await authorize?.(definition);
  if (target.processDefinitionKey === undefined && target.processDefinitionId === undefined)
    throw new BatonError(
      'INVALID_ARGUMENT',
      'Either processDefinitionId or processDefinitionKey is required.',
    );
  if (!definition) throw new BatonError('NOT_FOUND', flowxStartErrors.definitionNotFound, { ...target });
  return definition;
}

/**
 * Refuses a start the definition cannot honour, with the FLOWX sentences: no start event, several
 * without a start condition (or none matching it), missing mandatory variables (named in
 * `missingParams`), or a start instruction naming an unknown element or flow (named in the message).
 */
export function validateStart(
  definition: StoredDefinition,
  variables: Variables,
  startInstructions: readonly StartInstruction[] | undefined,
  startCondition?: string,
): void {
  const { model } = definition;
  let startEventId: string | undefined;
  if (startInstructions && startInstructions.length > 0) {
    const problem = startInstructionProblem(model, startInstructions);
    if (problem !== undefined) throw new BatonError('INVALID_ARGUMENT', problem);
    variables = { ...variables, ...instructionVariables(startInstructions) };
  } else {
    const choice = chooseStartEvent(model, startCondition, variables);
    if (!choice.ok) throw new BatonError('INVALID_ARGUMENT', choice.message);
    startEventId = choice.startEventId;
  }
  const missingParams = missingMandatoryVariables(model, startEventId, variables);
  if (missingParams.length > 0)
    throw new BatonError('INVALID_ARGUMENT', flowxStartErrors.mandatoryParamsMissing, { missingParams });
}
