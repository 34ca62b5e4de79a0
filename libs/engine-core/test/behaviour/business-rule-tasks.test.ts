// Business rule tasks calling a DMN decision, as effects and commands: entering one asks the
// runtime for an evaluation (DECISION_EVALUATION_REQUESTED with the visible variables, no job);
// DECISION_EVALUATED completes it into its result variable, then its output mappings; a failure
// raises a DECISION_EVALUATION_ERROR incident whose resolution asks again under a new key.
import type { CalledDecisionModel, FlowNode } from '@baton/bpmn';
import { InstanceDriver, REPLY_TARGET } from '../support/driver';
import { buildModel, jobDefinition } from '../support/model-builder';

function decisionModel(
  calledDecision: Partial<CalledDecisionModel> = {},
  mappings: Partial<Pick<FlowNode, 'outputMappings'>> = {},
) {
  return buildModel(
    'rules-process',
    [
      { id: 'start', kind: 'startEvent' },
      {
        id: 'decide',
        kind: 'businessRuleTask',
        calledDecision: {
          decisionId: { kind: 'static', value: 'risk' },
          resultVariable: 'risk',
          bindingType: 'latest',
          ...calledDecision,
        },
        ...mappings,
      },
      { id: 'after', kind: 'serviceTask', job: jobDefinition('after') },
      { id: 'end', kind: 'endEvent', terminate: false },
    ],
    [
      ['start', 'decide'],
      ['decide', 'after'],
      ['after', 'end'],
    ],
  );
}

function requested(driver: InstanceDriver) {
  const effect = driver.effects('DECISION_EVALUATION_REQUESTED').at(-1);
  if (!effect) throw new Error('no decision evaluation requested');
  return effect;
}

describe('business rule task with a called decision', () => {
  it('asks for the evaluation with every visible variable and waits, without a job', () => {
    const driver = new InstanceDriver(
      decisionModel({ decisionId: { kind: 'feel', expression: '"risk-" + region' } }),
    );
    driver.create({ amount: 2500, region: 'eu' });
    const task = Object.values(driver.current.elementInstances).find((e) => e.elementId === 'decide');
    expect(requested(driver)).toEqual({
      type: 'DECISION_EVALUATION_REQUESTED',
      decisionEvaluationKey: task?.decisionEvaluationKey,
      processInstanceKey: driver.processInstanceKey,
      processDefinitionKey: driver.definition.processDefinitionKey,
      elementInstanceKey: task?.key,
      elementId: 'decide',
      decisionId: 'risk-eu',
      bindingType: 'latest',
      variables: { amount: 2500, region: 'eu' },
    });
    expect(driver.effects('JOB_CREATED')).toEqual([]);
    expect(driver.activeElementIds()).toEqual(['decide']);
  });

  it('completes into the result variable, which reaches the process scope', () => {
    const driver = new InstanceDriver(decisionModel());
    driver.create({ amount: 2500 });
    const effect = requested(driver);
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: effect.elementInstanceKey,
      decisionEvaluationKey: effect.decisionEvaluationKey,
      decisionDefinitionKey: '42',
      result: { level: 'high', score: 9 },
    });
    expect(driver.activeElementIds()).toEqual(['after']);
    expect(driver.rootVariables()).toEqual({ amount: 2500, risk: { level: 'high', score: 9 } });
  });

  it('applies output mappings to the result as Zeebe does: only the mapped variables leave the task', () => {
    const driver = new InstanceDriver(
      decisionModel({}, { outputMappings: [{ source: 'risk.level', target: 'riskLevel' }] }),
    );
    driver.create({});
    const effect = requested(driver);
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: effect.elementInstanceKey,
      decisionEvaluationKey: effect.decisionEvaluationKey,
      result: { level: 'low' },
    });
    expect(driver.rootVariables()).toEqual({ riskLevel: 'low' });
  });

  it('without a result variable (Camunda 7) completes without setting one', () => {
    const driver = new InstanceDriver(
      decisionModel({ resultVariable: undefined, mapDecisionResult: 'resultList' }),
    );
    driver.create({ amount: 1 });
    const effect = requested(driver);
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: effect.elementInstanceKey,
      decisionEvaluationKey: effect.decisionEvaluationKey,
      result: [{ risk: 'low' }],
    });
    expect(driver.activeElementIds()).toEqual(['after']);
    expect(driver.rootVariables()).toEqual({ amount: 1 });
  });

  it('raises an incident naming the failure, refuses stale answers, and asks again once resolved', () => {
    const driver = new InstanceDriver(decisionModel());
    driver.create({ amount: 1 });
    const first = requested(driver);
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: first.elementInstanceKey,
      decisionEvaluationKey: first.decisionEvaluationKey,
      failureMessage: "Expected to evaluate decision 'risk', but no decision found for id 'risk'",
    });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({
      errorType: 'DECISION_EVALUATION_ERROR',
      errorMessage: "Expected to evaluate decision 'risk', but no decision found for id 'risk'",
      elementId: 'decide',
    });

    const stale = driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: first.elementInstanceKey,
      decisionEvaluationKey: first.decisionEvaluationKey,
      result: 'late',
    });
    expect(stale.rejection?.code).toBe('NOT_FOUND');

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { amount: 5 },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    const second = requested(driver);
    expect(second.decisionEvaluationKey).not.toBe(first.decisionEvaluationKey);
    expect(second.variables).toEqual({ amount: 5 });
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: second.elementInstanceKey,
      decisionEvaluationKey: second.decisionEvaluationKey,
      result: 'low',
    });
    expect(driver.openIncidents()).toEqual([]);
    expect(driver.rootVariables()).toMatchObject({ risk: 'low' });
  });

  it('drops the answer for a task that was canceled meanwhile', () => {
    const driver = new InstanceDriver(decisionModel());
    driver.create({});
    const effect = requested(driver);
    driver.send({ type: 'CANCEL_INSTANCE' });
    const late = driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: effect.elementInstanceKey,
      decisionEvaluationKey: effect.decisionEvaluationKey,
      result: 'x',
    });
    expect(late.rejection).toBeDefined();
  });
});

describe('awaitWaitState with a business rule task', () => {
  it('answers once the decision has been evaluated, with its result among the variables', () => {
    const driver = new InstanceDriver(decisionModel());
    driver.create({ amount: 3 }, { reply: { ...REPLY_TARGET, awaitWaitState: true } });
    expect(driver.effects('REPLY')).toEqual([]);
    const effect = requested(driver);
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: effect.elementInstanceKey,
      decisionEvaluationKey: effect.decisionEvaluationKey,
      result: 'low',
    });
    const [reply] = driver.effects('REPLY');
    expect(reply?.target).toEqual({ ...REPLY_TARGET, awaitWaitState: true });
    expect(reply?.body).toMatchObject({ status: 'OK', variables: { amount: 3, risk: 'low' } });
    expect(driver.current.awaitingReplies).toEqual([]);
  });

  it('answers when the evaluation failed: the incident is where the instance waits', () => {
    const driver = new InstanceDriver(decisionModel());
    driver.create({}, { reply: { ...REPLY_TARGET, awaitWaitState: true } });
    const effect = requested(driver);
    driver.send({
      type: 'DECISION_EVALUATED',
      elementInstanceKey: effect.elementInstanceKey,
      decisionEvaluationKey: effect.decisionEvaluationKey,
      failureMessage: 'no decision',
    });
    expect(driver.effects('REPLY')).toHaveLength(1);
    expect(driver.openIncidents()).toHaveLength(1);
  });
});
