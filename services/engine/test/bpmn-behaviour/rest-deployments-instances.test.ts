// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: deployments,
// definitions and process instances through the REST API with real `fetch`, checked against the contract schemas.
import {
  createProcessInstanceResponseSchema,
  deploymentResponseSchema,
  processDefinitionSearchResponseSchema,
  processInstanceDetailSchema,
  processInstanceSearchResponseSchema,
  topologyResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { brokenBpmn, serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** Deploys a one-service-task process with a unique id and job type. */
async function deployServiceTask(name?: string) {
  const processId = uniqueName('proc');
  const jobType = uniqueName('job');
  const answer = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType, { name }) },
  ]);
  expect(answer.status).toBe(200);
  const deployment = deploymentResponseSchema.parse(answer.body);
  return { processId, jobType, definition: deployment.deployments[0]!.processDefinition!, deployment };
}

async function getInstance(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  expect(answer.status).toBe(200);
  return processInstanceDetailSchema.parse(answer.body);
}

it('answers health and topology', async () => {
  expect(await server.call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'UP' } });
  const topology = topologyResponseSchema.parse((await server.call('GET', '/v2/topology')).body);
  expect(topology.brokers.length).toBeGreaterThan(0);
  expect(topology.partitionsCount).toBe(topology.brokers.flatMap((broker) => broker.partitions).length);
});

describe('deployments and definitions', () => {
  it('gives the same XML the same version and key, and a changed one the next version', async () => {
    const processId = uniqueName('versioned');
    const first = deploymentResponseSchema.parse(
      (await deployThroughApi(server, [{ name: 'v.bpmn', content: serviceTaskBpmn(processId, 'a') }])).body,
    );
    const again = deploymentResponseSchema.parse(
      (await deployThroughApi(server, [{ name: 'v.bpmn', content: serviceTaskBpmn(processId, 'a') }])).body,
    );
    const changed = deploymentResponseSchema.parse(
      (await deployThroughApi(server, [{ name: 'v.bpmn', content: serviceTaskBpmn(processId, 'b') }])).body,
    );
    expect(first.tenantId).toBe('<default>');
    expect(first.deployments[0]!.processDefinition).toMatchObject({
      processDefinitionId: processId,
      processDefinitionVersion: 1,
      resourceName: 'v.bpmn',
      tenantId: '<default>',
    });
    expect(again.deployments[0]!.processDefinition).toEqual(first.deployments[0]!.processDefinition);
    expect(changed.deployments[0]!.processDefinition!.processDefinitionVersion).toBe(2);
    expect(changed.deployments[0]!.processDefinition!.processDefinitionKey).not.toBe(
      first.deployments[0]!.processDefinition!.processDefinitionKey,
    );
  });

  it('refuses a broken BPMN with every problem and its element id', async () => {
    const answer = await deployThroughApi(server, [
      { name: 'broken.bpmn', content: brokenBpmn(uniqueName('broken')) },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.title).toBe('INVALID_ARGUMENT');
    const elementIds = answer.body.problems.map((problem: { elementId?: string }) => problem.elementId);
    expect(elementIds).toEqual(expect.arrayContaining(['untyped', 'toNowhere']));
    expect(answer.body.detail).toContain('untyped');
    expect(answer.body.detail).toContain('toNowhere');
  });

  it('deploys a model whose diagram shows an element the process lacks, and says so in warnings', async () => {
    const processId = uniqueName('ghostly');
    const diagram =
      `<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">` +
      '<bpmndi:BPMNShape id="ghost_di" bpmnElement="ghost"><dc:Bounds x="1" y="1" width="9" height="9"/></bpmndi:BPMNShape>' +
      '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>';
    const content = serviceTaskBpmn(processId, 'ghostly-work')
      .replace(
        '<bpmn:definitions ',
        '<bpmn:definitions xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ',
      )
      .replace('</bpmn:definitions>', `${diagram}</bpmn:definitions>`);
    const answer = await deployThroughApi(server, [{ name: 'ghostly.bpmn', content }]);
    expect(answer.status).toBe(200);
    const deployment = deploymentResponseSchema.parse(answer.body);
    expect(deployment.deployments[0]?.processDefinition?.processDefinitionId).toBe(processId);
    expect(deployment.warnings).toEqual([
      expect.objectContaining({
        resourceName: 'ghostly.bpmn',
        code: 'DIAGRAM_INTERCHANGE',
        elementId: 'ghost_di',
      }),
    ]);
    expect(deployment.warnings?.[0]?.message).toContain("'ghost'");
    // a clean model's answer has no warnings member at all, as Camunda's
    const clean = await deployServiceTask();
    expect(clean.deployment).not.toHaveProperty('warnings');
  });

  it('lists definitions and serves one with its XML', async () => {
    const { processId, definition } = await deployServiceTask('Listed process');
    const listed = processDefinitionSearchResponseSchema.parse(
      (await server.call('GET', '/v2/process-definitions')).body,
    );
    expect(listed.items).toContainEqual(
      expect.objectContaining({
        processDefinitionKey: definition.processDefinitionKey,
        name: 'Listed process',
        version: 1,
      }),
    );
    const searched = processDefinitionSearchResponseSchema.parse(
      (
        await server.call('POST', '/v2/process-definitions/search', {
          filter: { processDefinitionId: processId },
        })
      ).body,
    );
    expect(searched.page.totalItems).toBe(1);
    const one = await server.call('GET', `/v2/process-definitions/${definition.processDefinitionKey}`);
    expect(one.body).toMatchObject({ processDefinitionId: processId, resourceName: `${processId}.bpmn` });
    const xml = await server.call('GET', `/v2/process-definitions/${definition.processDefinitionKey}/xml`);
    expect(xml.contentType).toContain('application/xml');
    expect(xml.body).toContain(`<bpmn:process id="${processId}"`);
    expect((await server.call('GET', '/v2/process-definitions/123456789')).status).toBe(404);
  });

  it('searches the latest or the older versions of a process, sorted by version', async () => {
    const { processId, jobType } = await deployServiceTask('Version 1');
    for (const name of ['Version 2', 'Version 3']) {
      const answer = await deployThroughApi(server, [
        { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType, { name }) },
      ]);
      expect(answer.status).toBe(200);
    }
    const search = async (filter: Record<string, unknown>) =>
      processDefinitionSearchResponseSchema
        .parse(
          (
            await server.call('POST', '/v2/process-definitions/search', {
              filter: { processDefinitionId: processId, ...filter },
              sort: [{ field: 'version', order: 'DESC' }],
            })
          ).body,
        )
        .items.map((definition) => `${definition.version}:${definition.name}`);
    expect(await search({ isLatestVersion: true })).toEqual(['3:Version 3']);
    expect(await search({ isLatestVersion: false })).toEqual(['2:Version 2', '1:Version 1']);
    expect(await search({})).toEqual(['3:Version 3', '2:Version 2', '1:Version 1']);
  });
});

