// Business rule tasks that call a DMN decision compile to a calledDecision the engine evaluates
// (no job), in both dialects; what cannot run is refused at deploy naming the task.
import { compileBpmn } from './compile';
import { camunda7Process, onlyProcess, problemsOf, zeebeProcess } from './test-support';

const zeebeTask = (attributes: string): string =>
  `<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision ${attributes} /></bpmn:extensionElements></bpmn:businessRuleTask>`;

describe('zeebe:calledDecision', () => {
  it('compiles to the decision id, result variable and latest binding, without a job', async () => {
    const process = onlyProcess(
      await compileBpmn(zeebeProcess(zeebeTask('decisionId="risk" resultVariable="riskLevel"'))),
    );
    expect(process.elements['decide']).toMatchObject({
      kind: 'businessRuleTask',
      calledDecision: {
        decisionId: { kind: 'static', value: 'risk' },
        resultVariable: 'riskLevel',
        bindingType: 'latest',
      },
    });
    expect(process.elements['decide']).not.toHaveProperty('job');
  });

  it('reads a FEEL decision id and bindingType deployment', async () => {
    const process = onlyProcess(
      await compileBpmn(
        zeebeProcess(
          zeebeTask('decisionId="=&quot;risk-&quot; + region" resultVariable="r" bindingType="deployment"'),
        ),
      ),
    );
    expect(process.elements['decide']).toMatchObject({
      calledDecision: {
        decisionId: { kind: 'feel', expression: '"risk-" + region' },
        bindingType: 'deployment',
      },
    });
  });

  it('reads bindingType versionTag with its tag', async () => {
    const process = onlyProcess(
      await compileBpmn(
        zeebeProcess(
          zeebeTask('decisionId="risk" resultVariable="r" bindingType="versionTag" versionTag="v1.2"'),
        ),
      ),
    );
    expect(process.elements['decide']).toMatchObject({
      calledDecision: { bindingType: 'versionTag', versionTag: 'v1.2' },
    });
  });

  it.each([
    ['decisionId="risk"', 'names no result variable'],
    ['resultVariable="r"', 'names no decision id'],
    [
      'decisionId="risk" resultVariable="r" bindingType="versionTag"',
      "bindingType 'versionTag' needs a versionTag",
    ],
    ['decisionId="risk" resultVariable="r" bindingType="newest"', "bindingType 'newest' is not supported"],
  ])('refuses %s at deploy, naming the task', async (attributes, message) => {
    const problems = problemsOf(await compileBpmn(zeebeProcess(zeebeTask(attributes))));
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'decide', message: expect.stringContaining(message) }),
    ]);
  });
});

describe('camunda:decisionRef', () => {
  it('compiles with its result variable and mapDecisionResult', async () => {
    const process = onlyProcess(
      await compileBpmn(
        camunda7Process(
          '<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="decide" camunda:decisionRef="risk" camunda:resultVariable="risk" camunda:mapDecisionResult="singleEntry"/>',
        ),
      ),
    );
    expect(process.elements['decide']).toMatchObject({
      calledDecision: {
        decisionId: { kind: 'static', value: 'risk' },
        resultVariable: 'risk',
        bindingType: 'latest',
        mapDecisionResult: 'singleEntry',
      },
    });
  });

  it('may have no result variable: the decision is evaluated and its result not kept', async () => {
    const process = onlyProcess(
      await compileBpmn(
        camunda7Process(
          '<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="decide" camunda:decisionRef="risk"/>',
        ),
      ),
    );
    expect(process.elements['decide']).toMatchObject({ calledDecision: { bindingType: 'latest' } });
    expect(process.elements['decide']).not.toHaveProperty('calledDecision.resultVariable');
  });

  it('refuses a version binding at deploy', async () => {
    const problems = problemsOf(
      await compileBpmn(
        camunda7Process(
          '<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="decide" camunda:decisionRef="risk" camunda:resultVariable="r" camunda:decisionRefBinding="version" camunda:decisionRefVersion="2"/>',
        ),
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        elementId: 'decide',
        message: expect.stringContaining("decisionRefBinding 'version' is not supported"),
      }),
    ]);
  });
});
