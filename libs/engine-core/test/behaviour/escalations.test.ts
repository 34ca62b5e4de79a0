// Escalations (escalation-events.bpmn): a throw event's escalation is caught by the nearest
// escalation boundary event or event subprocess; interrupting catches end the thrower's activity,
// non-interrupting ones run beside it; an uncaught escalation lets the thrower go on.
import { compileBpmn } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';

async function started(variables: Record<string, unknown>): Promise<InstanceDriver> {
  const driver = new InstanceDriver(await loadProcess('escalation-events'));
  driver.create(variables);
  return driver;
}

describe('escalation events', () => {
  it('intermediate throw caught by a non-interrupting boundary event: both paths go on', async () => {
    const driver = await started({ mode: 'notify' });
    expect(driver.liveTokens()).toEqual(['handle:ON_HOLD', 'inform:ACTIVE', 'work:ACTIVE']);
    driver.completeJob('inform');
    driver.completeJob('work');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(
      expect.arrayContaining(['notify-late', 'on-late', 'inform', 'informed', 'work', 'handle', 'end']),
    );
  });

  it('escalation end event caught by an interrupting boundary event: the subprocess ends there', async () => {
    const driver = await started({ mode: 'give-up' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual([
      'start',
      'route',
      'handle-start',
      'how',
      'on-stuck',
      'stuck-end',
    ]);
  });

  it('uncaught by a boundary: the non-interrupting catch-all event subprocess starts, the thrower goes on', async () => {
    const driver = await started({ mode: 'quiet' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(
      expect.arrayContaining(['uncaught', 'quiet-end', 'any-start', 'any-end', 'on-any-escalation']),
    );
    expect(driver.openIncidents()).toEqual([]);
  });

  it('interrupting escalation event subprocess: ends the rest of its scope; with no catch at all the thrower goes on', async () => {
    const xml = (withEventSubProcess: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:intermediateThrowEvent>
    <bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="after" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end-a" /><bpmn:endEvent id="end-b" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="raise" />
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end-a" />
    <bpmn:sequenceFlow id="f4" sourceRef="raise" targetRef="after" />
    <bpmn:sequenceFlow id="f5" sourceRef="after" targetRef="end-b" />
    ${
      withEventSubProcess
        ? `<bpmn:subProcess id="on-late" triggeredByEvent="true">
      <bpmn:startEvent id="late-start"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:startEvent>
      <bpmn:endEvent id="late-end" /><bpmn:sequenceFlow id="l0" sourceRef="late-start" targetRef="late-end" />
    </bpmn:subProcess>`
        : ''
    }
  </bpmn:process>
  <bpmn:escalation id="late" escalationCode="LATE" />
</bpmn:definitions>`;
    const compiled = async (withEventSubProcess: boolean) => {
      const result = await compileBpmn(xml(withEventSubProcess), { resourceName: 'x.bpmn' });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return new InstanceDriver(result.processes[0] as NonNullable<(typeof result.processes)[0]>);
    };
    const interrupted = await compiled(true);
    interrupted.create({});
    expect(interrupted.current.state).toBe('COMPLETED');
    expect(interrupted.effects('JOB_CLOSED')).toHaveLength(1);
    expect(interrupted.current.completedElementIds).toEqual([
      'start',
      'fork',
      'late-start',
      'late-end',
      'on-late',
    ]);

    const uncaught = await compiled(false);
    uncaught.create({});
    expect(uncaught.liveTokens()).toEqual(['after:ACTIVE', 'fork:ON_HOLD', 'work:ACTIVE']);
    expect(uncaught.openIncidents()).toEqual([]);
  });

  it('from a called child: passed to the parent, whose escalation boundary on the call activity catches it', async () => {
    const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">`;
    const parentXml = (interrupting: boolean) => `${header}
  <bpmn:process id="parent" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:boundaryEvent id="on-late" attachedToRef="call" cancelActivity="${String(interrupting)}"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="end" /><bpmn:endEvent id="escalated" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="on-late" targetRef="escalated" />
  </bpmn:process>
  <bpmn:escalation id="late" escalationCode="LATE" />
</bpmn:definitions>`;
    const childXml = `${header}
  <bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:intermediateThrowEvent>
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="raise" />
    <bpmn:sequenceFlow id="f2" sourceRef="raise" targetRef="work" />
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" />
  </bpmn:process>
  <bpmn:escalation id="late" escalationCode="LATE" />
</bpmn:definitions>`;
    const driverOf = async (xml: string) => {
      const result = await compileBpmn(xml, { resourceName: 'x.bpmn' });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return new InstanceDriver(result.processes[0] as NonNullable<(typeof result.processes)[0]>);
    };
    for (const interrupting of [false, true]) {
      const parent = await driverOf(parentXml(interrupting));
      parent.create({});
      const [request] = parent.effects('CHILD_INSTANCE_REQUESTED');
      const child = await driverOf(childXml);
      child.create(
        {},
        {
          parentProcessInstanceKey: request?.parentProcessInstanceKey ?? '',
          parentElementInstanceKey: request?.parentElementInstanceKey ?? '',
        },
      );
      // The child goes on at once.
      expect(child.liveTokens()).toEqual(['work:ACTIVE']);
      const [passed] = child.effects('ESCALATION_PROPAGATION_REQUESTED');
      expect(passed).toMatchObject({
        escalationCode: 'LATE',
        parentElementInstanceKey: request?.parentElementInstanceKey,
      });
      parent.send({
        type: 'CHILD_INSTANCE_ESCALATED',
        elementInstanceKey: passed?.parentElementInstanceKey ?? '',
        childProcessInstanceKey: request?.childProcessInstanceKey ?? '',
        escalationCode: 'LATE',
        escalationKey: passed?.escalationKey ?? '',
      });
      expect(parent.current.completedElementIds).toEqual(['start', 'on-late', 'escalated']);
      if (interrupting) {
        expect(parent.current.state).toBe('COMPLETED');
        expect(parent.effects('CHILD_INSTANCE_CANCEL_REQUESTED')).toHaveLength(1);
      } else {
        expect(parent.liveTokens()).toEqual(['call:ACTIVE']);
      }
    }
  });
});
