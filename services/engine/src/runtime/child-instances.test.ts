// The commands the child-instance effects become: CREATE_INSTANCE of the latest version with the
// parent fields, CHILD_INSTANCE_REJECTED for an unknown process or a child that cannot start,
// CANCEL_INSTANCE for the child, CHILD_INSTANCE_COMPLETED for the parent; ids derived from the
// child key so that a command sent twice is applied once.
import { batonTopics } from '@baton/topics';
import type { ProcessModel } from '@baton/bpmn';
import type { EngineCommand } from '@baton/contracts';
import type { Effect } from '@baton/engine-core';
import type { MessageBus, OutgoingMessage } from '@baton/messaging';
import { InMemoryDefinitionStore, type StoredDefinition } from '@baton/store';
import { ChildInstances } from './child-instances';

function definition(
  processDefinitionId: string,
  version: number,
  model: Partial<ProcessModel> = {},
): StoredDefinition {
  return {
    processDefinitionKey: `${processDefinitionId}-v${version}`,
    processDefinitionId,
    processDefinitionVersion: version,
    resourceName: `${processDefinitionId}.bpmn`,
    tenantId: '<default>',
    deploymentKey: '1',
    bpmnXml: '<definitions/>',
    checksum: `${processDefinitionId}-${version}`,
    model: {
      processDefinitionId,
      startEventIds: ['start'],
      elements: {},
      flows: {},
      candidateStarterGroups: [],
      mandatoryVariables: [],
      startableInTasklist: true,
      ...model,
    },
    deployedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function commandsFor(effects: readonly Effect[]): Promise<EngineCommand[]> {
  const definitions = new InMemoryDefinitionStore();
  await definitions.insert(definition('child', 1));
  await definitions.insert(definition('child', 2));
  await definitions.insert(definition('strict', 1, { mandatoryVariables: ['orderId'] }));
  const produced: { topic: string; messages: readonly OutgoingMessage[] }[] = [];
  const bus: Pick<MessageBus, 'produce'> = {
    produce: (topic, messages) => {
      produced.push({ topic, messages });
      return Promise.resolve();
    },
  };
  await new ChildInstances({
    bus: bus as MessageBus,
    definitions,
    commandsTopic: batonTopics('').engineCommands,
  }).dispatch(effects);
  expect(produced.every((entry) => entry.topic === batonTopics('').engineCommands.name)).toBe(true);
  const messages = produced.flatMap((entry) => entry.messages);
  for (const message of messages)
    expect(message.key).toBe((message.value as EngineCommand).processInstanceKey);
  return messages.map((message) => message.value as EngineCommand);
}

const request = (processDefinitionId: string): Effect => ({
  type: 'CHILD_INSTANCE_REQUESTED',
  childProcessInstanceKey: '30',
  parentProcessInstanceKey: '10',
  parentElementInstanceKey: '20',
  processDefinitionId,
  variables: { amount: 3 },
});

describe('ChildInstances', () => {
  it('creates the child from the latest version, linked to its parent', async () => {
    expect(await commandsFor([request('child')])).toEqual([
      {
        type: 'CREATE_INSTANCE',
        commandId: 'child:30:create',
        processInstanceKey: '30',
        processDefinitionKey: 'child-v2',
        variables: { amount: 3 },
        parentProcessInstanceKey: '10',
        parentElementInstanceKey: '20',
      },
    ]);
  });

  it('tells the parent when the process is not deployed or the child cannot start', async () => {
    const [unknown, strict] = await commandsFor([request('nothing'), request('strict')]);
    expect(unknown).toMatchObject({
      type: 'CHILD_INSTANCE_REJECTED',
      processInstanceKey: '10',
      elementInstanceKey: '20',
      childProcessInstanceKey: '30',
    });
    expect(unknown?.type === 'CHILD_INSTANCE_REJECTED' && unknown.message).toContain("'nothing'");
    expect(strict).toMatchObject({ type: 'CHILD_INSTANCE_REJECTED', processInstanceKey: '10' });
  });

  it('cancels the child and notifies the parent', async () => {
    expect(
      await commandsFor([
        { type: 'CHILD_INSTANCE_CANCEL_REQUESTED', childProcessInstanceKey: '30' },
        {
          type: 'PARENT_NOTIFICATION_REQUESTED',
          parentProcessInstanceKey: '10',
          parentElementInstanceKey: '20',
          childProcessInstanceKey: '31',
          variables: { approved: true },
        },
      ]),
    ).toEqual([
      { type: 'CANCEL_INSTANCE', commandId: 'child:30:cancel', processInstanceKey: '30' },
      {
        type: 'CHILD_INSTANCE_COMPLETED',
        commandId: 'child:31:completed',
        processInstanceKey: '10',
        elementInstanceKey: '20',
        childProcessInstanceKey: '31',
        variables: { approved: true },
      },
    ]);
  });

  it('sends nothing for other effects', async () => {
    expect(await commandsFor([{ type: 'JOB_CLOSED', jobKey: '1', processInstanceKey: '10' }])).toEqual([]);
  });
});
