// BPMN errors thrown by job workers and error end events: caught by the nearest error boundary
// event or error event subprocess (a matching errorCode before a catch-all at each level), with
// the error's variables; uncaught, an UNHANDLED_ERROR_EVENT incident.
import type { BoundaryTrigger } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition, type NodeSpec } from '../support/model-builder';

function completedIds(driver: InstanceDriver): readonly string[] {
  return driver.current.completedElementIds ?? [];
}

function throwFrom(
  driver: InstanceDriver,
  elementId: string,
  errorCode: string,
  extra: { errorMessage?: string; variables?: Record<string, unknown> } = {},
) {
  return driver.send({ type: 'THROW_ERROR', jobKey: driver.job(elementId).jobKey, errorCode, ...extra });
}

describe('error boundary events on a task (boundary-events.bpmn)', () => {
  it('the one naming the errorCode catches it; its output mappings see errorCode, errorMessage and the variables', async () => {
    const driver = new InstanceDriver(await loadProcess('boundary-events'));
    driver.create({ orderId: 'order-1' });
    const { jobKey } = driver.job('review');
    const result = throwFrom(driver, 'review', 'REJECTED', {
      errorMessage: 'not in stock',
      variables: { note: 'call the customer' },
    });
    expect(result.rejection).toBeUndefined();
    expect(driver.openIncidents()).toEqual([]);
    // The job ended with its error, not canceled by the end of its task.
    expect(driver.current.jobs[jobKey]?.state).toBe('ERROR_THROWN');
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED')).toHaveLength(2);
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual(['start', 'rejected', 'rejected-end']);
    expect(driver.rootVariables()).toEqual({
      orderId: 'order-1',
      rejectedCode: 'REJECTED',
      rejectedMessage: 'not in stock',
      rejectionNote: 'call the customer',
    });
  });

  it('any other code goes to the catch-all, whose variables propagate to the process', async () => {
    const driver = new InstanceDriver(await loadProcess('boundary-events'));
    driver.create({ orderId: 'order-1' });
    throwFrom(driver, 'review', 'TIMEOUT', { variables: { waited: 30 } });
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual(['start', 'any-error', 'any-error-end']);
    expect(driver.rootVariables()).toEqual({ orderId: 'order-1', waited: 30 });
  });
});

describe('errors in subprocesses (error-events.bpmn)', () => {
  async function errorDriver(): Promise<InstanceDriver> {
    return new InstanceDriver(await loadProcess('error-events'));
  }

  it("an error end event is caught by its subprocess's boundary event, before the process's event subprocess", async () => {
    const driver = await errorDriver();
    driver.create({ amount: 5000 });
    expect(driver.openIncidents()).toEqual([]);
    expect(driver.liveTokens()).toEqual(['manual-review:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['manual-review']);
    expect(completedIds(driver)).toEqual(['start', 'payment-start', 'check', 'limit-caught']);
    expect(driver.tokens()).toContainEqual({
      elementId: 'too-much',
      state: 'TERMINATED',
      parent: 'manual-review',
    });
  });

  it("a job error the boundary does not name is caught by the process's error event subprocess", async () => {
    const driver = await errorDriver();
    driver.create({ amount: 10 });
    const charge = driver.job('charge');
    throwFrom(driver, 'charge', 'CARD_DECLINED', { variables: { declineReason: 'expired' } });
    expect(driver.current.jobs[charge.jobKey]?.state).toBe('ERROR_THROWN');
    expect(driver.activeElementIds()).toEqual(['compensate', 'on-error']);
    expect(driver.liveTokens()).toEqual(['compensate:ACTIVE', 'on-error:ON_HOLD']);
    expect(driver.rootVariables()).toEqual({ amount: 10, declineReason: 'expired' });

    driver.completeJob('compensate');
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual([
      'start',
      'payment-start',
      'check',
      'on-error-start',
      'compensate',
      'on-error-end',
      'on-error',
    ]);
  });

  it('an error thrown inside the running event subprocess is not caught by it again: an incident', async () => {
    const driver = await errorDriver();
    driver.create({ amount: 10 });
    throwFrom(driver, 'charge', 'CARD_DECLINED');
    throwFrom(driver, 'compensate', 'STILL_BROKEN');
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'compensate' });
    expect(incident?.errorMessage).toContain("'STILL_BROKEN'");
  });
});

