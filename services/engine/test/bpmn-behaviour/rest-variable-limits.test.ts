// Issue 18's size limits on the embedded runtime: a variable value over 512 KiB is refused by every
// request that carries variables (and sent to the DLQ from the job-results topic); a command that
// would grow an instance's variables past its document limit is refused with nothing changed, or —
// a Kafka worker's result, with no caller — raises an incident on the job's element.
import { incidentSearchResponseSchema, type JobResultMessage } from '@baton/contracts';
import { topicName, topics } from '@baton/topics';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { startKafkaTestWorker, type JobHandler } from '../support/kafka-test-worker';
import { activateOneJob, deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type TestServer } from '../support/test-support';

/** Small, so that a few requests well within the body limit reach it. */
const documentLimit = 20_000;
const kafkaJobType = uniqueName('kafka-job');

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime({
    maxInstanceVariablesBytes: documentLimit,
    kafkaJobTypes: [kafkaJobType],
  });
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** 600,002 bytes as JSON: over the 512 KiB of one value, within the 1 MiB of a body. */
const oversizedValue = 'v'.repeat(600_000);

async function rootVariablesOf(processInstanceKey: string): Promise<Record<string, unknown>> {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return answer.body.variables as Record<string, unknown>;
}

async function instancesOf(processId: string): Promise<number> {
  const answer = await server.call('POST', '/v2/process-instances/search', {
    filter: { processDefinitionId: processId },
  });
  expect(answer.status).toBe(200);
  return answer.body.page.totalItems as number;
}

describe('the largest variable value', () => {
  const routes: readonly [string, string, Record<string, unknown>][] = [
    ['POST', '/v2/process-instances', { processDefinitionId: 'any' }],
    ['POST', '/v2/jobs/1/completion', {}],
    ['POST', '/v2/jobs/1/failure', { retries: 1 }],
    ['POST', '/v2/jobs/1/error', { errorCode: 'E' }],
    ['POST', '/v2/messages/publication', { name: 'm', correlationKey: 'k' }],
    ['POST', '/v2/messages/correlation', { name: 'm', correlationKey: 'k' }],
    ['PUT', '/v2/element-instances/1/variables', {}],
    ['POST', '/v2/user-tasks/1/completion', {}],
  ];

  it.each(routes)('is refused by %s %s with 400 naming the limit', async (method, path, body) => {
    const answer = await server.call(method, path, { ...body, variables: { small: 1, big: oversizedValue } });
    expect(answer.status).toBe(400);
    expect(answer.body.title).toBe('INVALID_ARGUMENT');
    expect(JSON.stringify(answer.body)).toContain(
      "variable 'big' is 600002 bytes as JSON, more than the largest variable value of 524288 bytes",
    );
  });

  it('stores nothing when a create carries one', async () => {
    const processId = uniqueName('proc');
    await deployProcess(server, processId, serviceTaskBpmn(processId, uniqueName('job')));
    const answer = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { big: oversizedValue },
    });
    expect(answer.status).toBe(400);
    expect(await instancesOf(processId)).toBe(0);
  });
});

