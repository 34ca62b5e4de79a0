// The fixture files compile to the model fields the engine reads.
import { compileBpmn } from './compile';
import type {
  ExclusiveGatewayNode,
  FlowNode,
  JobTaskNode,
  ProcessModel,
  ScriptTaskNode,
  SubProcessNode,
  UserTaskNode,
} from './model';
import { camunda7Process, onlyProcess, readFixture, zeebeProcess } from './test-support';

async function compileFixture(name: string): Promise<ProcessModel> {
  return onlyProcess(await compileBpmn(readFixture(name), { resourceName: name }));
}

/** The node type whose `kind` admits K (JobTaskNode for 'serviceTask', etc.). */
type NodeWithKind<N, K> = N extends { kind: infer NodeKind } ? (K extends NodeKind ? N : never) : never;

function element<K extends FlowNode['kind']>(
  process: ProcessModel,
  id: string,
  kind: K,
): NodeWithKind<FlowNode, K> {
  const node = process.elements[id];
  if (node?.kind !== kind) throw new Error(`expected ${id} to be a ${kind}, got ${node?.kind ?? 'nothing'}`);
  return node as NodeWithKind<FlowNode, K>;
}

describe('Zeebe fixtures', () => {
  it('compiles a service task with its job, headers and mappings', async () => {
    const process = await compileFixture('service-task.bpmn');
    expect(process.processDefinitionId).toBe('service-task-process');
    expect(process.name).toBe('Service task');
    expect(process.startEventIds).toEqual(['start']);
    const task: JobTaskNode = element(process, 'charge-card', 'serviceTask');
    expect(task.job).toEqual({
      type: { kind: 'static', value: 'charge-card' },
      retries: { kind: 'static', value: '5' },
      headers: { currency: 'EUR' },
    });
    expect(task.inputMappings).toEqual([
      { source: 'order.total', target: 'amount' },
      { source: '"card"', target: 'method' },
    ]);
    expect(task.outputMappings).toEqual([{ source: 'receipt.id', target: 'receiptId' }]);
    expect(task.incoming).toEqual(['flow-start-task']);
    expect(task.outgoing).toEqual(['flow-task-end']);
    expect(process.flows['flow-task-end']).toEqual({
      id: 'flow-task-end',
      sourceId: 'charge-card',
      targetId: 'end',
    });
  });

  it('compiles an exclusive gateway with conditions in document order and a default flow', async () => {
    const process = await compileFixture('exclusive-gateway.bpmn');
    const gateway: ExclusiveGatewayNode = element(process, 'amount-gateway', 'exclusiveGateway');
    expect(gateway.outgoing).toEqual(['flow-high', 'flow-low', 'flow-default']);
    expect(gateway.defaultFlowId).toBe('flow-default');
    expect(process.flows['flow-high']?.condition).toBe('amount > 100');
    expect(process.flows['flow-low']?.condition).toBe('amount <= 10');
    expect(process.flows['flow-default']?.condition).toBeUndefined();
  });

  it('compiles a parallel split and join', async () => {
    const process = await compileFixture('parallel-gateway.bpmn');
    expect(element(process, 'fork', 'parallelGateway').outgoing).toEqual(['flow-fork-a', 'flow-fork-b']);
    expect(element(process, 'join', 'parallelGateway').incoming).toEqual(['flow-a-join', 'flow-b-join']);
    expect(element(process, 'task-b', 'serviceTask').job.type).toEqual({ kind: 'static', value: 'task-b' });
  });

  it('flattens an embedded subprocess with scope ids and its start event', async () => {
    const process = await compileFixture('embedded-subprocess.bpmn');
    const sub: SubProcessNode = element(process, 'sub', 'subProcess');
    expect(sub.startEventIds).toEqual(['sub-start']);
    expect(sub.scopeId).toBe('embedded-subprocess-process');
    expect(sub.inputMappings).toEqual([{ source: '0', target: 'localCounter' }]);
    expect(element(process, 'sub-task', 'serviceTask').scopeId).toBe('sub');
    expect(element(process, 'sub-start', 'startEvent').scopeId).toBe('sub');
    expect(process.startEventIds).toEqual(['start']);
    expect(Object.keys(process.elements).sort()).toEqual([
      'end',
      'start',
      'sub',
      'sub-end',
      'sub-start',
      'sub-task',
    ]);
  });

  it('marks a terminate end event', async () => {
    const process = await compileFixture('terminate-end.bpmn');
    expect(element(process, 'terminate-end', 'endEvent').terminate).toBe(true);
    expect(element(process, 'end', 'endEvent').terminate).toBe(false);
  });

  it('compiles a FEEL script task', async () => {
    const process = await compileFixture('script-task.bpmn');
    const task: ScriptTaskNode = element(process, 'compute-total', 'scriptTask');
    expect(task.script).toEqual({ expression: 'price * quantity', resultVariable: 'total' });
    expect(task.job).toBeUndefined();
  });

  it('compiles a Zeebe user task with assignment, form, schedule and priority', async () => {
    const process = await compileFixture('user-task.bpmn');
    const task: UserTaskNode = element(process, 'review', 'userTask');
    expect(task.userTask).toEqual({
      zeebeUserTask: true,
      assignee: { kind: 'static', value: 'demo' },
      candidateGroups: { kind: 'static', value: 'reviewers, managers' },
      formKey: 'review-form',
      dueDate: { kind: 'feel', expression: 'now() + duration("P1D")' },
      priority: { kind: 'static', value: '60' },
    });
  });

  it('deep-freezes the result', async () => {
    const result = await compileBpmn(readFixture('service-task.bpmn'));
    const process = onlyProcess(result);
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(process.elements)).toBe(true);
    expect(Object.isFrozen(element(process, 'charge-card', 'serviceTask').job.headers)).toBe(true);
    expect(Object.isFrozen(process.flows['flow-start-task'])).toBe(true);
  });

  it('reads FEEL job type and retries, and a script task implemented by a job worker', async () => {
    const body =
      '<bpmn:startEvent id="start"/>' +
      '<bpmn:sendTask id="send"><bpmn:extensionElements><zeebe:taskDefinition type="=&quot;mail-&quot; + channel" retries="=maxRetries"/></bpmn:extensionElements></bpmn:sendTask>' +
      '<bpmn:scriptTask id="script-job"><bpmn:extensionElements><zeebe:taskDefinition type="groovy"/></bpmn:extensionElements></bpmn:scriptTask>' +
      '<bpmn:userTask id="plain-user"/><bpmn:manualTask id="manual"/>';
    const process = onlyProcess(await compileBpmn(zeebeProcess(body)));
    expect(element(process, 'send', 'sendTask').job).toEqual({
      type: { kind: 'feel', expression: '"mail-" + channel' },
      retries: { kind: 'feel', expression: 'maxRetries' },
      headers: {},
    });
    expect(element(process, 'script-job', 'scriptTask').job?.type).toEqual({
      kind: 'static',
      value: 'groovy',
    });
    expect(element(process, 'plain-user', 'userTask').userTask).toEqual({ zeebeUserTask: false });
    expect(element(process, 'manual', 'manualTask').kind).toBe('manualTask');
  });

  it('reads Baton starter groups and mandatory variables', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/>',
      'isExecutable="true" baton:candidateStarterGroups="ops, admins" baton:mandatoryParams="a,b"',
    ).replace('xmlns:zeebe=', 'xmlns:baton="https://baton.dev/schema/bpmn/1.0" xmlns:zeebe=');
    const process = onlyProcess(await compileBpmn(xml));
    expect(process.candidateStarterGroups).toEqual(['ops', 'admins']);
    expect(process.mandatoryVariables).toEqual(['a', 'b']);
  });

  it('compiles each executable process of a collaboration and warns about the others', async () => {
    const xml =
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">' +
      '<bpmn:collaboration id="c"><bpmn:participant id="pa" processRef="one"/><bpmn:participant id="pb" processRef="two"/><bpmn:participant id="pc" processRef="three"/></bpmn:collaboration>' +
      '<bpmn:process id="one" isExecutable="true"><bpmn:startEvent id="s1"/></bpmn:process>' +
      '<bpmn:process id="two" isExecutable="true"><bpmn:startEvent id="s2"/></bpmn:process>' +
      '<bpmn:process id="three" isExecutable="false"/>' +
      '</bpmn:definitions>';
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.processes.map((process) => process.processDefinitionId)).toEqual(['one', 'two']);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'IGNORED_PROCESS', elementId: 'three' }),
    ]);
  });
});