describe('error propagation through scopes', () => {
  const errorBoundary = (id: string, attachedToId: string, errorCode?: string): NodeSpec => ({
    id,
    kind: 'boundaryEvent',
    attachedToId,
    cancelActivity: true,
    trigger: { kind: 'error', error: errorCode === undefined ? {} : { errorCode } } satisfies BoundaryTrigger,
  });

  /** outer [ inner [ work ] ] with the given boundary events on inner and outer. */
  function nested(innerCatch: string | undefined, outerCatch: string | undefined): InstanceDriver {
    return new InstanceDriver(
      buildModel(
        'nested',
        [
          { id: 'start', kind: 'startEvent' },
          {
            id: 'outer',
            kind: 'subProcess',
            startEventIds: ['outer-start'],
            boundaryEventIds: ['outer-catch'],
          },
          { id: 'outer-start', kind: 'startEvent', scopeId: 'outer' },
          {
            id: 'inner',
            kind: 'subProcess',
            scopeId: 'outer',
            startEventIds: ['inner-start'],
            boundaryEventIds: ['inner-catch'],
          },
          { id: 'inner-start', kind: 'startEvent', scopeId: 'inner' },
          { id: 'work', kind: 'serviceTask', scopeId: 'inner', job: jobDefinition('work') },
          { id: 'inner-end', kind: 'endEvent', scopeId: 'inner', terminate: false },
          { id: 'outer-end', kind: 'endEvent', scopeId: 'outer', terminate: false },
          { id: 'end', kind: 'endEvent', terminate: false },
          { ...errorBoundary('inner-catch', 'inner', innerCatch), scopeId: 'outer' },
          { id: 'inner-caught', kind: 'endEvent', scopeId: 'outer', terminate: false },
          errorBoundary('outer-catch', 'outer', outerCatch),
          { id: 'outer-caught', kind: 'endEvent', terminate: false },
        ],
        [
          ['start', 'outer'],
          ['outer-start', 'inner'],
          ['inner-start', 'work'],
          ['work', 'inner-end'],
          ['inner', 'outer-end'],
          ['outer', 'end'],
          ['inner-catch', 'inner-caught'],
          ['outer-catch', 'outer-caught'],
        ],
      ),
    );
  }

  it('walks up past a boundary event of another code to the enclosing subprocess', () => {
    const driver = nested('OTHER', 'FAILED');
    driver.create();
    throwFrom(driver, 'work', 'FAILED');
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual([
      'start',
      'outer-start',
      'inner-start',
      'outer-catch',
      'outer-caught',
    ]);
    expect(driver.tokens().filter((token) => token.state === 'TERMINATED')).toHaveLength(2);
  });

  it('stops at the nearest level: an inner catch-all wins over an outer event naming the code', () => {
    const driver = nested(undefined, 'FAILED');
    driver.create();
    throwFrom(driver, 'work', 'FAILED');
    expect(completedIds(driver)).toEqual([
      'start',
      'outer-start',
      'inner-start',
      'inner-catch',
      'inner-caught',
      'outer',
      'end',
    ]);
  });

  it('raises UNHANDLED_ERROR_EVENT on the task when no level catches the code', () => {
    const driver = nested('OTHER', 'ANOTHER');
    driver.create();
    const { jobKey, elementInstanceKey } = driver.job('work');
    throwFrom(driver, 'work', 'FAILED', { errorMessage: 'boom', variables: { detail: 1 } });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'work', jobKey });
    expect(incident?.errorMessage).toBe(
      "Expected to throw an error event with the code 'FAILED' with message 'boom', but it was not caught. No error events are available in the scope.",
    );
    expect(driver.liveTokens()).toEqual(['outer:ON_HOLD', 'inner:ON_HOLD', 'work:ACTIVE'].sort());
    // Uncaught, the error's variables stay on the task (as in Zeebe), visible to a retry.
    expect(driver.current.variables[elementInstanceKey]).toEqual({ detail: 1 });
  });
});

