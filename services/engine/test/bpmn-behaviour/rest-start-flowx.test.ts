// FLOWX start features end to end on the embedded runtime, and in the integration suite on
// Kafka + FerretDB: inheritFrom, mandatory start parameters, start conditions among several none
// start events, and starting over Kafka (`baton.engine.start.v1` → `baton.engine.start.confirm.v1`).
import {
  startConfirmMessageSchema,
  type StartConfirmMessage,
  type StartRequestMessage,
} from '@baton/contracts';
import type { ConsumedMessage, Subscription } from '@baton/messaging';
import { uniqueName, waitFor } from '@baton/testing';
import { topicName, topics, type DeadLetterMessage } from '@baton/topics';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { conditionalStartsBpmn, waitingUserTaskBpmn } from '../fixtures/start-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let waitingId: string;
let conditionalId: string;
const confirmations: StartConfirmMessage[] = [];
const deadLetters: ConsumedMessage[] = [];
const probes: Subscription[] = [];

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  waitingId = uniqueName('waiting');
  conditionalId = uniqueName('intake');
  const deployed = await deployThroughApi(server, [
    { name: `${waitingId}.bpmn`, content: waitingUserTaskBpmn(waitingId) },
    { name: `${conditionalId}.bpmn`, content: conditionalStartsBpmn(conditionalId) },
  ]);
  expect(deployed.status).toBe(200);
  probes.push(
    await engine.bus.subscribe({
      topic: topicName(topics.engineStartConfirm, engine.topicPrefix),
      groupId: uniqueName('confirm-probe'),
      fromBeginning: true,
      eachBatch: (batch) => {
        for (const message of batch.messages)
          confirmations.push(startConfirmMessageSchema.parse(message.value));
        return Promise.resolve();
      },
    }),
    await engine.bus.subscribe({
      topic: topicName(topics.deadLetters, engine.topicPrefix),
      groupId: uniqueName('dlq-probe'),
      fromBeginning: true,
      eachBatch: (batch) => {
        deadLetters.push(...batch.messages);
        return Promise.resolve();
      },
    }),
  );
});
afterAll(async () => {
  for (const probe of probes) await probe.close();
  await server.close();
  await engine.close();
});

async function create(body: Record<string, unknown>) {
  return server.call('POST', '/v2/process-instances', body);
}

async function rootVariablesOf(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return answer.body.variables as Record<string, unknown>;
}

async function activeElementIdsOf(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  return answer.body.activeElementIds as string[];
}

