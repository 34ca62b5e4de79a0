// Multi-instance activities (Zeebe semantics): a body element instance holding one inner instance
// per item of the input collection, in parallel or in sequence; loopCounter and the input element
// local to each inner instance; the output collection filled in item order and propagated when
// the body completes; the completion condition ending the rest; boundary events on the body.
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import type { Job } from '../../src';
import { InstanceDriver } from '../support/driver';
import { visibleVariables } from '../../src';

const DEFINITIONS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'id="defs" targetNamespace="http://bpmn.io/schema/bpmn"';

async function compileProcesses(bodies: string[], rootElements = ''): Promise<ProcessModel[]> {
  const processes = bodies
    .map(
      (body, index) =>
        `<bpmn:process id="${index === 0 ? 'p' : `p${index}`}" isExecutable="true">${body}</bpmn:process>`,
    )
    .join('');
  const result = await compileBpmn(
    `<?xml version="1.0"?><bpmn:definitions ${DEFINITIONS}>${rootElements}${processes}</bpmn:definitions>`,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return [...result.processes];
}

async function compileProcess(body: string, rootElements = ''): Promise<ProcessModel> {
  const [model] = await compileProcesses([body], rootElements);
  return model!;
}

function loop(
  attributes: string,
  { sequential = false, completionCondition }: { sequential?: boolean; completionCondition?: string } = {},
): string {
  return (
    `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">` +
    `<bpmn:extensionElements><zeebe:loopCharacteristics ${attributes}/></bpmn:extensionElements>` +
    (completionCondition === undefined
      ? ''
      : `<bpmn:completionCondition>${completionCondition}</bpmn:completionCondition>`) +
    '</bpmn:multiInstanceLoopCharacteristics>'
  );
}

const COLLECT =
  'inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result"';

/** start → `activity` → after (a service task) → end. */
function around(activity: string, extra = ''): string {
  return (
    '<bpmn:startEvent id="start"/>' +
    activity +
    '<bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="after"/></bpmn:extensionElements></bpmn:serviceTask>' +
    '<bpmn:endEvent id="end"/>' +
    extra +
    '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>' +
    '<bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="after"/>' +
    '<bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end"/>'
  );
}

function serviceTask(loopXml: string, inner = ''): string {
  return `<bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work"/>${inner}</bpmn:extensionElements>${loopXml}</bpmn:serviceTask>`;
}

function openJobs(driver: InstanceDriver, elementId: string): Job[] {
  return Object.values(driver.current.jobs).filter(
    (job) => job.elementId === elementId && job.state === 'ACTIVATABLE',
  );
}

/** The open job of `elementId` whose inner instance holds `item`. */
function jobFor(driver: InstanceDriver, elementId: string, item: unknown): Job {
  const job = openJobs(driver, elementId).find(
    (candidate) => visibleVariables(driver.current, candidate.elementInstanceKey)['item'] === item,
  );
  if (!job) throw new Error(`no open job of ${elementId} for item ${JSON.stringify(item)}`);
  return job;
}

function complete(driver: InstanceDriver, job: Job, variables: Record<string, unknown> = {}) {
  return driver.send({ type: 'COMPLETE_JOB', jobKey: job.jobKey, variables });
}

function instancesOf(driver: InstanceDriver, elementId: string) {
  return Object.values(driver.current.elementInstances).filter(
    (instance) => instance.elementId === elementId,
  );
}

describe('parallel multi-instance service task', () => {
  it('runs one inner instance per item under a body, and collects the outputs in item order', async () => {
    const driver = new InstanceDriver(await compileProcess(around(serviceTask(loop(COLLECT)))));
    driver.create({ items: ['a', 'b', 'c'] });

    const [body, ...inner] = instancesOf(driver, 'work').sort((x, y) =>
      x.elementType.localeCompare(y.elementType),
    );
    expect(body?.elementType).toBe('multiInstanceBody');
    expect(inner.map((instance) => instance.elementType)).toEqual([
      'serviceTask',
      'serviceTask',
      'serviceTask',
    ]);
    expect(inner.every((instance) => instance.flowScopeKey === body?.key)).toBe(true);
    expect(driver.current.variables[body!.key]).toEqual({ results: [null, null, null] });
    expect(
      openJobs(driver, 'work').map((job) => visibleVariables(driver.current, job.elementInstanceKey)),
    ).toEqual([
      { items: ['a', 'b', 'c'], results: [null, null, null], item: 'a', loopCounter: 1, result: null },
      { items: ['a', 'b', 'c'], results: [null, null, null], item: 'b', loopCounter: 2, result: null },
      { items: ['a', 'b', 'c'], results: [null, null, null], item: 'c', loopCounter: 3, result: null },
    ]);
    expect(driver.liveTokens()).toEqual(['work:ACTIVE', 'work:ACTIVE', 'work:ACTIVE', 'work:ON_HOLD']);
    expect(driver.activeElementIds()).toEqual(['work']);

    complete(driver, jobFor(driver, 'work', 'b'), { result: 'B' });
    complete(driver, jobFor(driver, 'work', 'c'), { result: 'C' });
    expect(driver.current.variables[body!.key]).toEqual({ results: [null, 'B', 'C'] });
    expect(driver.liveTokens()).toEqual(['work:ACTIVE', 'work:ON_HOLD']);
    complete(driver, jobFor(driver, 'work', 'a'), { result: 'A' });

    // The job results stayed in their inner instances: only the collection reaches the process.
    expect(driver.rootVariables()).toEqual({ items: ['a', 'b', 'c'], results: ['A', 'B', 'C'] });
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
    expect(instancesOf(driver, 'work')).toEqual([]);
    expect(driver.current.completedElementIds).toEqual(['start', 'work']);
  });

  it('applies the activity input mappings to each inner instance, seeing its item', async () => {
    const mapping = '<zeebe:ioMapping><zeebe:input source="=item * 10" target="amount"/></zeebe:ioMapping>';
    const driver = new InstanceDriver(
      await compileProcess(
        around(serviceTask(loop('inputCollection="=[1, 2]" inputElement="item"'), mapping)),
      ),
    );
    driver.create();
    expect(openJobs(driver, 'work').map((job) => driver.current.variables[job.elementInstanceKey])).toEqual([
      { item: 1, loopCounter: 1, amount: 10 },
      { item: 2, loopCounter: 2, amount: 20 },
    ]);
  });

  it('completes the body at once for an empty collection, with an empty output collection', async () => {
    const driver = new InstanceDriver(await compileProcess(around(serviceTask(loop(COLLECT)))));
    driver.create({ items: [] });
    expect(openJobs(driver, 'work')).toEqual([]);
    expect(driver.rootVariables()).toEqual({ items: [], results: [] });
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('raises an EXTRACT_VALUE_ERROR incident on the body when the collection is no list; resolving evaluates again', async () => {
    const driver = new InstanceDriver(await compileProcess(around(serviceTask(loop(COLLECT)))));
    driver.create({ items: 'oops' });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'work',
      errorMessage: "Expected result of the expression 'items' to be 'ARRAY', but was 'STRING'.",
    });
    expect(driver.current.elementInstances[incident!.elementInstanceKey]?.elementType).toBe(
      'multiInstanceBody',
    );

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { items: [7] },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.openIncidents()).toEqual([]);
    complete(driver, jobFor(driver, 'work', 7), { result: 'seven' });
    expect(driver.rootVariables()['results']).toEqual(['seven']);
  });

  it('ends the remaining inner instances when the completion condition holds', async () => {
    const driver = new InstanceDriver(
      await compileProcess(
        around(serviceTask(loop(COLLECT, { completionCondition: '=numberOfCompletedInstances >= 2' }))),
      ),
    );
    driver.create({ items: ['a', 'b', 'c'] });
    const left = jobFor(driver, 'work', 'b');
    complete(driver, jobFor(driver, 'work', 'a'), { result: 'A' });
    expect(openJobs(driver, 'work')).toHaveLength(2);
    complete(driver, jobFor(driver, 'work', 'c'), { result: 'C' });

    expect(driver.effects('JOB_CLOSED').map((effect) => effect.jobKey)).toContain(left.jobKey);
    expect(openJobs(driver, 'work')).toEqual([]);
    expect(driver.rootVariables()['results']).toEqual(['A', null, 'C']);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('offers the counters and the loopCounter to the completion condition', async () => {
    const driver = new InstanceDriver(
      await compileProcess(
        around(
          serviceTask(
            loop(COLLECT, {
              completionCondition:
                '=numberOfInstances = 3 and numberOfActiveInstances = 1 and numberOfTerminatedInstances = 0 and loopCounter = 2',
            }),
          ),
        ),
      ),
    );
    driver.create({ items: ['a', 'b', 'c'] });
    complete(driver, jobFor(driver, 'work', 'a'));
    expect(openJobs(driver, 'work')).toHaveLength(2);
    complete(driver, jobFor(driver, 'work', 'b'));
    expect(openJobs(driver, 'work')).toEqual([]);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('raises an incident on the inner instance when the output element cannot be evaluated', async () => {
    const driver = new InstanceDriver(
      await compileProcess(
        around(
          serviceTask(loop('inputCollection="=items" outputCollection="out" outputElement="=missing.x + 1"')),
        ),
      ),
    );
    driver.create({ items: [1] });
    driver.completeJob('work');
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work' });
    expect(driver.current.elementInstances[incident!.elementInstanceKey]?.elementType).toBe('serviceTask');
  });

  it('terminates every inner instance when the instance is canceled', async () => {
    const driver = new InstanceDriver(await compileProcess(around(serviceTask(loop(COLLECT)))));
    driver.create({ items: [1, 2] });
    const jobs = openJobs(driver, 'work').map((job) => job.jobKey);
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.current.state).toBe('TERMINATED');
    expect(
      driver
        .effects('JOB_CLOSED')
        .map((effect) => effect.jobKey)
        .sort(),
    ).toEqual(jobs.sort());
    expect(driver.liveTokens()).toEqual([]);
  });
});

describe('sequential multi-instance user task', () => {
  it('runs the items one after the other, in order', async () => {
    const task =
      '<bpmn:userTask id="work"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements>' +
      `${loop('inputCollection="=reviewers" inputElement="reviewer" outputCollection="votes" outputElement="=vote"', { sequential: true })}</bpmn:userTask>`;
    const driver = new InstanceDriver(await compileProcess(around(task)));
    driver.create({ reviewers: ['ann', 'bob', 'cid'] });
    const seen: unknown[] = [];
    for (const vote of ['yes', 'no', 'yes']) {
      const open = Object.values(driver.current.userTasks).filter((task) => task.state === 'CREATED');
      expect(open).toHaveLength(1);
      expect(driver.liveTokens()).toEqual(['work:ACTIVE', 'work:ON_HOLD']);
      const local = driver.current.variables[open[0]!.elementInstanceKey];
      seen.push([local?.['reviewer'], local?.['loopCounter']]);
      driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey: open[0]!.userTaskKey, variables: { vote } });
    }
    expect(seen).toEqual([
      ['ann', 1],
      ['bob', 2],
      ['cid', 3],
    ]);
    expect(driver.rootVariables()['votes']).toEqual(['yes', 'no', 'yes']);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('stops before the next item when the completion condition holds', async () => {
    const driver = new InstanceDriver(
      await compileProcess(
        around(serviceTask(loop(COLLECT, { sequential: true, completionCondition: '=result = "found"' }))),
      ),
    );
    driver.create({ items: ['a', 'b', 'c'] });
    complete(driver, jobFor(driver, 'work', 'a'), { result: 'no' });
    complete(driver, jobFor(driver, 'work', 'b'), { result: 'found' });
    expect(openJobs(driver, 'work')).toEqual([]);
    expect(driver.rootVariables()['results']).toEqual(['no', 'found', null]);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });
});

describe('multi-instance tasks that complete by themselves or wait for messages', () => {
  it('runs a script task once per item within the same command', async () => {
    const script =
      '<bpmn:scriptTask id="work"><bpmn:extensionElements><zeebe:script expression="=item * 2" resultVariable="double"/></bpmn:extensionElements>' +
      `${loop('inputCollection="=items" inputElement="item" outputCollection="doubles" outputElement="=double"')}</bpmn:scriptTask>`;
    const driver = new InstanceDriver(await compileProcess(around(script)));
    driver.create({ items: [1, 2, 3] });
    expect(driver.rootVariables()).toEqual({ items: [1, 2, 3], doubles: [2, 4, 6] });
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('opens one subscription per receive task instance, each with its own correlation key', async () => {
    const receive =
      '<bpmn:receiveTask id="work" messageRef="msg">' +
      `${loop('inputCollection="=items" inputElement="item" outputCollection="answers" outputElement="=answer"')}</bpmn:receiveTask>`;
    const [model] = await compileProcesses(
      [around(receive)],
      '<bpmn:message id="msg" name="answer"><bpmn:extensionElements><zeebe:subscription correlationKey="=item"/></bpmn:extensionElements></bpmn:message>',
    );
    const driver = new InstanceDriver(model!);
    driver.create({ items: ['k1', 'k2'] });
    const subscriptions = driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription);
    expect(subscriptions.map((subscription) => subscription.correlationKey)).toEqual(['k1', 'k2']);
    for (const [index, subscription] of [...subscriptions].reverse().entries()) {
      driver.send({
        type: 'CORRELATE_MESSAGE',
        elementInstanceKey: subscription.elementInstanceKey,
        messageKey: `message-${index}`,
        messageName: 'answer',
        variables: { answer: `for-${subscription.correlationKey}` },
      });
    }
    expect(driver.rootVariables()['answers']).toEqual(['for-k1', 'for-k2']);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });
});

describe('multi-instance embedded subprocess', () => {
  it('runs the subprocess once per item, each in its own scope under the body', async () => {
    const sub =
      '<bpmn:subProcess id="work">' +
      loop(
        'inputCollection="=orders" inputElement="order" outputCollection="totals" outputElement="=total"',
      ) +
      '<bpmn:startEvent id="sub-start"/>' +
      '<bpmn:serviceTask id="price"><bpmn:extensionElements><zeebe:taskDefinition type="price"/></bpmn:extensionElements></bpmn:serviceTask>' +
      '<bpmn:endEvent id="sub-end"/>' +
      '<bpmn:sequenceFlow id="s1" sourceRef="sub-start" targetRef="price"/>' +
      '<bpmn:sequenceFlow id="s2" sourceRef="price" targetRef="sub-end"/>' +
      '</bpmn:subProcess>';
    const driver = new InstanceDriver(await compileProcess(around(sub)));
    driver.create({ orders: [{ id: 1 }, { id: 2 }] });

    const jobs = openJobs(driver, 'price');
    expect(jobs.map((job) => visibleVariables(driver.current, job.elementInstanceKey)['order'])).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    expect(driver.liveTokens()).toEqual([
      'price:ACTIVE',
      'price:ACTIVE',
      'work:ON_HOLD',
      'work:ON_HOLD',
      'work:ON_HOLD',
    ]);
    expect(driver.activeElementIds()).toEqual(['price', 'work']);
    complete(driver, jobs[1]!, { total: 20 });
    complete(driver, jobs[0]!, { total: 10 });
    expect(driver.rootVariables()).toEqual({ orders: [{ id: 1 }, { id: 2 }], totals: [10, 20] });
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });
});

describe('terminate end event in a multi-instance subprocess', () => {
  it('ends only its own inner instance', async () => {
    const sub =
      '<bpmn:subProcess id="work">' +
      loop('inputCollection="=items" inputElement="item"') +
      '<bpmn:startEvent id="sub-start"/><bpmn:exclusiveGateway id="skip" default="to-price"/>' +
      '<bpmn:serviceTask id="price"><bpmn:extensionElements><zeebe:taskDefinition type="price"/></bpmn:extensionElements></bpmn:serviceTask>' +
      '<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:endEvent id="sub-end"/>' +
      '<bpmn:sequenceFlow id="s1" sourceRef="sub-start" targetRef="skip"/>' +
      '<bpmn:sequenceFlow id="to-stop" sourceRef="skip" targetRef="stop"><bpmn:conditionExpression>=item = 0</bpmn:conditionExpression></bpmn:sequenceFlow>' +
      '<bpmn:sequenceFlow id="to-price" sourceRef="skip" targetRef="price"/>' +
      '<bpmn:sequenceFlow id="s3" sourceRef="price" targetRef="sub-end"/>' +
      '</bpmn:subProcess>';
    const driver = new InstanceDriver(await compileProcess(around(sub)));
    driver.create({ items: [0, 5] });
    expect(openJobs(driver, 'price')).toHaveLength(1);
    expect(driver.current.completedElementIds).toContain('stop');
    complete(driver, jobFor(driver, 'price', 5));
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });
});

describe('multi-instance call activity', () => {
  it('starts one child per item and completes when every child completed', async () => {
    const call =
      '<bpmn:callActivity id="work"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="true"/></bpmn:extensionElements>' +
      `${loop('inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result"')}</bpmn:callActivity>`;
    const driver = new InstanceDriver(await compileProcess(around(call)));
    driver.create({ items: ['x', 'y'] });
    const requested = driver.effects('CHILD_INSTANCE_REQUESTED');
    expect(requested.map((effect) => effect.variables['item'])).toEqual(['x', 'y']);
    for (const [index, effect] of requested.entries()) {
      driver.send({
        type: 'CHILD_INSTANCE_COMPLETED',
        elementInstanceKey: effect.parentElementInstanceKey,
        childProcessInstanceKey: effect.childProcessInstanceKey,
        // A child started with every visible variable returns the (still empty) output collection too.
        variables: { ...effect.variables, result: `child-${index}` },
      });
    }
    expect(driver.rootVariables()).toEqual({ items: ['x', 'y'], results: ['child-0', 'child-1'] });
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });
});

describe('boundary events on a multi-instance activity', () => {
  const timerBoundary =
    '<bpmn:boundaryEvent id="deadline" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
    '<bpmn:endEvent id="late"/><bpmn:sequenceFlow id="f4" sourceRef="deadline" targetRef="late"/>';
  const errorBoundary =
    '<bpmn:boundaryEvent id="broken" attachedToRef="work"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>' +
    '<bpmn:endEvent id="failed"/><bpmn:sequenceFlow id="f5" sourceRef="broken" targetRef="failed"/>';

  it('arms them once, on the body; an interrupting one ends every inner instance', async () => {
    const model = await compileProcess(around(serviceTask(loop(COLLECT)), timerBoundary));
    const driver = new InstanceDriver(model);
    driver.create({ items: [1, 2, 3] });
    const scheduled = driver.effects('TIMER_SCHEDULED');
    expect(scheduled).toHaveLength(1);
    expect(driver.current.elementInstances[scheduled[0]!.timer.elementInstanceKey]?.elementType).toBe(
      'multiInstanceBody',
    );
    complete(driver, jobFor(driver, 'work', 1));

    driver.now = scheduled[0]!.timer.dueDate;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: scheduled[0]!.timer.timerKey });
    expect(driver.effects('JOB_CLOSED')).toHaveLength(2);
    expect(openJobs(driver, 'work')).toEqual([]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(['start', 'work', 'deadline', 'late']);
  });

  it('a non-interrupting one leaves beside the inner instances, which run on', async () => {
    const reminder =
      '<bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT5M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
      '<bpmn:endEvent id="reminded"/><bpmn:sequenceFlow id="f6" sourceRef="remind" targetRef="reminded"/>';
    const driver = new InstanceDriver(await compileProcess(around(serviceTask(loop(COLLECT)), reminder)));
    driver.create({ items: [1, 2] });
    const [timer] = driver.effects('TIMER_SCHEDULED');
    driver.now = timer!.timer.dueDate;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: timer!.timer.timerKey });
    expect(driver.current.completedElementIds).toEqual(['start', 'remind', 'reminded']);
    expect(openJobs(driver, 'work')).toHaveLength(2);
    complete(driver, jobFor(driver, 'work', 1), { result: 'one' });
    complete(driver, jobFor(driver, 'work', 2), { result: 'two' });
    expect(driver.rootVariables()['results']).toEqual(['one', 'two']);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
  });

  it('an error thrown by an inner instance is caught by the boundary event of the body', async () => {
    const driver = new InstanceDriver(
      await compileProcess(
        around(serviceTask(loop(COLLECT)), errorBoundary),
        '<bpmn:error id="err" errorCode="BROKEN"/>',
      ),
    );
    driver.create({ items: [1, 2] });
    driver.send({ type: 'THROW_ERROR', jobKey: jobFor(driver, 'work', 2).jobKey, errorCode: 'BROKEN' });
    expect(driver.openIncidents()).toEqual([]);
    expect(openJobs(driver, 'work')).toEqual([]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(['start', 'broken', 'failed']);
  });
});
