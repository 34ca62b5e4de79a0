// Process instance migration (Camunda 8 MIGRATE_INSTANCE): the instance moves to the target
// definition with the keys of its element instances, jobs, user tasks, timers and subscriptions;
// the target's model runs from there. Every rule Zeebe 8.8 checks is refused with a sentence
// naming what is wrong, and a refusal leaves the instance exactly as it was.
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import type { MigrationMappingInstruction } from '@baton/contracts';
import { tryPlanMigration, type ApplyContext, type ApplyResult, type DefinitionRef } from '../../src';
import { definitionOf, InstanceDriver, REPLY_TARGET, START_TIME } from '../support/driver';

const HOUR = 3_600_000;
const DEFINITIONS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" ' +
  'id="defs" targetNamespace="http://bpmn.io/schema/bpmn"';

const serviceTask = (id: string, type = id, extra = '') =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>${extra}</bpmn:serviceTask>`;
const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;
const flow = (id: string, source: string, target: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
const timerBoundary = (id: string, host: string, duration: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
const message = (id: string, name: string) =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`;
const multiInstance = (sequential: boolean) =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;

async function compile(processId: string, body: string, outside = ''): Promise<ProcessModel> {
  const result = await compileBpmn(
    `<?xml version="1.0"?><bpmn:definitions ${DEFINITIONS}>${outside}<bpmn:process id="${processId}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.processes[0] as ProcessModel;
}

/** An InstanceDriver that knows several deployed definitions and gives each command its instance's. */
class MigrationDriver extends InstanceDriver {
  private readonly deployed = new Map<string, DefinitionRef>();
  private target: DefinitionRef | undefined;

  constructor(model: ProcessModel) {
    super(model);
    this.deployed.set(this.definition.processDefinitionKey, this.definition);
  }

  deploy(model: ProcessModel, processDefinitionKey: string, version = 2): DefinitionRef {
    const ref = { ...definitionOf(model), processDefinitionKey, processDefinitionVersion: version };
    this.deployed.set(processDefinitionKey, ref);
    return ref;
  }

  override context(): ApplyContext {
    const base = super.context();
    const definition = this.deployed.get(this.state?.processDefinitionKey ?? '') ?? this.definition;
    return this.target ? { ...base, definition, migrationTarget: this.target } : { ...base, definition };
  }

  migrate(targetKey: string, mappingInstructions: MigrationMappingInstruction[]): ApplyResult {
    this.target = this.deployed.get(targetKey);
    try {
      return this.send({
        type: 'MIGRATE_INSTANCE',
        targetProcessDefinitionKey: targetKey,
        mappingInstructions,
        reply: REPLY_TARGET,
      });
    } finally {
      this.target = undefined;
    }
  }

  /** The element instance key of the one active instance of an element. */
  keyOf(elementId: string): string {
    const found = Object.values(this.current.elementInstances).filter(
      (instance) => instance.elementId === elementId && instance.state === 'ACTIVE',
    );
    if (found.length !== 1) throw new Error(`${found.length} active instances of ${elementId}`);
    return found[0]!.key;
  }
}

const map = (...pairs: [string, string][]): MigrationMappingInstruction[] =>
  pairs.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));

/** Migrates, expecting a refusal: the reason matches, the state is the same object, only the REPLY went out. */
function expectRefused(
  driver: MigrationDriver,
  targetKey: string,
  mapping: MigrationMappingInstruction[],
  code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT',
  reason: RegExp,
): string {
  const before = driver.current;
  const result = driver.migrate(targetKey, mapping);
  expect(result.rejection?.code).toBe(code);
  expect(result.rejection?.message).toMatch(reason);
  expect(result.state).toBe(before);
  expect(result.effects.map((effect) => effect.type)).toEqual(['REPLY']);
  return result.rejection?.message ?? '';
}

/** v1: start → A → end. */
const V1 = `<bpmn:startEvent id="start" />${serviceTask('A', 'charge')}<bpmn:endEvent id="end" />
  ${flow('f1', 'start', 'A')}${flow('f2', 'A', 'end')}`;
/** v2: start → A (another job type) → B (user task) → end, and C, a service task beside it. */
const V2 = `<bpmn:startEvent id="start" />${serviceTask('A', 'charge-v2')}${userTask('B')}${serviceTask('C')}<bpmn:endEvent id="end" />
  ${flow('f1', 'start', 'A')}${flow('f2', 'A', 'B')}${flow('f3', 'B', 'end')}${flow('f4', 'C', 'B')}`;

describe('process instance migration: moving active elements', () => {
  let v1: ProcessModel;
  let v2: ProcessModel;
  beforeAll(async () => {
    [v1, v2] = await Promise.all([compile('order', V1), compile('order', V2)]);
  });

  it('keeps the element instance, its token and its job (key and type); the target model runs from there', () => {
    const driver = new MigrationDriver(v1);
    driver.create();
    driver.deploy(v2, '9001');
    const elementInstanceKey = driver.keyOf('A');
    const job = driver.job('A');
    const result = driver.migrate('9001', map(['A', 'A']));
    expect(result.rejection).toBeUndefined();
    expect(driver.effects('REPLY')[0]?.body.status).toBe('OK');
    expect(driver.current).toMatchObject({
      processDefinitionKey: '9001',
      processDefinitionId: 'order',
      processDefinitionVersion: 2,
    });
    expect(driver.keyOf('A')).toBe(elementInstanceKey);
    // Zeebe does not recreate jobs: the job keeps its key and type, only its definition changes.
    expect(driver.current.jobs[job.jobKey]).toMatchObject({
      type: 'charge',
      processDefinitionKey: '9001',
      processDefinitionVersion: 2,
      elementId: 'A',
      state: 'ACTIVATABLE',
    });
    expect(driver.effects('JOB_CREATED')).toEqual([]);
    expect(driver.effects('JOB_CLOSED')).toEqual([]);
    // The stored job is relabelled (a worker holding it keeps it): same key and type, the target's ids.
    expect(driver.effects('JOB_MIGRATED').map((effect) => effect.job)).toEqual([
      expect.objectContaining({
        jobKey: job.jobKey,
        type: 'charge',
        processDefinitionKey: '9001',
        elementId: 'A',
      }),
    ]);
    expect(driver.effects('INSTANCE_EVENT')[0]?.event).toMatchObject({ processDefinitionKey: '9001' });
    driver.completeJob('A');
    // v1 would have ended here; v2 leads to the user task B.
    expect(driver.current.state).toBe('ACTIVE');
    expect(driver.userTask('B').processDefinitionKey).toBe('9001');
  });

  it('maps an element to another id of the same type: instance, token and job take the target id', () => {
    const driver = new MigrationDriver(v1);
    driver.create();
    driver.deploy(v2, '9001');
    const key = driver.keyOf('A');
    const jobKey = driver.job('A').jobKey;
    driver.migrate('9001', map(['A', 'C']));
    expect(driver.current.elementInstances[key]?.elementId).toBe('C');
    expect(driver.current.jobs[jobKey]?.elementId).toBe('C');
    expect(driver.liveTokens()).toEqual(['C:ACTIVE']);
    expect(driver.current.elementInstances[driver.processInstanceKey]?.elementId).toBe('order');
    driver.send({ type: 'COMPLETE_JOB', jobKey, variables: {} });
    expect(driver.userTask('B').state).toBe('CREATED');
  });

  it('moves to a different process: the instance takes its id, the process element instance too', async () => {
    const other = await compile('invoice', V2);
    const driver = new MigrationDriver(v1);
    driver.create();
    driver.deploy(other, '9100', 1);
    driver.migrate('9100', map(['A', 'A']));
    expect(driver.current.processDefinitionId).toBe('invoice');
    expect(driver.current.elementInstances[driver.processInstanceKey]?.elementId).toBe('invoice');
  });

  it('carries the user task over: key, assignee and candidates kept, announced under the target', async () => {
    const source = await compile(
      'order',
      `<bpmn:startEvent id="start" />${userTask('review')}<bpmn:endEvent id="end" />${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
    );
    const target = await compile(
      'order',
      `<bpmn:startEvent id="start" />${userTask('check')}${serviceTask('after')}<bpmn:endEvent id="end" />${flow('f1', 'start', 'check')}${flow('f2', 'check', 'after')}${flow('f3', 'after', 'end')}`,
    );
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(target, '9002');
    const task = driver.userTask('review');
    driver.send({ type: 'ASSIGN_USER_TASK', userTaskKey: task.userTaskKey, assignee: 'ada' });
    driver.migrate('9002', map(['review', 'check']));
    const moved = driver.current.userTasks[task.userTaskKey];
    expect(moved).toMatchObject({
      elementId: 'check',
      assignee: 'ada',
      processDefinitionKey: '9002',
      state: 'CREATED',
    });
    expect(driver.effects('USER_TASK_UPDATED').map((effect) => effect.userTask)).toEqual([moved]);
    driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey: task.userTaskKey, variables: {} });
    expect(driver.job('after').type).toBe('after');
  });

  it("keeps an open incident (now on the target element): after retries and resolution the job runs the target's flow", () => {
    const driver = new MigrationDriver(v1);
    driver.create();
    driver.deploy(v2, '9001');
    const jobKey = driver.job('A').jobKey;
    driver.send({ type: 'FAIL_JOB', jobKey, retries: 0, errorMessage: 'card declined' });
    const [incident] = driver.openIncidents();
    driver.migrate('9001', map(['A', 'C']));
    expect(driver.current.incidents[incident!.incidentKey]).toMatchObject({
      elementId: 'C',
      state: 'ACTIVE',
    });
    expect(driver.effects('INCIDENT_UPDATED').map((effect) => effect.incident.elementId)).toEqual(['C']);
    driver.send({ type: 'UPDATE_JOB_RETRIES', jobKey, retries: 1 });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    driver.send({ type: 'COMPLETE_JOB', jobKey, variables: {} });
    expect(driver.userTask('B').state).toBe('CREATED');
  });

  it('migrates a subprocess and what runs in it, each mapped, keys kept', async () => {
    const source = await compile(
      'order',
      `<bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub"><bpmn:startEvent id="s0" />${serviceTask('inner')}<bpmn:endEvent id="s9" />${flow('s1', 's0', 'inner')}${flow('s2', 'inner', 's9')}</bpmn:subProcess>
      <bpmn:endEvent id="end" />${flow('f1', 'start', 'sub')}${flow('f2', 'sub', 'end')}`,
    );
    const target = await compile(
      'order',
      `<bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub2"><bpmn:startEvent id="t0" />${serviceTask('inner2', 'inner')}${serviceTask('next')}<bpmn:endEvent id="t9" />${flow('t1', 't0', 'inner2')}${flow('t2', 'inner2', 'next')}${flow('t3', 'next', 't9')}</bpmn:subProcess>
      ${serviceTask('outer')}<bpmn:endEvent id="end" />${flow('f1', 'start', 'sub2')}${flow('f2', 'sub2', 'end')}`,
    );
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(target, '9003');
    const [sub, inner] = [driver.keyOf('sub'), driver.keyOf('inner')];
    driver.migrate('9003', map(['sub', 'sub2'], ['inner', 'inner2']));
    expect([driver.keyOf('sub2'), driver.keyOf('inner2')]).toEqual([sub, inner]);
    driver.completeJob('inner2');
    expect(driver.job('next').type).toBe('next');

    // The subprocess must be mapped too, and an element cannot leave its subprocess.
    const again = new MigrationDriver(source);
    again.create();
    again.deploy(target, '9003');
    expectRefused(
      again,
      '9003',
      map(['inner', 'inner2']),
      'INVALID_STATE',
      /no mapping instruction is defined for active element 'sub'/,
    );
    expectRefused(
      again,
      '9003',
      map(['sub', 'sub2'], ['inner', 'outer']),
      'INVALID_STATE',
      /the flow scope of active element 'inner' would change: mapped to 'outer', its flow scope is expected to be 'sub2' but is 'order'/,
    );
  });

  it('migrates a parallel multi-instance body with its inner instances and jobs; it cannot become sequential', async () => {
    const body = (sequential: boolean, id: string) =>
      `<bpmn:startEvent id="start" />${serviceTask(id, 'each', multiInstance(sequential))}<bpmn:endEvent id="end" />${flow('f1', 'start', id)}${flow('f2', id, 'end')}`;
    const [source, parallel, sequential] = await Promise.all([
      compile('order', body(false, 'M')),
      compile('order', body(false, 'M2')),
      compile('order', body(true, 'M2')),
    ]);
    const driver = new MigrationDriver(source);
    driver.create({ items: [1, 2] });
    driver.deploy(parallel, '9004');
    driver.deploy(sequential, '9005', 3);
    expectRefused(
      driver,
      '9005',
      map(['M', 'M2']),
      'INVALID_STATE',
      /active element 'M' of type 'parallel multi-instance serviceTask' is mapped to 'M2' of type 'sequential multi-instance serviceTask'/,
    );
    const keys = Object.values(driver.current.elementInstances)
      .filter((instance) => instance.elementId === 'M')
      .map((instance) => instance.key)
      .sort();
    expect(keys).toHaveLength(3);
    driver.migrate('9004', map(['M', 'M2']));
    const moved = Object.values(driver.current.elementInstances).filter(
      (instance) => instance.elementId === 'M2',
    );
    expect(moved.map((instance) => instance.key).sort()).toEqual(keys);
    for (const job of Object.values(driver.current.jobs))
      driver.send({ type: 'COMPLETE_JOB', jobKey: job.jobKey, variables: {} });
    expect(driver.current.state).toBe('COMPLETED');
  });
});