describe('inheritFrom', () => {
  let sourceKey: string;
  beforeAll(async () => {
    const source = await create({
      processDefinitionId: waitingId,
      variables: { customer: 'ann', amount: 42, address: { city: 'Cluj' } },
    });
    expect(source.status).toBe(200);
    sourceKey = source.body.processInstanceKey as string;
  });

  it('copies all root variables, a whitelist or all but a blacklist; explicit variables win', async () => {
    const all = await create({
      processDefinitionId: waitingId,
      inheritFrom: { processInstanceKey: sourceKey },
    });
    expect(await rootVariablesOf(all.body.processInstanceKey as string)).toEqual({
      customer: 'ann',
      amount: 42,
      address: { city: 'Cluj' },
    });
    const whitelist = await create({
      processDefinitionId: waitingId,
      inheritFrom: { processInstanceKey: sourceKey, paramsToCopy: ['customer', 'missing'] },
      variables: { note: 'x' },
    });
    expect(await rootVariablesOf(whitelist.body.processInstanceKey as string)).toEqual({
      customer: 'ann',
      note: 'x',
    });
    const blacklist = await create({
      processDefinitionId: waitingId,
      inheritFrom: { processInstanceKey: sourceKey, withoutParams: ['address'] },
      variables: { amount: 7 },
    });
    expect(await rootVariablesOf(blacklist.body.processInstanceKey as string)).toEqual({
      customer: 'ann',
      amount: 7,
    });
  });

  it('answers 404 when the source instance does not exist, 400 for both lists', async () => {
    const missing = await create({
      processDefinitionId: waitingId,
      inheritFrom: { processInstanceKey: '987654321' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe(
      "Process instance with key '987654321' to inherit variables from not found.",
    );
    const both = await create({
      processDefinitionId: waitingId,
      inheritFrom: { processInstanceKey: sourceKey, paramsToCopy: ['a'], withoutParams: ['b'] },
    });
    expect(both.status).toBe(400);
  });
});

describe('start conditions and mandatory parameters', () => {
  it('starts at the start event whose condition holds', async () => {
    const web = await create({
      processDefinitionId: conditionalId,
      startCondition: 'web',
      variables: { customerId: 'c1' },
    });
    expect(web.status).toBe(200);
    expect(await activeElementIdsOf(web.body.processInstanceKey as string)).toEqual(['fromWeb']);
    const manual = await create({
      processDefinitionId: conditionalId,
      startCondition: 'manual',
      variables: { customerId: 'c1', clerk: 'bob', desk: 3 },
    });
    expect(manual.status).toBe(200);
    expect(await activeElementIdsOf(manual.body.processInstanceKey as string)).toEqual(['fromClerk']);
  });

  it('answers 400 with the FLOWX sentences', async () => {
    const unspecified = await create({ processDefinitionId: conditionalId, variables: { customerId: 'c1' } });
    expect([unspecified.status, unspecified.body.detail]).toEqual([
      400,
      'Multiple start nodes found, but start condition not specified.',
    ]);
    const unmatched = await create({
      processDefinitionId: conditionalId,
      startCondition: 'fax',
      variables: { customerId: 'c1' },
    });
    expect([unmatched.status, unmatched.body.detail]).toEqual([
      400,
      'Start node for process definition not found.',
    ]);
    const missing = await create({
      processDefinitionId: conditionalId,
      startCondition: 'manual',
      variables: { clerk: 'bob', desk: null },
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      title: 'INVALID_ARGUMENT',
      detail: 'Some mandatory params are missing.',
      missingParams: ['customerId', 'desk'],
    });
  });

  it('counts inherited variables as provided', async () => {
    const source = await create({
      processDefinitionId: waitingId,
      variables: { customerId: 'c9', clerk: 'eve', desk: 1 },
    });
    const started = await create({
      processDefinitionId: conditionalId,
      startCondition: 'manual',
      inheritFrom: { processInstanceKey: source.body.processInstanceKey },
    });
    expect(started.status).toBe(200);
  });
});

describe('start over Kafka', () => {
  async function requestStart(value: StartRequestMessage): Promise<void> {
    await engine.bus.produce(topicName(topics.engineStart, engine.topicPrefix), [
      { key: value.processDefinitionId, value },
    ]);
  }

  async function confirmationOf(requestId: string): Promise<StartConfirmMessage> {
    return waitFor(() => confirmations.find((confirmation) => confirmation.requestId === requestId), {
      timeoutMs: 30_000,
      description: `the confirmation of ${requestId}`,
    });
  }

  it('starts an instance and confirms it with its keys', async () => {
    const requestId = uniqueName('start');
    await requestStart({
      requestId,
      processDefinitionId: conditionalId,
      startCondition: 'web',
      variables: { customerId: 'k1' },
      businessKey: 'order-1',
    });
    const confirmation = await confirmationOf(requestId);
    if (!('processInstanceKey' in confirmation)) throw new Error(`refused: ${JSON.stringify(confirmation)}`);
    expect(confirmation.processDefinitionId).toBe(conditionalId);
    const instance = await server.call('GET', `/v2/process-instances/${confirmation.processInstanceKey}`);
    expect(instance.body).toMatchObject({
      businessKey: 'order-1',
      variables: { customerId: 'k1' },
      activeElementIds: ['fromWeb'],
    });
  });

  it('creates one instance for a request delivered twice, and confirms it each time', async () => {
    const requestId = uniqueName('start-twice');
    const businessKey = uniqueName('order');
    const request = {
      requestId,
      processDefinitionId: conditionalId,
      startCondition: 'web',
      variables: { customerId: 'k2' },
      businessKey,
    };
    await requestStart(request);
    const first = await confirmationOf(requestId);
    expect(first).toHaveProperty('processInstanceKey');
    await requestStart(request);
    const both = await waitFor(
      () => {
        const found = confirmations.filter((confirmation) => confirmation.requestId === requestId);
        return found.length >= 2 ? found : undefined;
      },
      { timeoutMs: 30_000, description: `a second confirmation of ${requestId}` },
    );
    expect(both[1]).toEqual(first);
    const search = await server.call('POST', '/v2/process-instances/search', { filter: { businessKey } });
    expect(search.body.page.totalItems).toBe(1);
  });

  it('confirms refusals with the same sentences as REST', async () => {
    const missingId = uniqueName('start');
    await requestStart({ requestId: missingId, processDefinitionId: conditionalId, startCondition: 'web' });
    expect(await confirmationOf(missingId)).toEqual({
      requestId: missingId,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'Some mandatory params are missing.',
        missingParams: ['customerId'],
      },
    });
    const ambiguousId = uniqueName('start');
    await requestStart({
      requestId: ambiguousId,
      processDefinitionId: conditionalId,
      variables: { customerId: 'k' },
    });
    expect(await confirmationOf(ambiguousId)).toEqual({
      requestId: ambiguousId,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'Multiple start nodes found, but start condition not specified.',
      },
    });
    const unknownId = uniqueName('start');
    await requestStart({ requestId: unknownId, processDefinitionId: uniqueName('nothing') });
    expect(await confirmationOf(unknownId)).toEqual({
      requestId: unknownId,
      error: { code: 'NOT_FOUND', message: 'Process definition not found.' },
    });
  });

  it('sends an invalid request to the DLQ and goes on', async () => {
    const badKey = uniqueName('bad-start');
    await engine.bus.produce(topicName(topics.engineStart, engine.topicPrefix), [
      { key: badKey, value: { processDefinitionId: conditionalId } },
    ]);
    const letter = await waitFor(
      () =>
        deadLetters
          .map((message) => message.value as DeadLetterMessage)
          .find((candidate) => candidate.key === badKey),
      { timeoutMs: 30_000, description: 'the dead letter of the request without requestId' },
    );
    expect(letter.reason).toContain('requestId');
    const requestId = uniqueName('start');
    await requestStart({ requestId, processDefinitionId: waitingId });
    expect(await confirmationOf(requestId)).toHaveProperty('processInstanceKey');
  });
});
