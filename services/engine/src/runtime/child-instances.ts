// Call activities between instances (FLOWX notify-parent): turns the core's child-instance effects
// into commands on the engine commands topic. A requested child becomes a CREATE_INSTANCE of the
// called process's latest version under the key the parent chose, or a CHILD_INSTANCE_REJECTED for
// the parent when there is no such process; a completed child notifies its parent; a call activity
// that ended early cancels its child. Command ids derive from the child key, so a command sent
// twice is applied once.
import { BatonError, type EngineCommand } from '@baton/contracts';
import { suspendedDefinitionMessage, type Effect } from '@baton/engine-core';
import type { MessageBus } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import type { DefinitionStore } from '@baton/store';
import { validateStart } from './start-validation';
import { appendCommands } from './command-messages';

export interface ChildInstancesOptions {
  readonly bus: MessageBus;
  /** The called process's latest version, from memory where it can (known-definitions.ts). */
  readonly definitions: Pick<DefinitionStore, 'getLatest'>;
  /** The engine commands topic, environment prefix included. */
  readonly commandsTopic: TopicAddress<EngineCommand>;
  /** Camunda 7: a suspended definition is not started by a call activity either. @default none is */
  readonly isSuspended?: (processDefinitionKey: string) => Promise<boolean>;
}

export class ChildInstances {
  constructor(private readonly options: ChildInstancesOptions) {}

  /**
   * Sends the commands the child-instance effects of one batch ask for, in effect order, through
   * `producer`: the batch's transaction, so that a child is asked for exactly once.
   */
  async dispatch(
    effects: readonly Effect[],
    producer: Pick<MessageBus, 'produce'> = this.options.bus,
  ): Promise<void> {
    const commands: EngineCommand[] = [];
    for (const effect of effects) {
      const command = await this.commandFor(effect);
      if (command) commands.push(command);
    }
    await appendCommands(producer, this.options.commandsTopic, commands);
  }

  private async commandFor(effect: Effect): Promise<EngineCommand | undefined> {
    switch (effect.type) {
      case 'CHILD_INSTANCE_REQUESTED':
        return this.createChild(effect);
      case 'CHILD_INSTANCE_CANCEL_REQUESTED':
        return {
          type: 'CANCEL_INSTANCE',
          commandId: `child:${effect.childProcessInstanceKey}:cancel`,
          processInstanceKey: effect.childProcessInstanceKey,
        };
      case 'PARENT_NOTIFICATION_REQUESTED':
        return {
          type: 'CHILD_INSTANCE_COMPLETED',
          commandId: `child:${effect.childProcessInstanceKey}:completed`,
          processInstanceKey: effect.parentProcessInstanceKey,
          elementInstanceKey: effect.parentElementInstanceKey,
          childProcessInstanceKey: effect.childProcessInstanceKey,
          variables: effect.variables,
        };
      case 'ERROR_PROPAGATION_REQUESTED':
        return {
          type: 'CHILD_INSTANCE_ERROR_THROWN',
          commandId: `child:${effect.childProcessInstanceKey}:error:${effect.origin.errorKey}`,
          processInstanceKey: effect.parentProcessInstanceKey,
          elementInstanceKey: effect.parentElementInstanceKey,
          childProcessInstanceKey: effect.childProcessInstanceKey,
          errorCode: effect.errorCode,
          ...(effect.errorMessage !== undefined ? { errorMessage: effect.errorMessage } : {}),
          ...(effect.variables !== undefined ? { variables: effect.variables } : {}),
          origin: effect.origin,
        };
      case 'ESCALATION_PROPAGATION_REQUESTED':
        return {
          type: 'CHILD_INSTANCE_ESCALATED',
          commandId: `child:${effect.childProcessInstanceKey}:escalation:${effect.escalationKey}`,
          processInstanceKey: effect.parentProcessInstanceKey,
          elementInstanceKey: effect.parentElementInstanceKey,
          childProcessInstanceKey: effect.childProcessInstanceKey,
          escalationCode: effect.escalationCode,
          escalationKey: effect.escalationKey,
        };
      case 'ERROR_NOT_CAUGHT_NOTIFIED':
        return {
          type: 'ERROR_NOT_CAUGHT',
          commandId: `error:${effect.errorKey}:not-caught`,
          processInstanceKey: effect.processInstanceKey,
          elementInstanceKey: effect.elementInstanceKey,
          errorCode: effect.errorCode,
          errorKey: effect.errorKey,
        };
      default:
        return undefined;
    }
  }

  private async createChild(
    effect: Extract<Effect, { type: 'CHILD_INSTANCE_REQUESTED' }>,
  ): Promise<EngineCommand> {
    const rejected = (message: string): EngineCommand => ({
      type: 'CHILD_INSTANCE_REJECTED',
      commandId: `child:${effect.childProcessInstanceKey}:rejected`,
      processInstanceKey: effect.parentProcessInstanceKey,
      elementInstanceKey: effect.parentElementInstanceKey,
      childProcessInstanceKey: effect.childProcessInstanceKey,
      message,
    });
    const definition = await this.options.definitions.getLatest(effect.processDefinitionId);
    if (!definition)
      return rejected(
        `Expected process with BPMN process id '${effect.processDefinitionId}' to be deployed, but not found.`,
      );
    if (await this.options.isSuspended?.(definition.processDefinitionKey))
      return rejected(suspendedDefinitionMessage(definition));
    try {
      validateStart(definition, effect.variables, undefined);
    } catch (error) {
      if (error instanceof BatonError) return rejected(error.message);
      throw error;
    }
    return {
      type: 'CREATE_INSTANCE',
      commandId: `child:${effect.childProcessInstanceKey}:create`,
      processInstanceKey: effect.childProcessInstanceKey,
      processDefinitionKey: definition.processDefinitionKey,
      variables: effect.variables,
      parentProcessInstanceKey: effect.parentProcessInstanceKey,
      parentElementInstanceKey: effect.parentElementInstanceKey,
    };
  }
}
