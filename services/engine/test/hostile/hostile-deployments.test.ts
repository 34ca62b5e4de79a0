// Hostile deployments (issue 19 items 3–4): oversized, many-part and streamed uploads, unparsable
// parts, models past the element limits. Each answers a clean 4xx naming its limit, stores
// nothing, and GET /v2/topology keeps answering within its budget meanwhile.
import { request as httpRequest } from 'node:http';
import { serviceTaskProcess, uniqueName } from '@baton/testing';
import {
  expectCleanProblem,
  reportHostileStats,
  startHostileHarness,
  topologyBudgetMs,
  whileProbingTopology,
  type HostileHarness,
  type RawAnswer,
} from './hostile-harness';
import type { FormPartSpec, UploadBodySpec } from './upload-bodies';
import { prepareUpload } from './upload-in-child';

let harness: HostileHarness;
beforeAll(async () => {
  harness = await startHostileHarness();
});
afterAll(async () => {
  reportHostileStats('deployments');
  await harness.close();
});

const MiB = 1024 * 1024;

/**
 * Posts a deployment body while probing; the probe must stay within the topology budget. The
 * client runs in a child process that builds the body beforehand (upload-in-child.ts), so the
 * probe sees only the server's work of receiving, parsing and compiling it.
 */
async function deploy(body: UploadBodySpec, headers: Record<string, string> = {}) {
  const { server } = harness;
  const upload = await prepareUpload({
    url: `${server.baseUrl}/v2/deployments`,
    headers: { ...server.authHeaders, ...headers },
    body,
  });
  const { value, worstTopologyMs } = await whileProbingTopology(server, () => upload.send());
  expect(worstTopologyMs).toBeLessThan(topologyBudgetMs);
  return value;
}

/** Sends only the head of a multipart upload that declares `length` bytes, and reads the answer. */
function declaredUpload(port: number, headers: Record<string, string>, length: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v2/deployments',
        headers: {
          ...headers,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(length),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          request.destroy();
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            text,
          });
        });
      },
    );
    request.on('error', reject);
    request.write('--x\r\n');
  });
}

function form(parts: readonly FormPartSpec[]): UploadBodySpec {
  return { kind: 'form', parts };
}

/** A part of `bytes` bytes of `<`. */
function lessThans(name: string, bytes: number): FormPartSpec {
  return { name, fill: 0x3c, bytes };
}

/** The process was not deployed: starting it answers 404. */
async function expectNotDeployed(processId: string): Promise<void> {
  const answer = await harness.server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
  });
  expect(answer.status).toBe(404);
}

describe('deployment size', () => {
  it('refuses a declared 400 MiB upload (100 parts of 4 MiB) before reading it: 413 naming the deployment limit', async () => {
    const { server } = harness;
    const { value, worstTopologyMs } = await whileProbingTopology(server, () =>
      declaredUpload(server.port, server.authHeaders, 100 * 4 * MiB),
    );
    expect(worstTopologyMs).toBeLessThan(topologyBudgetMs);
    const problem = expectCleanProblem(value, 413);
    expect(problem.detail).toContain(`limit of ${16 * MiB} bytes`);
  });

  it('stores nothing of a deployment whose other part is over the limit', async () => {
    const processId = uniqueName('beside-huge');
    const valid = serviceTaskProcess(processId, uniqueName('job'), {});
    const body = form([{ name: `${processId}.bpmn`, text: valid }, lessThans('big.bpmn', 4 * MiB + 1)]);
    expectCleanProblem(await deploy(body), 413);
    await expectNotDeployed(processId);
  });

  it('stops reading a streamed upload once it passes the deployment limit', async () => {
    const boundary = `hostile${uniqueName('b')}`;
    const answer = await deploy(
      { kind: 'streamed', boundary, parts: 20, partBytes: MiB },
      {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    );
    const problem = expectCleanProblem(answer, 413);
    expect(problem.detail).toContain(`limit of ${16 * MiB} bytes`);
  });

  it('refuses one resource over 4 MiB: 413 naming the resource limit', async () => {
    const problem = expectCleanProblem(await deploy(form([lessThans('big.bpmn', 4 * MiB + 1)])), 413);
    expect(problem.detail).toContain(`limit of ${4 * MiB} bytes per resource`);
  });

  it('refuses more than 100 resources', async () => {
    const parts = Array.from({ length: 101 }, (_, index) => ({ name: `r${index}.bpmn`, text: '<x/>' }));
    const problem = expectCleanProblem(await deploy(form(parts)), 413);
    expect(problem.detail).toContain('At most 100 resources');
  });
});

describe('unparsable and oversized models', () => {
  it('answers 3 parts of 1 MiB of `<` with a small problem that does not echo them', async () => {
    const parts = Array.from({ length: 3 }, (_, index) => lessThans(`lt-${index}.bpmn`, MiB));
    const answer: RawAnswer = await deploy(form(parts));
    const problem = expectCleanProblem(answer, 400);
    expect(problem.problems).toHaveLength(3);
    expect(answer.text).not.toContain('<'.repeat(400));
  });

  /** A parallel fork into `branches` tasks joined again. */
  function fanOut(processId: string, branches: number): string {
    const parts: string[] = [];
    for (let index = 0; index < branches; index++) {
      parts.push(
        `<bpmn:task id="t${index}"/><bpmn:sequenceFlow id="f${index}" sourceRef="split" targetRef="t${index}"/><bpmn:sequenceFlow id="g${index}" sourceRef="t${index}" targetRef="join"/>`,
      );
    }
    return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
<bpmn:process id="${processId}" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="s0" sourceRef="s" targetRef="split"/>
<bpmn:parallelGateway id="split"/><bpmn:parallelGateway id="join"/>${parts.join('')}
<bpmn:sequenceFlow id="j0" sourceRef="join" targetRef="end"/><bpmn:endEvent id="end"/>
</bpmn:process></bpmn:definitions>`;
  }

  it('refuses a 3,330-branch fan-out at deploy, naming the flows limit and the elements', async () => {
    const processId = uniqueName('fan-out');
    const problem = expectCleanProblem(
      await deploy(form([{ name: 'fan.bpmn', text: fanOut(processId, 3330) }])),
      400,
    );
    expect(problem.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'TOO_MANY_FLOWS', elementId: 'split' }),
        expect.objectContaining({ code: 'TOO_MANY_FLOWS', elementId: 'join' }),
      ]),
    );
    expect(problem.detail).toContain('the limit is 500');
    await expectNotDeployed(processId);
  });

  it('deploys and runs a 100-branch, then a 500-branch fan-out (the limit) within the budget', async () => {
    // The join counts its arrivals (engine-core's token index), so a fan-out and join cost time
    // linear in the branches: 500 take 15-30 ms of the loop. The 100-branch instance runs first
    // because the first instance after start runs the engine's code cold (V8 interprets it before
    // optimising it): a 500-branch one then held the loop 80-240 ms, once.
    const { server } = harness;
    for (const branches of [100, 500]) {
      const processId = uniqueName(`fan-out-${branches}`);
      expect((await deploy(form([{ name: 'fan.bpmn', text: fanOut(processId, branches) }]))).status).toBe(
        200,
      );
      const { value, worstTopologyMs } = await whileProbingTopology(server, () =>
        server.call('POST', '/v2/process-instances', {
          processDefinitionId: processId,
          awaitCompletion: true,
          requestTimeout: 30_000,
        }),
      );
      expect({ branches, status: value.status }).toEqual({ branches, status: 200 });
      expect(worstTopologyMs).toBeLessThan(topologyBudgetMs);
    }
  });
});
