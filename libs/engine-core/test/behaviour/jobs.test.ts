// Service tasks as jobs: creation from the model, input/output mappings, completion, failure
// with retries and back-off, BPMN errors, and the rejections of unknown or closed jobs.
import { InstanceDriver, REPLY_TARGET } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { visibleVariables } from '../../src';

async function serviceTaskDriver(): Promise<InstanceDriver> {
  return new InstanceDriver(await loadProcess('service-task'));
}

describe('service task (service-task.bpmn)', () => {
  it('creates a job with type, retries and headers, and input mappings in the local scope', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 42 }, card: 'visa' });
    const job = driver.job('charge-card');
    expect(job).toMatchObject({
      type: 'charge-card',
      retries: 5,
      customHeaders: { currency: 'EUR' },
      state: 'ACTIVATABLE',
      processDefinitionId: 'service-task-process',
    });
    expect(driver.effects('JOB_CREATED')).toEqual([{ type: 'JOB_CREATED', job }]);
    // `source="card"` has no leading `=`: a static value, not a variable reference.
    expect(driver.current.variables[job.elementInstanceKey]).toEqual({ amount: 42, method: 'card' });
    expect(visibleVariables(driver.current, job.elementInstanceKey)).toEqual({
      order: { total: 42 },
      card: 'visa',
      amount: 42,
      method: 'card',
    });
    expect(driver.rootVariables()).toEqual({ order: { total: 42 }, card: 'visa' });
    expect(driver.liveTokens()).toEqual(['charge-card:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['charge-card']);
  });

  it('applies output mappings on completion and completes the instance', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 42 }, card: 'visa' });
    const { jobKey, elementInstanceKey } = driver.job('charge-card');
    const result = driver.send({ type: 'COMPLETE_JOB', jobKey, variables: { receipt: { id: 'R-1' } } });
    expect(result.rejection).toBeUndefined();
    expect(driver.rootVariables()).toEqual({ order: { total: 42 }, card: 'visa', receiptId: 'R-1' });
    expect(driver.current.variables[elementInstanceKey]).toBeUndefined();
    expect(driver.current.jobs[jobKey]?.state).toBe('COMPLETED');
    expect(driver.effects('JOB_CLOSED')).toEqual([
      { type: 'JOB_CLOSED', jobKey, processInstanceKey: driver.processInstanceKey },
    ]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.endDate).toBeDefined();
    const event = driver.effects('INSTANCE_EVENT');
    expect(event).toHaveLength(1);
    expect(event[0]?.event).toMatchObject({ state: 'COMPLETED', activeElementIds: [], hasIncident: false });
    expect(event[0]?.event.completedElementIds).toEqual(['start', 'charge-card', 'end']);
  });

  it('raises an IO_MAPPING_ERROR incident when an input mapping fails, and retries it on resolution', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ card: 'visa' });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({
      errorType: 'IO_MAPPING_ERROR',
      elementId: 'charge-card',
      state: 'ACTIVE',
    });
    expect(incident?.errorMessage).toContain('order');
    expect(driver.effects('JOB_CREATED')).toEqual([]);
    expect(driver.effects('INCIDENT_UPDATED')).toHaveLength(1);
    expect(driver.liveTokens()).toEqual(['charge-card:ACTIVE']);
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.hasIncident).toBe(true);

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { order: { total: 7 } },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.current.incidents[incident!.incidentKey]?.state).toBe('RESOLVED');
    expect(driver.job('charge-card').type).toBe('charge-card');
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.hasIncident).toBe(false);
  });

  it('raises an IO_MAPPING_ERROR incident when an output mapping fails, and re-runs the completion', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 1 }, card: 'visa' });
    const { elementInstanceKey } = driver.job('charge-card');
    driver.completeJob('charge-card', { other: true });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'charge-card' });
    expect(incident?.errorMessage).toContain('receipt');
    expect(driver.current.state).toBe('ACTIVE');

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey,
      variables: { receipt: { id: 'late' } },
      local: true,
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()['receiptId']).toBe('late');
  });

  it('publishes a retry with back-off while retries remain, then an incident', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 1 }, card: 'visa' });
    const { jobKey } = driver.job('charge-card');
    driver.send({ type: 'FAIL_JOB', jobKey, retries: 2, errorMessage: 'gateway down', retryBackOff: 5000 });
    const [retry] = driver.effects('JOB_RETRY');
    expect(retry?.job).toMatchObject({
      jobKey,
      retries: 2,
      errorMessage: 'gateway down',
      retryAt: driver.now + 5000,
      state: 'ACTIVATABLE',
    });
    expect(driver.openIncidents()).toEqual([]);

    driver.send({ type: 'FAIL_JOB', jobKey, retries: 0, errorMessage: 'card declined' });
    expect(driver.effects('JOB_CLOSED')).toHaveLength(1);
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'card declined', jobKey });
    expect(driver.liveTokens()).toEqual(['charge-card:ACTIVE']);

    const resolution = driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(resolution.rejection?.code).toBe('INVALID_STATE');
    expect(resolution.rejection?.message).toContain('no retries left');
  });

  it('resumes a job out of retries once its retries are raised and the incident is resolved', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 1 }, card: 'visa' });
    const { jobKey } = driver.job('charge-card');
    driver.send({ type: 'FAIL_JOB', jobKey, retries: 0, errorMessage: 'card declined' });
    const [incident] = driver.openIncidents();

    const unknown = driver.send({ type: 'UPDATE_JOB_RETRIES', jobKey: '999999', retries: 1 });
    expect(unknown.rejection?.code).toBe('NOT_FOUND');
    const update = driver.send({ type: 'UPDATE_JOB_RETRIES', jobKey, retries: 3 });
    expect(update.rejection).toBeUndefined();
    expect(driver.openIncidents()).toHaveLength(1); // raising retries alone resolves nothing
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.openIncidents()).toEqual([]);
    const reopened = driver.effects('JOB_CREATED').at(-1);
    expect(reopened?.job).toMatchObject({ jobKey, retries: 3, state: 'ACTIVATABLE' });

    driver.send({ type: 'COMPLETE_JOB', jobKey, variables: { receipt: { id: 'R-2' } } });
    expect(driver.current.state).toBe('COMPLETED');
    const closed = driver.send({ type: 'UPDATE_JOB_RETRIES', jobKey, retries: 1 });
    expect(closed.rejection?.code).toBe('INVALID_STATE');
  });

  it('raises UNHANDLED_ERROR_EVENT naming the error code, and reopens the job on resolution', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 1 }, card: 'visa' });
    const { jobKey } = driver.job('charge-card');
    driver.send({ type: 'THROW_ERROR', jobKey, errorCode: 'CARD_EXPIRED', errorMessage: 'expired in 2020' });
    const [incident] = driver.openIncidents();
    expect(incident?.errorType).toBe('UNHANDLED_ERROR_EVENT');
    expect(incident?.errorMessage).toContain("'CARD_EXPIRED'");
    expect(driver.current.jobs[jobKey]?.state).toBe('ERROR_THROWN');

    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.effects('JOB_CREATED')[0]?.job).toMatchObject({ jobKey, state: 'ACTIVATABLE' });
    driver.send({ type: 'COMPLETE_JOB', jobKey, variables: { receipt: { id: 'R-2' } } });
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('rejects unknown and closed jobs, with one REJECTED reply when a reply target is set', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 1 }, card: 'visa' });
    const before = driver.current;
    const unknown = driver.send({
      type: 'COMPLETE_JOB',
      jobKey: '999999',
      variables: {},
      reply: REPLY_TARGET,
    });
    expect(unknown.rejection?.code).toBe('NOT_FOUND');
    expect(unknown.state).toBe(before);
    expect(unknown.effects).toEqual([
      {
        type: 'REPLY',
        target: REPLY_TARGET,
        body: { status: 'REJECTED', code: 'NOT_FOUND', message: unknown.rejection?.message },
      },
    ]);

    const { jobKey } = driver.job('charge-card');
    driver.send({ type: 'FAIL_JOB', jobKey, retries: 0 });
    const closed = driver.send({ type: 'COMPLETE_JOB', jobKey, variables: {} });
    expect(closed.rejection).toEqual({
      code: 'INVALID_STATE',
      message: expect.stringContaining("state 'FAILED'"),
    });
    expect(closed.effects).toEqual([]);
  });

  it('answers a command with a reply target with exactly one OK reply', async () => {
    const driver = await serviceTaskDriver();
    driver.create({ order: { total: 1 }, card: 'visa' });
    const { jobKey } = driver.job('charge-card');
    driver.send({ type: 'COMPLETE_JOB', jobKey, variables: { receipt: { id: 'x' } }, reply: REPLY_TARGET });
    expect(driver.effects('REPLY')).toEqual([
      {
        type: 'REPLY',
        target: REPLY_TARGET,
        body: expect.objectContaining({ status: 'OK', processInstanceKey: driver.processInstanceKey }),
      },
    ]);
  });
});
