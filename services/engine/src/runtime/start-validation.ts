// Which definition a create request means, and whether it may start (FLOWX start errors with
// their exact sentences, DESIGN §1).
import { BatonError, flowxStartErrors, type Variables } from '@baton/contracts';
import type { DefinitionStore, StoredDefinition } from '@baton/store';

export interface StartTarget {
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  /** -1 or absent: the latest version. */
  readonly processDefinitionVersion?: number;
}

/** The definition a create request names; NOT_FOUND with the FLOWX sentence when there is none. */
export async function resolveDefinition(
  store: DefinitionStore,
  target: StartTarget,
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
  } else {
    throw new BatonError(
      'INVALID_ARGUMENT',
      'Either processDefinitionId or processDefinitionKey is required.',
    );
  }
  if (!definition) throw new BatonError('NOT_FOUND', flowxStartErrors.definitionNotFound, { ...target });
  return definition;
}

/** Refuses a start the definition cannot honour: no or several start events, missing mandatory variables. */
export function validateStart(
  definition: StoredDefinition,
  variables: Variables,
  startInstructions: readonly { readonly elementId: string }[] | undefined,
): void {
  const { model } = definition;
  if (startInstructions && startInstructions.length > 0) {
    const unknown = startInstructions
      .filter(({ elementId }) => !model.elements[elementId])
      .map(({ elementId }) => elementId);
    if (unknown.length > 0) {
      throw new BatonError(
        'INVALID_ARGUMENT',
        `Start instruction element(s) not found in the process: ${unknown.join(', ')}.`,
        { elementIds: unknown },
      );
    }
  } else if (model.startEventIds.length === 0) {
    throw new BatonError('INVALID_ARGUMENT', flowxStartErrors.startNodeNotFound);
  } else if (model.startEventIds.length > 1) {
    throw new BatonError('INVALID_ARGUMENT', flowxStartErrors.multipleStartNodes, {
      startEventIds: model.startEventIds,
    });
  }
  const missing = model.mandatoryVariables.filter(
    (name) => variables[name] === undefined || variables[name] === null,
  );
  if (missing.length > 0)
    throw new BatonError('INVALID_ARGUMENT', flowxStartErrors.mandatoryParamsMissing, { missing });
}