describe('error end events', () => {
  function endEventModel(errorCode: string, withCatch: boolean) {
    return buildModel(
      'error-end',
      [
        { id: 'start', kind: 'startEvent' },
        {
          id: 'sub',
          kind: 'subProcess',
          startEventIds: ['sub-start'],
          ...(withCatch ? { boundaryEventIds: ['caught'] } : {}),
        },
        { id: 'sub-start', kind: 'startEvent', scopeId: 'sub' },
        {
          id: 'fail',
          kind: 'endEvent',
          scopeId: 'sub',
          terminate: false,
          errorCode: errorCode.startsWith('=')
            ? { kind: 'feel', expression: errorCode.slice(1) }
            : { kind: 'static', value: errorCode },
        },
        { id: 'end', kind: 'endEvent', terminate: false },
        {
          id: 'caught',
          kind: 'boundaryEvent',
          attachedToId: 'sub',
          cancelActivity: true,
          trigger: { kind: 'error', error: { errorCode: 'BAD_INPUT' } },
        },
        { id: 'caught-end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'sub'],
        ['sub-start', 'fail'],
        ['sub', 'end'],
        ['caught', 'caught-end'],
      ],
    );
  }

  it('throw a code computed by FEEL', () => {
    const driver = new InstanceDriver(endEventModel('="BAD_" + kind', true));
    driver.create({ kind: 'INPUT' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual(['start', 'sub-start', 'caught', 'caught-end']);
  });

  it('raise UNHANDLED_ERROR_EVENT on the end event when nothing catches them; resolving throws again', () => {
    const driver = new InstanceDriver(endEventModel('BAD_INPUT', false));
    driver.create();
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail' });
    expect(incident?.errorMessage).toContain("'BAD_INPUT'");
    expect(driver.liveTokens()).toEqual(['fail:ACTIVE', 'sub:ON_HOLD']);

    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.openIncidents()).toEqual([expect.objectContaining({ elementId: 'fail' })]);
    expect(driver.current.state).toBe('ACTIVE');
  });
});

describe('error event subprocesses', () => {
  /** A process with a task `work` and two error event subprocesses: one for `code`, one catch-all. */
  function withEventSubProcesses(code: string): InstanceDriver {
    const eventSubProcess = (id: string, errorCode?: string): NodeSpec[] => [
      { id, kind: 'subProcess', startEventIds: [`${id}-start`], triggeredByEvent: true },
      {
        id: `${id}-start`,
        kind: 'startEvent',
        scopeId: id,
        error: errorCode === undefined ? {} : { errorCode },
      },
      { id: `${id}-end`, kind: 'endEvent', scopeId: id, terminate: false },
    ];
    return new InstanceDriver(
      buildModel(
        'event-subprocesses',
        [
          { id: 'start', kind: 'startEvent' },
          { id: 'fork', kind: 'parallelGateway' },
          { id: 'work', kind: 'serviceTask', job: jobDefinition('work') },
          { id: 'other', kind: 'userTask', userTask: { zeebeUserTask: true } },
          { id: 'end', kind: 'endEvent', terminate: false },
          ...eventSubProcess('catch-all'),
          ...eventSubProcess('specific', code),
        ],
        [
          ['start', 'fork'],
          ['fork', 'work'],
          ['fork', 'other'],
          ['work', 'end'],
          ['other', 'end'],
          ['catch-all-start', 'catch-all-end'],
          ['specific-start', 'specific-end'],
        ],
      ),
    );
  }

  it('the one naming the code wins over a catch-all; every other path of the scope ends', () => {
    const driver = withEventSubProcesses('FAILED');
    driver.create();
    const userTaskKey = driver.userTask('other').userTaskKey;
    throwFrom(driver, 'work', 'FAILED', { variables: { cause: 'x' } });
    expect(driver.current.userTasks[userTaskKey]?.state).toBe('CANCELED');
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual(['start', 'fork', 'specific-start', 'specific-end', 'specific']);
    expect(driver.rootVariables()).toEqual({ cause: 'x' });
  });

  it('the catch-all takes any other code', () => {
    const driver = withEventSubProcesses('FAILED');
    driver.create();
    throwFrom(driver, 'work', 'SOMETHING_ELSE');
    expect(completedIds(driver)).toContain('catch-all');
    expect(completedIds(driver)).not.toContain('specific');
  });
});