describe('process instance migration: refusals', () => {
  let v1: ProcessModel;
  let v2: ProcessModel;
  beforeAll(async () => {
    [v1, v2] = await Promise.all([compile('order', V1), compile('order', V2)]);
  });

  function started(): MigrationDriver {
    const driver = new MigrationDriver(v1);
    driver.create();
    driver.deploy(v2, '9001');
    return driver;
  }

  it('an unknown target definition is not found', () => {
    expectRefused(
      started(),
      '4242',
      map(['A', 'A']),
      'NOT_FOUND',
      /to process definition '4242' but no process definition was found/,
    );
  });

  it('a target of another tenant is not found', () => {
    const driver = started();
    const ref = { ...definitionOf(v2), processDefinitionKey: '9010', tenantId: 'tenant-b' };
    const result = tryPlanMigration({
      state: driver.current,
      source: driver.definition,
      target: ref,
      mappingInstructions: map(['A', 'A']),
    });
    expect(result).toEqual({
      rejection: {
        code: 'NOT_FOUND',
        message: expect.stringMatching(
          /no process definition was found with key '9010' for tenant '<default>'/,
        ),
      },
    });
  });

  it('a source element mapped twice is an invalid argument', () => {
    expectRefused(
      started(),
      '9001',
      map(['A', 'A'], ['A', 'C']),
      'INVALID_ARGUMENT',
      /duplicate source element ids 'A'/,
    );
  });

  it('ids that are in neither definition are named, sources and targets apart', () => {
    const driver = started();
    expectRefused(
      driver,
      '9001',
      map(['A', 'A'], ['ghost', 'A']),
      'INVALID_ARGUMENT',
      /source element ids that are not in process 'order' \(version 1\): 'ghost'/,
    );
    expectRefused(
      driver,
      '9001',
      map(['A', 'nowhere']),
      'INVALID_ARGUMENT',
      /target element ids that are not in process 'order' \(version 2\): 'nowhere'/,
    );
  });

  it('an unmapped active element is refused, naming it and its instance', () => {
    const driver = started();
    const message = expectRefused(
      driver,
      '9001',
      [],
      'INVALID_STATE',
      /no mapping instruction is defined for active element 'A'/,
    );
    expect(message).toContain(driver.keyOf('A'));
  });

  it('a change of type is refused, naming both types', () => {
    expectRefused(
      started(),
      '9001',
      map(['A', 'B']),
      'INVALID_STATE',
      /active element 'A' of type 'serviceTask' is mapped to 'B' of type 'userTask'; elements must be mapped to elements of the same type/,
    );
  });

  it('a sequence flow or the process is no target for an active element', () => {
    expectRefused(
      started(),
      '9001',
      map(['A', 'f2']),
      'INVALID_STATE',
      /mapped to 'f2' of type 'sequenceFlow'/,
    );
  });

  it('names every active element that cannot be migrated, not only the first', async () => {
    const parallel = await compile(
      'order',
      `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />${serviceTask('P')}${serviceTask('Q')}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
      ${flow('f0', 'start', 'fork')}${flow('fp', 'fork', 'P')}${flow('fq', 'fork', 'Q')}${flow('p1', 'P', 'e1')}${flow('q1', 'Q', 'e2')}`,
    );
    const driver = new MigrationDriver(parallel);
    driver.create();
    driver.deploy(v2, '9001');
    const message = expectRefused(driver, '9001', map(['Q', 'B']), 'INVALID_STATE', /active element 'P'/);
    expect(message).toMatch(/active element 'Q' of type 'serviceTask' is mapped to 'B' of type 'userTask'/);
  });

  it('arrivals at a joining gateway count at the mapped gateway by their mapped (or same-id) flow', async () => {
    const joining = (join: string, flowP: string, flowQ: string, extra = '') =>
      compile(
        'order',
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />${serviceTask('P')}${serviceTask('Q')}<bpmn:parallelGateway id="${join}" />${serviceTask('after')}${extra}
        ${flow('f0', 'start', 'fork')}${flow('fp', 'fork', 'P')}${flow('fq', 'fork', 'Q')}${flow(flowP, 'P', join)}${flow(flowQ, 'Q', join)}${flow('f1', join, 'after')}`,
      );
    const source = await joining('join', 'jp', 'jq');
    const target = await joining('merge', 'jp2', 'jq');
    const narrow = await compile(
      'order',
      `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="merge" />${serviceTask('Q')}${flow('f0', 'start', 'Q')}${flow('jq', 'Q', 'merge')}`,
    );
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(target, '9006');
    driver.deploy(narrow, '9007', 3);
    driver.completeJob('P');
    expect(driver.liveTokens()).toContain('join:INACTIVE');
    expectRefused(
      driver,
      '9006',
      map(['Q', 'Q']),
      'INVALID_STATE',
      /arrivals wait at joining gateway 'join' \(by flows 'jp'\), which has no mapping instruction/,
    );
    expectRefused(
      driver,
      '9006',
      map(['Q', 'Q'], ['join', 'merge']),
      'INVALID_STATE',
      /the arrival at joining gateway 'join' by flow 'jp' has no incoming flow of 'merge' to count for/,
    );
    expectRefused(
      driver,
      '9006',
      map(['Q', 'Q'], ['join', 'Q']),
      'INVALID_STATE',
      /joining gateway 'join' of type 'parallelGateway' is mapped to 'Q' of type 'serviceTask'/,
    );
    expectRefused(
      driver,
      '9007',
      map(['Q', 'Q'], ['join', 'merge'], ['jp', 'jq']),
      'INVALID_STATE',
      /has 2 incoming flows but 'merge' only 1/,
    );
    driver.migrate('9006', map(['Q', 'Q'], ['join', 'merge'], ['jp', 'jp2']));
    expect(driver.liveTokens()).toEqual(['Q:ACTIVE', 'fork:ON_HOLD', 'merge:INACTIVE']);
    // Q's arrival by jq completes the join at `merge`: the token moves on to `after`.
    driver.completeJob('Q');
    expect(driver.job('after').type).toBe('after');
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('an element waiting at an asynchronous continuation is not migrated', async () => {
    const source = await compile(
      'order',
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="A" camunda:asyncBefore="true"><bpmn:extensionElements><zeebe:taskDefinition type="charge" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />${flow('f1', 'start', 'A')}${flow('f2', 'A', 'end')}`,
    );
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(v2, '9001');
    expectRefused(
      driver,
      '9001',
      map(['A', 'A']),
      'INVALID_STATE',
      /active element 'A' waits at an asynchronous continuation \(before the element/,
    );
  });
});

describe('process instance migration: the events an element waits for', () => {
  const hosted = (boundary: string, taskId = 'A') =>
    `<bpmn:startEvent id="start" />${serviceTask(taskId, 'charge')}${boundary}${serviceTask('late')}<bpmn:endEvent id="end" />
    ${flow('f1', 'start', taskId)}${flow('f2', taskId, 'end')}`;
  const lateFlow = (eventId: string) => flow(`to-late-${eventId}`, eventId, 'late');

  it('a mapped timer boundary event keeps its timer (key and due date): no timer is canceled or scheduled', async () => {
    const source = await compile('order', hosted(timerBoundary('T1', 'A', 'PT1H') + lateFlow('T1')));
    const target = await compile('order', hosted(timerBoundary('T2', 'A', 'PT2H') + lateFlow('T2')));
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(target, '9011');
    const [armed] = driver.current.elementInstances[driver.keyOf('A')]?.armedBoundaryEvents ?? [];
    driver.now = START_TIME + HOUR / 2;
    driver.migrate('9011', map(['A', 'A'], ['T1', 'T2']));
    expect(driver.effects('TIMER_CANCELED')).toEqual([]);
    // Stored again under its own key: the same due date, the target's ids.
    expect(driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer)).toEqual([
      expect.objectContaining({
        timerKey: armed!.key,
        dueDate: START_TIME + HOUR,
        elementId: 'T2',
        processDefinitionKey: '9011',
      }),
    ]);
    expect(driver.current.elementInstances[driver.keyOf('A')]?.armedBoundaryEvents).toEqual([
      { ...armed, elementId: 'T2' },
    ]);
    driver.now = START_TIME + HOUR;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: armed!.key });
    expect(driver.job('late').type).toBe('late');
  });

  it("an unmapped boundary event is withdrawn and the target's is armed anew (its timer starts now)", async () => {
    const source = await compile('order', hosted(timerBoundary('T1', 'A', 'PT1H') + lateFlow('T1')));
    const target = await compile('order', hosted(timerBoundary('T2', 'A', 'PT2H') + lateFlow('T2')));
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(target, '9011');
    driver.now = START_TIME + HOUR / 2;
    driver.migrate('9011', map(['A', 'A']));
    expect(
      driver
        .effects('TIMER_CANCELED')
        .map((effect) => [effect.timer.elementId, effect.timer.processDefinitionKey]),
    ).toEqual([['T1', '2251799813685249']]);
    expect(
      driver
        .effects('TIMER_SCHEDULED')
        .map((effect) => [effect.timer.elementId, effect.timer.dueDate, effect.timer.processDefinitionKey]),
    ).toEqual([['T2', START_TIME + HOUR / 2 + 2 * HOUR, '9011']]);
  });

  it('a boundary event cannot be detached from its element nor change its trigger; two cannot become one', async () => {
    const messageBoundary = (id: string) =>
      `<bpmn:boundaryEvent id="${id}" attachedToRef="A" cancelActivity="false"><bpmn:messageEventDefinition messageRef="cancel" /></bpmn:boundaryEvent>`;
    const source = await compile(
      'order',
      hosted(timerBoundary('T1', 'A', 'PT1H') + lateFlow('T1') + messageBoundary('M1') + lateFlow('M1')),
      message('cancel', 'cancel-order'),
    );
    const target = await compile(
      'order',
      `${hosted(timerBoundary('T2', 'A', 'PT2H') + lateFlow('T2') + messageBoundary('M2') + lateFlow('M2'))}${serviceTask('X')}${timerBoundary('TX', 'X', 'PT1H')}${flow('fx', 'TX', 'late')}`,
      message('cancel', 'cancel-order'),
    );
    const driver = new MigrationDriver(source);
    driver.create({ orderId: 'o-1' });
    driver.deploy(target, '9012');
    expectRefused(
      driver,
      '9012',
      map(['A', 'A'], ['T1', 'TX']),
      'INVALID_STATE',
      /waits for event 'T1', which is mapped to 'TX', an event 'A' does not wait for in the target: the mapping would detach the event/,
    );
    expectRefused(
      driver,
      '9012',
      map(['A', 'A'], ['M1', 'T2']),
      'INVALID_STATE',
      /the message event 'M1', which is mapped to 'T2', a timer event: a catch event cannot change its type/,
    );
    expectRefused(
      driver,
      '9012',
      map(['A', 'A'], ['T1', 'T2'], ['M1', 'T2']),
      'INVALID_STATE',
      /more than one event mapped to 'T2'/,
    );
    // Both mapped: the message subscription is kept as it is, under its key.
    const subscriptionsBefore = driver.current.elementInstances[driver.keyOf('A')]?.armedBoundaryEvents;
    driver.migrate('9012', map(['A', 'A'], ['T1', 'T2'], ['M1', 'M2']));
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED')).toEqual([]);
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(
      driver.current.elementInstances[driver.keyOf('A')]?.armedBoundaryEvents?.map((armed) => [
        armed.key,
        armed.elementId,
      ]),
    ).toEqual(subscriptionsBefore?.map((armed) => [armed.key, armed.elementId === 'T1' ? 'T2' : 'M2']));
  });

  it("subscribes the target's event subprocess start; a source one left unmapped is withdrawn", async () => {
    const eventSubProcess = (id: string, startId: string) =>
      `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${startId}" isInterrupting="false"><bpmn:messageEventDefinition messageRef="cancel" /></bpmn:startEvent>${serviceTask(`${id}-work`)}${flow(`${id}-f`, startId, `${id}-work`)}</bpmn:subProcess>`;
    const plain = await compile('order', V1);
    const withEventSubProcess = await compile(
      'order',
      V1 + eventSubProcess('onCancel', 'cancelStart'),
      message('cancel', 'cancel-order'),
    );
    const driver = new MigrationDriver(plain);
    driver.create({ orderId: 'o-2' });
    driver.deploy(withEventSubProcess, '9013');
    driver.deploy(plain, '9014', 3);
    driver.migrate('9013', map(['A', 'A']));
    const [opened] = driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription);
    expect(opened).toMatchObject({
      elementId: 'cancelStart',
      messageName: 'cancel-order',
      correlationKey: 'o-2',
      processDefinitionKey: '9013',
    });
    expect(
      driver.current.elementInstances[driver.processInstanceKey]?.armedEvents?.map(
        (armed) => armed.elementId,
      ),
    ).toEqual(['cancelStart']);
    // Back to a definition without it: the subscription is closed.
    driver.migrate('9014', map(['A', 'A']));
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED').map((effect) => effect.subscription)).toEqual([
      opened,
    ]);
    expect(driver.current.elementInstances[driver.processInstanceKey]?.armedEvents).toBeUndefined();
  });

  it('a scope an interrupting event subprocess runs in subscribes none of the target starts again', async () => {
    const body = `${V1}<bpmn:subProcess id="onCancel" triggeredByEvent="true"><bpmn:startEvent id="cancelStart"><bpmn:messageEventDefinition messageRef="cancel" /></bpmn:startEvent>${serviceTask('refund')}${flow('c1', 'cancelStart', 'refund')}</bpmn:subProcess>`;
    const source = await compile('order', body, message('cancel', 'cancel-order'));
    const driver = new MigrationDriver(source);
    driver.create({ orderId: 'o-5' });
    driver.deploy(await compile('order', body, message('cancel', 'cancel-order')), '9016');
    const [armed] = driver.current.elementInstances[driver.processInstanceKey]?.armedEvents ?? [];
    driver.send({
      type: 'CORRELATE_MESSAGE',
      elementInstanceKey: armed!.key,
      messageKey: '79',
      messageName: 'cancel-order',
      variables: {},
    });
    expect(driver.job('refund').type).toBe('refund');
    driver.migrate('9016', map(['onCancel', 'onCancel'], ['refund', 'refund']));
    expect(driver.result?.rejection).toBeUndefined();
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    driver.completeJob('refund');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('an intermediate message catch keeps its subscription; the correlated message continues in the target', async () => {
    const catchModel = (catchId: string, after: string) =>
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="${catchId}"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>${serviceTask(after)}<bpmn:endEvent id="end" />${flow('f1', 'start', catchId)}${flow('f2', catchId, after)}${flow('f3', after, 'end')}`;
    const source = await compile('order', catchModel('wait', 'ship'), message('paid', 'payment'));
    const target = await compile('order', catchModel('await', 'invoice'), message('paid', 'payment'));
    const driver = new MigrationDriver(source);
    driver.create({ orderId: 'o-3' });
    driver.deploy(target, '9015');
    const key = driver.keyOf('wait');
    driver.migrate('9015', map(['wait', 'await']));
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(driver.current.elementInstances[key]).toMatchObject({
      elementId: 'await',
      messageSubscription: { messageName: 'payment', correlationKey: 'o-3' },
    });
    driver.send({
      type: 'CORRELATE_MESSAGE',
      elementInstanceKey: key,
      messageKey: '77',
      messageName: 'payment',
      variables: {},
    });
    expect(driver.job('invoice').type).toBe('invoice');
  });
});

describe('process instance migration: gateways and called instances', () => {
  it('an event-based gateway keeps its mapped events; an unmapped one is withdrawn, a new one subscribed', async () => {
    const gatewayModel = (events: string, flows: string) =>
      `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gw" />${events}${serviceTask('after')}<bpmn:endEvent id="end" />
      ${flow('f0', 'start', 'gw')}${flows}${flow('f9', 'after', 'end')}`;
    const timerCatch = (id: string, duration: string) =>
      `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    const messageCatch = (id: string) =>
      `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>`;
    const source = await compile(
      'order',
      gatewayModel(
        timerCatch('wait', 'PT1H') + messageCatch('pay'),
        flow('g1', 'gw', 'wait') +
          flow('g2', 'gw', 'pay') +
          flow('g3', 'wait', 'after') +
          flow('g4', 'pay', 'after'),
      ),
      message('paid', 'payment'),
    );
    const target = await compile(
      'order',
      gatewayModel(
        timerCatch('wait2', 'PT3H') + messageCatch('pay2'),
        flow('g1', 'gw', 'wait2') +
          flow('g2', 'gw', 'pay2') +
          flow('g3', 'wait2', 'after') +
          flow('g4', 'pay2', 'after'),
      ),
      message('paid', 'payment'),
    );
    const driver = new MigrationDriver(source);
    driver.create({ orderId: 'o-9' });
    driver.deploy(target, '9030');
    const gateway = driver.keyOf('gw');
    const payKey = driver.current.elementInstances[gateway]?.armedEvents?.find(
      (armed) => armed.elementId === 'pay',
    )?.key;
    driver.migrate('9030', map(['gw', 'gw'], ['pay', 'pay2']));
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer.elementId)).toEqual(['wait']);
    expect(
      driver.effects('TIMER_SCHEDULED').map((effect) => [effect.timer.elementId, effect.timer.dueDate]),
    ).toEqual([['wait2', START_TIME + 3 * HOUR]]);
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(driver.current.elementInstances[gateway]?.armedEvents?.map((armed) => armed.elementId)).toEqual([
      'pay2',
      'wait2',
    ]);
    driver.send({
      type: 'CORRELATE_MESSAGE',
      elementInstanceKey: payKey!,
      messageKey: '78',
      messageName: 'payment',
      variables: {},
    });
    expect(driver.job('after').type).toBe('after');
  });

  it("a call activity keeps its child instance: the child's completion continues in the target", async () => {
    const caller = (id: string, next: string) =>
      `<bpmn:startEvent id="start" /><bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>${serviceTask(next)}<bpmn:endEvent id="end" />
      ${flow('f1', 'start', id)}${flow('f2', id, next)}${flow('f3', next, 'end')}`;
    const driver = new MigrationDriver(await compile('order', caller('call', 'ship')));
    driver.create();
    driver.deploy(await compile('order', caller('call2', 'invoice')), '9031');
    const key = driver.keyOf('call');
    const child = driver.current.elementInstances[key]?.calledProcessInstanceKey;
    expect(child).toBeDefined();
    expectRefused(
      driver,
      '9031',
      map(['call', 'invoice']),
      'INVALID_STATE',
      /of type 'callActivity' is mapped to 'invoice' of type 'serviceTask'/,
    );
    driver.migrate('9031', map(['call', 'call2']));
    expect(driver.current.elementInstances[key]).toMatchObject({
      elementId: 'call2',
      calledProcessInstanceKey: child,
    });
    driver.send({
      type: 'CHILD_INSTANCE_COMPLETED',
      elementInstanceKey: key,
      childProcessInstanceKey: child!,
      variables: {},
    });
    expect(driver.job('invoice').type).toBe('invoice');
  });

  it('a completed activity that may be compensated keeps its subscription only where the target has the same ids', async () => {
    const compensable = (handler: string, next: string) =>
      `<bpmn:startEvent id="start" />${serviceTask('book')}<bpmn:boundaryEvent id="book-compensation" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
      <bpmn:serviceTask id="${handler}" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="${handler}" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:association id="undo-link" associationDirection="One" sourceRef="book-compensation" targetRef="${handler}" />
      ${serviceTask(next)}<bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent><bpmn:endEvent id="end" />
      ${flow('f1', 'start', 'book')}${flow('f2', 'book', next)}${flow('f3', next, 'undo')}${flow('f4', 'undo', 'end')}`;
    const source = await compile('order', compensable('cancel-booking', 'pay'));
    const driver = new MigrationDriver(source);
    driver.create();
    driver.deploy(await compile('order', compensable('refund', 'pay')), '9040');
    driver.deploy(await compile('order', compensable('cancel-booking', 'pay')), '9041', 3);
    driver.completeJob('book');
    expect(driver.current.compensations?.map((one) => [one.activityId, one.handlerId])).toEqual([
      ['book', 'cancel-booking'],
    ]);
    expectRefused(
      driver,
      '9040',
      map(['pay', 'pay']),
      'INVALID_STATE',
      /completed activity 'book' may still be compensated by 'cancel-booking', and the target has no element 'cancel-booking'/,
    );
    driver.migrate('9041', map(['pay', 'pay']));
    driver.completeJob('pay');
    // The throw event of the target compensates the activity completed before the migration.
    expect(driver.job('cancel-booking').type).toBe('cancel-booking');
  });

  it('an active element of an unsupported type is refused, naming the type', async () => {
    const source = await compile(
      'order',
      `<bpmn:startEvent id="start" /><bpmn:inclusiveGateway id="split" />${serviceTask('X')}${serviceTask('Y')}
      ${flow('f0', 'start', 'split')}<bpmn:sequenceFlow id="fx" sourceRef="split" targetRef="X"><bpmn:conditionExpression>=amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="fy" sourceRef="split" targetRef="Y"><bpmn:conditionExpression>=amount &gt; 20</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
    const driver = new MigrationDriver(source);
    driver.create({ amount: 1 });
    driver.deploy(source, '9032');
    expect(driver.openIncidents().map((incident) => incident.elementId)).toEqual(['split']);
    expectRefused(
      driver,
      '9032',
      map(['split', 'split']),
      'INVALID_STATE',
      /active element 'split' has an unsupported type: the migration of an element of type 'inclusiveGateway' is not supported/,
    );
  });
});

describe('process instance migration: the plan (dry run)', () => {
  it('lists every element instance and event as the migration applies them, and changes nothing', async () => {
    const source = await compile(
      'order',
      `<bpmn:startEvent id="start" />${serviceTask('A')}${timerBoundary('T1', 'A', 'PT1H')}<bpmn:endEvent id="end" />${flow('f1', 'start', 'A')}${flow('f2', 'A', 'end')}${flow('f3', 'T1', 'end')}`,
    );
    const target = await compile(
      'order',
      `<bpmn:startEvent id="start" />${serviceTask('A')}${timerBoundary('T2', 'A', 'PT2H')}<bpmn:endEvent id="end" />${flow('f1', 'start', 'A')}${flow('f2', 'A', 'end')}${flow('f3', 'T2', 'end')}`,
    );
    const driver = new MigrationDriver(source);
    driver.create();
    const targetRef = driver.deploy(target, '9020');
    const before = driver.current;
    const answer = tryPlanMigration({
      state: before,
      source: driver.definition,
      target: targetRef,
      mappingInstructions: map(['A', 'A']),
    });
    expect('plan' in answer).toBe(true);
    const plan = 'plan' in answer ? answer.plan : undefined;
    const key = driver.keyOf('A');
    expect(plan?.elementInstances).toEqual([
      { elementInstanceKey: key, elementType: 'serviceTask', sourceElementId: 'A', targetElementId: 'A' },
    ]);
    expect(
      plan?.catchEvents.map(({ action, elementInstanceKey, sourceElementId, targetElementId }) => ({
        action,
        elementInstanceKey,
        sourceElementId,
        targetElementId,
      })),
    ).toEqual([
      { action: 'CLOSE', elementInstanceKey: key, sourceElementId: 'T1', targetElementId: undefined },
      { action: 'OPEN', elementInstanceKey: key, sourceElementId: undefined, targetElementId: 'T2' },
    ]);
    expect(driver.current).toBe(before);
    driver.migrate('9020', map(['A', 'A']));
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer.elementId)).toEqual(['T1']);
    expect(driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer.elementId)).toEqual(['T2']);
  });
});