describe('process instances', () => {
  it('creates idempotently by businessId: a retry names the active instance that has it', async () => {
    const { processId } = await deployServiceTask('Idempotent');
    const other = await deployServiceTask('Other process');
    const businessId = uniqueName('order');
    const create = (processDefinitionId: string) =>
      server.call('POST', '/v2/process-instances', { processDefinitionId, businessId });
    const first = await create(processId);
    expect(first.status).toBe(200);
    const retried = await create(processId);
    expect(retried.status).toBe(409);
    expect(retried.body).toMatchObject({
      title: 'ALREADY_EXISTS',
      processInstanceKey: first.body.processInstanceKey,
    });
    expect(retried.body.detail).toContain(businessId);
    expect((await create(other.processId)).status).toBe(200); // another process: its own ids

    const cancel = await server.call(
      'POST',
      `/v2/process-instances/${first.body.processInstanceKey}/cancellation`,
      {},
    );
    expect(cancel.status).toBe(204);
    await waitFor(async () => (await getInstance(first.body.processInstanceKey)).state === 'TERMINATED');
    const afterEnd = await create(processId);
    expect(afterEnd.status).toBe(200);
    expect(afterEnd.body.processInstanceKey).not.toBe(first.body.processInstanceKey);
    expect((await create(processId)).body.processInstanceKey).toBe(afterEnd.body.processInstanceKey);
  });

  it('searches instances by version, business key, start date and root variables', async () => {
    const { processId } = await deployServiceTask('Searched by variables');
    const before = new Date().toISOString();
    const create = async (businessKey: string, variables: Record<string, unknown>) => {
      const answer = await server.call('POST', '/v2/process-instances', {
        processDefinitionId: processId,
        businessKey,
        variables,
      });
      expect(answer.status).toBe(200);
      return answer.body.processInstanceKey as string;
    };
    const pizza = await create('order-1', { customer: 'Nice Pizza Inc.', total: 42 });
    const burgers = await create('order-2', { customer: 'Nice Burgers', total: 7 });
    const other = await create('order-3', { customer: 'Bad Pizza', total: '42' });
    const search = async (filter: Record<string, unknown>) => {
      const answer = await server.call('POST', '/v2/process-instances/search', {
        filter: { processDefinitionId: processId, ...filter },
        sort: [{ field: 'processInstanceKey' }],
      });
      expect(answer.status).toBe(200);
      return processInstanceSearchResponseSchema
        .parse(answer.body)
        .items.map((instance) => instance.processInstanceKey)
        .sort();
    };
    const variables = (...conditions: { name: string; value: unknown }[]) =>
      search({ variables: conditions });
    expect(await variables({ name: 'customer', value: '"Nice Pizza Inc."' })).toEqual([pizza]);
    expect(await variables({ name: 'total', value: '42' })).toEqual([pizza]);
    expect(await variables({ name: 'total', value: { $gt: '7' } })).toEqual([pizza]);
    expect(await variables({ name: 'total', value: { $gte: '7', $lt: '100' } })).toEqual(
      [pizza, burgers].sort(),
    );
    expect(await variables({ name: 'customer', value: { $like: '"Nice*"' } })).toEqual(
      [pizza, burgers].sort(),
    );
    expect(await variables({ name: 'customer', value: { $in: ['"Bad Pizza"', '"Nice Burgers"'] } })).toEqual(
      [burgers, other].sort(),
    );
    expect(await variables({ name: 'total', value: { $neq: '42' } })).toEqual([burgers, other].sort());
    expect(await variables({ name: 'missing', value: { $exists: false } })).toHaveLength(3);
    expect(await search({ businessKey: 'order-2' })).toEqual([burgers]);
    expect(await search({ processDefinitionVersion: 1, startDate: { $gte: before } })).toHaveLength(3);
    expect(await search({ startDate: { $lt: before } })).toEqual([]);

    const invalid = await server.call('POST', '/v2/process-instances/search', {
      filter: { variables: [{ name: 'customer', value: 'Nice Pizza Inc.' }] },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('must be the JSON text of a value');
  });

  it('creates an instance answered at once and shows it with its tokens', async () => {
    const { processId, definition } = await deployServiceTask('Shown process');
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { orderId: 'A-1', amount: 12 },
      businessKey: 'order-A-1',
      unknownField: 'ignored',
    });
    expect(created.status).toBe(200);
    const answer = createProcessInstanceResponseSchema.parse(created.body);
    const { resourceName: _resourceName, ...definitionFields } = definition;
    expect(answer).toEqual({
      ...definitionFields,
      processInstanceKey: expect.any(String),
      variables: {},
      tenantId: '<default>',
    });

    const processInstanceKey = answer.processInstanceKey;
    const instance = await waitFor(async () => {
      const shown = await getInstance(processInstanceKey);
      return shown.activeElementIds.includes('work') ? shown : undefined;
    });
    expect(instance).toMatchObject({
      processInstanceKey,
      processDefinitionId: processId,
      processDefinitionKey: definition.processDefinitionKey,
      processDefinitionVersion: 1,
      processDefinitionName: 'Shown process',
      state: 'ACTIVE',
      hasIncident: false,
      tenantId: '<default>',
      businessKey: 'order-A-1',
      variables: { orderId: 'A-1', amount: 12 },
    });
    expect(instance.endDate).toBeUndefined();
    expect(instance.tokens).toContainEqual(expect.objectContaining({ elementId: 'work', state: 'ACTIVE' }));
  });

  it('creates by definition key and by version, -1 meaning the latest', async () => {
    const processId = uniqueName('by-version');
    const v1 = deploymentResponseSchema.parse(
      (await deployThroughApi(server, [{ name: 'a.bpmn', content: serviceTaskBpmn(processId, 'x') }])).body,
    );
    await deployThroughApi(server, [{ name: 'a.bpmn', content: serviceTaskBpmn(processId, 'y') }]);
    const byKey = await server.call('POST', '/v2/process-instances', {
      processDefinitionKey: v1.deployments[0]!.processDefinition!.processDefinitionKey,
    });
    expect(byKey.body).toMatchObject({ processDefinitionId: processId, processDefinitionVersion: 1 });
    const byVersion = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      processDefinitionVersion: 1,
    });
    expect(byVersion.body.processDefinitionVersion).toBe(1);
    const latest = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      processDefinitionVersion: -1,
    });
    expect(latest.body.processDefinitionVersion).toBe(2);
  });

  it('answers an unknown process with the FLOWX sentence', async () => {
    const answer = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: uniqueName('nothing'),
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      title: 'NOT_FOUND',
      status: 404,
      detail: 'Process definition not found.',
    });
    expect((await server.call('GET', '/v2/process-instances/987654321')).status).toBe(404);
  });

  it('awaits completion and returns the fetched variables', async () => {
    const { processId, jobType } = await deployServiceTask();
    const awaited = server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { a: 1, b: 2 },
      awaitCompletion: true,
      fetchVariables: ['a', 'result'],
      requestTimeout: 10_000,
    });
    const activation = await server.call('POST', '/v2/jobs/activation', {
      type: jobType,
      worker: 'w',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: 5000,
    });
    expect(activation.body.jobs).toHaveLength(1);
    expect(
      (
        await server.call('POST', `/v2/jobs/${activation.body.jobs[0].jobKey}/completion`, {
          variables: { result: 'done' },
        })
      ).status,
    ).toBe(204);
    const answer = await awaited;
    expect(answer.status).toBe(200);
    expect(createProcessInstanceResponseSchema.parse(answer.body).variables).toEqual({
      a: 1,
      result: 'done',
    });
    const instance = await getInstance(answer.body.processInstanceKey);
    expect(instance.state).toBe('COMPLETED');
    expect(instance.endDate).toEqual(expect.any(String));
  });

  it('answers 504 past the request timeout while the instance runs on', async () => {
    const { processId } = await deployServiceTask();
    const answer = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      awaitCompletion: true,
      requestTimeout: 200,
    });
    expect(answer.status).toBe(504);
    expect(answer.body).toMatchObject({ title: 'DEADLINE_EXCEEDED', status: 504 });
    const search = processInstanceSearchResponseSchema.parse(
      (
        await server.call('POST', '/v2/process-instances/search', {
          filter: { processDefinitionId: processId },
        })
      ).body,
    );
    expect(search.items.map((item) => item.state)).toEqual(['ACTIVE']);
  });

  it('searches by process, state and key, with paging and sorting', async () => {
    const { processId } = await deployServiceTask();
    const keys: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      keys.push(
        (await server.call('POST', '/v2/process-instances', { processDefinitionId: processId })).body
          .processInstanceKey,
      );
    }
    const search = (body: unknown) => server.call('POST', '/v2/process-instances/search', body);
    await waitFor(
      async () =>
        (await search({ filter: { processDefinitionId: processId, state: 'ACTIVE' } })).body.page
          .totalItems === 3,
    );
    const page = processInstanceSearchResponseSchema.parse(
      (
        await search({
          filter: { processDefinitionId: processId },
          page: { from: 0, limit: 2 },
          sort: [{ field: 'processInstanceKey', order: 'desc' }],
        })
      ).body,
    );
    expect(page.page.totalItems).toBe(3);
    expect(page.items.map((item) => item.processInstanceKey)).toEqual(
      [...keys].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1)).slice(0, 2),
    );
    const byKey = await search({ filter: { processInstanceKey: keys[1] } });
    expect(byKey.body.items.map((item: { processInstanceKey: string }) => item.processInstanceKey)).toEqual([
      keys[1],
    ]);
    expect(
      (await search({ filter: { processDefinitionId: processId, state: 'COMPLETED' } })).body.page.totalItems,
    ).toBe(0);
    expect((await search({ filter: { state: 'RUNNING' } })).status).toBe(400);
  });

  it('cancels an instance with 204, then refuses to cancel it again', async () => {
    const { processId } = await deployServiceTask();
    const { processInstanceKey } = (
      await server.call('POST', '/v2/process-instances', { processDefinitionId: processId })
    ).body;
    await waitFor(async () => (await getInstance(processInstanceKey)).activeElementIds.includes('work'));
    expect(
      (await server.call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`)).status,
    ).toBe(204);
    const cancelled = await waitFor(async () => {
      const shown = await getInstance(processInstanceKey);
      return shown.state === 'TERMINATED' ? shown : undefined;
    });
    expect(cancelled.activeElementIds).toEqual([]);
    const again = await server.call('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, {});
    expect([404, 409]).toContain(again.status);
    expect(again.contentType).toContain('application/problem+json');
  });
});
