// CREATE_INSTANCE: a new instance with its root scope, started at its none start event (chosen by
// the start condition among several) or where its start instructions say (start-instructions.ts).
import type { CommandOf } from '@baton/contracts';
import { elementHooks } from '../elements/registry';
import { armEventSubProcessStarts } from '../events/event-subprocesses';
import { createToken } from '../flow/tokens';
import type { ApplyContext } from '../instance/apply-types';
import { CommandRejectedError, Draft } from '../instance/draft';
import { isoTime } from '../instance/iso-time';
import type { InstanceState } from '../instance/state';
import { copyVariables } from '../variables/copy-variables';
import { instructionVariables, placeStartInstructions } from './start-instructions';
import { chooseStartEvent, missingMandatoryVariables } from './start-selection';

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
  const instructions = command.startInstructions ?? [];
  const variables = { ...command.variables, ...instructionVariables(instructions) };
  const startEventId = instructions.length > 0 ? undefined : chosenStartEvent(command, ctx);
  if (missingMandatoryVariables(model, startEventId, variables).length > 0)
    throw new CommandRejectedError('INVALID_ARGUMENT', 'Some mandatory params are missing.');
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
    ...(command.messageCorrelationKey !== undefined
      ? { messageCorrelationKey: command.messageCorrelationKey }
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
  const draft = Draft.forNewInstance(state, ctx, elementHooks);
  draft.putScopeVariables(key, copyVariables(variables));
  draft.putElementInstance({
    key,
    elementId: definition.processDefinitionId,
    elementType: 'process',
    state: 'ACTIVE',
    startDate: nowIso,
  });
  // The process's message and timer event subprocesses wait from now on (with the start variables).
  const armingFailure = armEventSubProcessStarts(draft, key, definition.processDefinitionId);
  if (armingFailure !== undefined)
    throw new CommandRejectedError(
      'INVALID_ARGUMENT',
      `Expected to open the event subprocess subscriptions of process '${definition.processDefinitionId}', but: ${armingFailure}`,
    );
  if (startEventId === undefined) {
    placeStartInstructions(draft, instructions);
  } else {
    const token = createToken(draft, key, startEventId);
    draft.enqueue({ kind: 'arrive', tokenKey: token.tokenKey, elementId: startEventId });
  }
  return draft;
}

/** The none start event the instance starts at, with the FLOWX start errors. */
function chosenStartEvent(command: CommandOf<'CREATE_INSTANCE'>, ctx: ApplyContext): string {
  const choice = chooseStartEvent(ctx.definition.model, command.startCondition, command.variables);
  if (!choice.ok) throw new CommandRejectedError('INVALID_ARGUMENT', choice.message);
  return choice.startEventId;
}
