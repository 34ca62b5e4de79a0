// CREATE_INSTANCE: a new instance with its root scope, started at the none start event or
// before the elements of the start instructions (one token each).
import type { CommandOf } from '@baton/contracts';
import type { ApplyContext } from './apply-types';
import { copyVariables } from './copy-variables';
import { CommandRejectedError, Draft } from './draft';
import { isoTime } from './iso-time';
import type { InstanceState } from './state';
import { createToken } from './tokens';

/** Builds the new instance and queues its first steps; the caller advances it. */
export function createInstance(command: CommandOf<'CREATE_INSTANCE'>, ctx: ApplyContext): Draft {
  const { definition } = ctx;
  const { model } = definition;
  if (command.processDefinitionKey !== definition.processDefinitionKey) {
    throw new CommandRejectedError(
      'INVALID_ARGUMENT',
      `Command names process definition ${command.processDefinitionKey}, but the context holds ${definition.processDefinitionKey}.`,
    );
  }
  if (
    model.mandatoryVariables.some((name) => !Object.prototype.hasOwnProperty.call(command.variables, name))
  ) {
    throw new CommandRejectedError('INVALID_ARGUMENT', 'Some mandatory params are missing.');
  }
  const startElementIds = startElements(command, ctx);
  const nowIso = isoTime(ctx.now);
  const key = command.processInstanceKey;
  const state: InstanceState = {
    processInstanceKey: key,
    processDefinitionKey: definition.processDefinitionKey,
    processDefinitionId: definition.processDefinitionId,
    processDefinitionVersion: definition.processDefinitionVersion,
    tenantId: definition.tenantId,
    ...(command.businessKey !== undefined ? { businessKey: command.businessKey } : {}),
    ...(command.businessId !== undefined ? { businessId: command.businessId } : {}),
    ...(command.parentProcessInstanceKey !== undefined
      ? { parentProcessInstanceKey: command.parentProcessInstanceKey }
      : {}),
    ...(command.parentElementInstanceKey !== undefined
      ? { parentElementInstanceKey: command.parentElementInstanceKey }
      : {}),
    state: 'ACTIVE',
    startDate: nowIso,
    // Filled through the draft, which knows that the keys it writes are new.
    variables: {},
    elementInstances: {},
    tokens: {},
    jobs: {},
    userTasks: {},
    incidents: {},
    awaitingReplies: [],
  };
  const draft = Draft.forNewInstance(state, ctx);
  draft.putScopeVariables(key, copyVariables(command.variables));
  draft.putElementInstance({
    key,
    elementId: definition.processDefinitionId,
    elementType: 'process',
    state: 'ACTIVE',
    startDate: nowIso,
  });
  for (const elementId of startElementIds) {
    const token = createToken(draft, key, elementId);
    draft.enqueue({ kind: 'arrive', tokenKey: token.tokenKey, elementId });
  }
  return draft;
}

/** The elements the first tokens are placed before, with the FLOWX start errors. */
function startElements(command: CommandOf<'CREATE_INSTANCE'>, ctx: ApplyContext): readonly string[] {
  const { model } = ctx.definition;
  const instructions = command.startInstructions ?? [];
  if (instructions.length > 0) {
    for (const { elementId } of instructions) {
      const node = model.elements[elementId];
      if (!node)
        throw new CommandRejectedError(
          'INVALID_ARGUMENT',
          `Start instruction names element '${elementId}', which is not in process '${model.processDefinitionId}'.`,
        );
      if (node.scopeId !== model.processDefinitionId) {
        throw new CommandRejectedError(
          'INVALID_ARGUMENT',
          `Start instruction element '${elementId}' is inside subprocess '${node.scopeId}'; only elements of the process itself are supported.`,
        );
      }
    }
    return instructions.map((instruction) => instruction.elementId);
  }
  if (model.startEventIds.length === 0)
    throw new CommandRejectedError('INVALID_ARGUMENT', 'Start node for process definition not found.');
  if (model.startEventIds.length > 1)
    throw new CommandRejectedError(
      'INVALID_ARGUMENT',
      'Multiple start nodes found, but start condition not specified.',
    );
  return model.startEventIds;
}