describe('Camunda 7 files', () => {
  it('compiles external tasks, mappings, user task attributes and translated conditions', async () => {
    const process = await compileFixture('camunda7-order.bpmn');
    expect(process.candidateStarterGroups).toEqual(['sales', 'support']);
    expect(process.mandatoryVariables).toEqual(['orderId', 'amount']);
    const task = element(process, 'check-stock', 'serviceTask');
    expect(task.job.type).toEqual({ kind: 'static', value: 'check-stock' });
    expect(task.job.retries).toEqual({ kind: 'static', value: '3' });
    expect(task.inputMappings).toEqual([
      { source: 'orderId', target: 'orderRef' },
      { source: '"north"', target: 'warehouse' },
    ]);
    expect(task.outputMappings).toEqual([{ source: 'available', target: 'inStock' }]);
    expect(process.flows['flow-review']?.condition).toBe('amount > 100 and customer.tier != "gold"');
    expect(element(process, 'amount-gateway', 'exclusiveGateway').defaultFlowId).toBe('flow-auto');
    expect(element(process, 'review', 'userTask').userTask).toEqual({
      zeebeUserTask: false,
      assignee: { kind: 'feel', expression: 'initiator' },
      candidateGroups: { kind: 'static', value: 'managers' },
      formKey: 'embedded:app:forms/review.html',
    });
  });

  it('accepts business-rule and send tasks as external tasks', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="rules" camunda:type="external" camunda:topic="score"/>' +
      '<bpmn:sendTask id="send" camunda:type="external" camunda:topic="notify"/>';
    const process = onlyProcess(await compileBpmn(camunda7Process(body)));
    expect(element(process, 'rules', 'businessRuleTask')).toMatchObject({
      job: { type: { kind: 'static', value: 'score' } },
    });
    expect(element(process, 'send', 'sendTask').job.type).toEqual({ kind: 'static', value: 'notify' });
  });
});