describe('the largest variables document of an instance', () => {
  const limitText = `more than the largest variables document of ${documentLimit} bytes (MAX_INSTANCE_VARIABLES_BYTES)`;

  it('refuses a create over it and stores no instance', async () => {
    const processId = uniqueName('proc');
    await deployProcess(server, processId, serviceTaskBpmn(processId, uniqueName('job')));
    const answer = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { a: 'x'.repeat(documentLimit) },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.title).toBe('INVALID_ARGUMENT');
    expect(answer.body.detail).toContain(limitText);
    expect(await instancesOf(processId)).toBe(0);
  });

  it('refuses set-variables and a job completion that would pass it, and changes nothing', async () => {
    const processId = uniqueName('proc');
    const jobType = uniqueName('job');
    await deployProcess(server, processId, serviceTaskBpmn(processId, jobType));
    const processInstanceKey = await startInstanceOf(server, processId, { a: 'x'.repeat(12_000) });

    const set = await server.call('PUT', `/v2/element-instances/${processInstanceKey}/variables`, {
      variables: { b: 'y'.repeat(10_000) },
    });
    expect(set.status).toBe(400);
    expect(set.body.detail).toContain(limitText);

    const job = await activateOneJob(server, jobType, 'limits');
    const completion = await server.call('POST', `/v2/jobs/${job.jobKey}/completion`, {
      variables: { c: 'z'.repeat(10_000) },
    });
    expect(completion.status).toBe(400);
    expect(completion.body.detail).toContain(limitText);
    expect(Object.keys(await rootVariablesOf(processInstanceKey))).toEqual(['a']);

    // Within the limit the same job still completes: the refused completion left it open.
    const small = await server.call('POST', `/v2/jobs/${job.jobKey}/completion`, { variables: { c: 'ok' } });
    expect(small.status).toBe(204);
    await waitFor(async () => (await rootVariablesOf(processInstanceKey))['c'] === 'ok', { timeoutMs: 5000 });
  });

  it("raises an incident on the job's element when a Kafka worker's result would pass it", async () => {
    const processId = uniqueName('proc');
    await deployProcess(server, processId, serviceTaskBpmn(processId, kafkaJobType));
    const handle: JobHandler = () => ({ result: 'COMPLETE', variables: { c: 'z'.repeat(documentLimit) } });
    const worker = await startKafkaTestWorker(engine.bus, {
      topicPrefix: engine.topicPrefix,
      type: kafkaJobType,
      handle,
    });
    try {
      const processInstanceKey = await startInstanceOf(server, processId, { a: 1 });
      const incident = await waitFor(
        async () => {
          const found = await server.call('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
          return incidentSearchResponseSchema.parse(found.body).items[0];
        },
        { timeoutMs: 5000 },
      );
      expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'work', state: 'ACTIVE' });
      expect(incident.errorMessage).toContain(limitText);
      expect(await rootVariablesOf(processInstanceKey)).toEqual({ a: 1 });
    } finally {
      await worker.close();
    }
  });
});

describe('a Kafka job result with a value over the limit', () => {
  it('goes to the DLQ, and the consumer goes on with the next result', async () => {
    const processId = uniqueName('proc');
    await deployProcess(server, processId, serviceTaskBpmn(processId, kafkaJobType));
    const dead: unknown[] = [];
    const dlq = await engine.bus.subscribe({
      topic: topicName(topics.deadLetters, engine.topicPrefix),
      groupId: uniqueName('dlq-reader'),
      fromBeginning: true,
      eachBatch: (batch) => {
        dead.push(...batch.messages.map((message) => message.value));
        return Promise.resolve();
      },
    });
    // The first delivery answers over the limit, the redelivery after the lock would answer well;
    // here a second instance's job, answered well, shows the consumer did not stop.
    const handle: JobHandler = (job) =>
      job.variables['big'] === true
        ? ({ result: 'COMPLETE', variables: { c: oversizedValue } } satisfies Omit<
            JobResultMessage,
            'jobKey' | 'processInstanceKey'
          >)
        : { result: 'COMPLETE', variables: { c: 'ok' } };
    const worker = await startKafkaTestWorker(engine.bus, {
      topicPrefix: engine.topicPrefix,
      type: kafkaJobType,
      groupId: uniqueName('worker'),
      handle,
    });
    try {
      const refused = await startInstanceOf(server, processId, { big: true });
      const accepted = await startInstanceOf(server, processId, { big: false });
      await waitFor(async () => (await rootVariablesOf(accepted))['c'] === 'ok', { timeoutMs: 5000 });
      await waitFor(() => JSON.stringify(dead).includes('largest variable value'), { timeoutMs: 5000 });
      expect(await rootVariablesOf(refused)).toEqual({ big: true });
    } finally {
      await worker.close();
      await dlq.close();
    }
  });
});
