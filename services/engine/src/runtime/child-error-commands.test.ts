// The commands the error-propagation effects become: CHILD_INSTANCE_ERROR_THROWN for the parent's
// call activity, ERROR_NOT_CAUGHT for the thrower's instance; ids derived from the throw's key, so
// that a command sent twice is applied once and a rethrow (after an incident) is a new command.
import { batonTopics } from '@baton/topics';
import type { EngineCommand } from '@baton/contracts';
import { engineCommandSchema } from '@baton/contracts';
import type { Effect } from '@baton/engine-core';
import type { MessageBus, OutgoingMessage } from '@baton/messaging';
import { InMemoryDefinitionStore } from '@baton/store';
import { ChildInstances } from './child-instances';

async function commandsFor(effects: readonly Effect[]): Promise<EngineCommand[]> {
  const produced: OutgoingMessage[] = [];
  const bus: Pick<MessageBus, 'produce'> = {
    produce: (_topic, messages) => {
      produced.push(...messages);
      return Promise.resolve();
    },
  };
  await new ChildInstances({
    bus: bus as MessageBus,
    definitions: new InMemoryDefinitionStore(),
    commandsTopic: batonTopics('').engineCommands,
  }).dispatch(effects);
  for (const message of produced)
    expect(message.key).toBe((message.value as EngineCommand).processInstanceKey);
  // Every command is valid on the commands topic.
  return produced.map((message) => engineCommandSchema.parse(message.value));
}

const origin = { processInstanceKey: '30', elementInstanceKey: '31', errorKey: '32' };

describe('ChildInstances: errors across call activities', () => {
  it('passes an uncaught error to the parent call activity', async () => {
    expect(
      await commandsFor([
        {
          type: 'ERROR_PROPAGATION_REQUESTED',
          parentProcessInstanceKey: '10',
          parentElementInstanceKey: '20',
          childProcessInstanceKey: '30',
          errorCode: 'REJECTED',
          errorMessage: 'no stock',
          variables: { reason: 'stock' },
          origin,
        },
      ]),
    ).toEqual([
      {
        type: 'CHILD_INSTANCE_ERROR_THROWN',
        commandId: 'child:30:error:32',
        processInstanceKey: '10',
        elementInstanceKey: '20',
        childProcessInstanceKey: '30',
        errorCode: 'REJECTED',
        errorMessage: 'no stock',
        variables: { reason: 'stock' },
        origin,
      },
    ]);
  });

  it('tells the thrower that nobody caught it', async () => {
    expect(
      await commandsFor([
        {
          type: 'ERROR_NOT_CAUGHT_NOTIFIED',
          processInstanceKey: '30',
          elementInstanceKey: '31',
          errorCode: 'REJECTED',
          errorKey: '32',
        },
      ]),
    ).toEqual([
      {
        type: 'ERROR_NOT_CAUGHT',
        commandId: 'error:32:not-caught',
        processInstanceKey: '30',
        elementInstanceKey: '31',
        errorCode: 'REJECTED',
        errorKey: '32',
      },
    ]);
  });

  it('passes an uncaught escalation to the parent call activity', async () => {
    expect(
      await commandsFor([
        {
          type: 'ESCALATION_PROPAGATION_REQUESTED',
          parentProcessInstanceKey: '10',
          parentElementInstanceKey: '20',
          childProcessInstanceKey: '30',
          escalationCode: 'LATE',
          escalationKey: '33',
        },
      ]),
    ).toEqual([
      {
        type: 'CHILD_INSTANCE_ESCALATED',
        commandId: 'child:30:escalation:33',
        processInstanceKey: '10',
        elementInstanceKey: '20',
        childProcessInstanceKey: '30',
        escalationCode: 'LATE',
        escalationKey: '33',
      },
    ]);
  });
});
