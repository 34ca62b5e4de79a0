// Decision evaluation as a caller sees it: results, the rules reported as matched, default outputs,
// and failures naming the decision, the rule and the FEEL error. The hit policies' arithmetic is
// covered case by case by the DMN TCK (libs/bpmn/test/dmn-tck).
import { evaluateDecision } from './evaluate-decision';
import { readDmn } from './read-dmn';
import type { DecisionRequirementsModel } from './model';

interface Rule {
  readonly when: string;
  readonly then: string;
}

function tableDmn(hitPolicy: string, rules: readonly Rule[], extra = ''): string {
  const ruleXml = rules
    .map(
      (rule, index) =>
        `<rule id="r${index + 1}"><inputEntry id="r${index + 1}-in"><text>${rule.when}</text></inputEntry>` +
        `<outputEntry id="r${index + 1}-out"><text>${rule.then}</text></outputEntry></rule>`,
    )
    .join('');
  return `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="Test" namespace="test">
    <decision id="grade" name="Grade">
      <decisionTable id="table" hitPolicy="${hitPolicy}" ${extra}>
        <input id="score-input" label="Score"><inputExpression id="score-expr"><text>score</text></inputExpression></input>
        <output id="grade-output" name="grade" label="Grade" />
        ${ruleXml}
      </decisionTable>
    </decision>
  </definitions>`;
}

async function read(xml: string): Promise<DecisionRequirementsModel> {
  const result = await readDmn(xml, 'test.dmn');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.drg;
}

const overlapping: Rule[] = [
  { when: '&gt;= 50', then: '"pass"' },
  { when: '&gt;= 90', then: '"excellent"' },
];

describe('evaluateDecision', () => {
  it('reports only the rule that gave the result for FIRST', async () => {
    const drg = await read(tableDmn('FIRST', overlapping));
    const evaluation = evaluateDecision(drg, 'grade', { score: 95 });
    expect(evaluation.ok && evaluation.output).toBe('pass');
    expect(
      evaluation.evaluatedDecisions[0]?.matchedRules.map((rule) => [rule.ruleId, rule.ruleIndex]),
    ).toEqual([['r1', 1]]);
    expect(evaluation.evaluatedDecisions[0]?.evaluatedInputs).toEqual([
      { inputId: 'score-input', inputName: 'Score', inputValue: 95 },
    ]);
  });

  it('fails UNIQUE when two rules match, naming the decision and the rules', async () => {
    const drg = await read(tableDmn('UNIQUE', overlapping));
    const evaluation = evaluateDecision(drg, 'grade', { score: 95 });
    expect(evaluation).toMatchObject({ ok: false, failedDecisionId: 'grade' });
    expect(!evaluation.ok && evaluation.failureMessage).toBe(
      "failed to evaluate decision 'grade': hit policy UNIQUE: 2 rules matched (r1, r2), at most one may",
    );
  });

  it('orders by output values for PRIORITY and OUTPUT ORDER', async () => {
    const outputValues = '<outputValues><text>"excellent","pass"</text></outputValues>';
    const xml = (policy: string) =>
      tableDmn(policy, overlapping).replace(
        '<output id="grade-output" name="grade" label="Grade" />',
        `<output id="grade-output" name="grade" label="Grade">${outputValues}</output>`,
      );
    const priority = evaluateDecision(await read(xml('PRIORITY')), 'grade', { score: 95 });
    const outputOrder = evaluateDecision(await read(xml('OUTPUT ORDER')), 'grade', { score: 95 });
    expect(priority.ok && priority.output).toBe('excellent');
    expect(outputOrder.ok && outputOrder.output).toEqual(['excellent', 'pass']);
  });

  it('collects, aggregates and counts; an empty COLLECT is an empty list, an empty SUM null', async () => {
    const rules = [
      { when: '&gt;= 50', then: '10' },
      { when: '&gt;= 90', then: '5' },
    ];
    const collect = await read(tableDmn('COLLECT', rules));
    const sum = await read(tableDmn('COLLECT', rules, 'aggregation="SUM"'));
    const count = await read(tableDmn('COLLECT', rules, 'aggregation="COUNT"'));
    expect(evaluateDecision(collect, 'grade', { score: 95 })).toMatchObject({ ok: true, output: [10, 5] });
    expect(evaluateDecision(sum, 'grade', { score: 95 })).toMatchObject({ ok: true, output: 15 });
    expect(evaluateDecision(count, 'grade', { score: 95 })).toMatchObject({ ok: true, output: 2 });
    expect(evaluateDecision(collect, 'grade', { score: 10 })).toMatchObject({ ok: true, output: [] });
    expect(evaluateDecision(sum, 'grade', { score: 10 })).toMatchObject({ ok: true, output: null });
  });

  it('gives the default output when no rule matches', async () => {
    const xml = tableDmn('UNIQUE', overlapping.slice(0, 1)).replace(
      '<output id="grade-output" name="grade" label="Grade" />',
      '<output id="grade-output" name="grade" label="Grade"><defaultOutputEntry><text>"fail"</text></defaultOutputEntry></output>',
    );
    const evaluation = evaluateDecision(await read(xml), 'grade', { score: 10 });
    expect(evaluation).toMatchObject({ ok: true, output: 'fail' });
    expect(evaluation.evaluatedDecisions[0]?.matchedRules).toEqual([]);
  });

  it('fails with the FEEL error of an output entry, naming the rule', async () => {
    const drg = await read(tableDmn('FIRST', [{ when: '-', then: 'bonus + 1' }]));
    const evaluation = evaluateDecision(drg, 'grade', { score: 1 });
    expect(!evaluation.ok && evaluation.failureMessage).toMatch(
      /^failed to evaluate decision 'grade': rule 'r1', output 'Grade': failed to evaluate expression 'bonus \+ 1': .*bonus/,
    );
  });

  it('answers an unknown decision id as a failure', async () => {
    const drg = await read(tableDmn('FIRST', overlapping));
    expect(evaluateDecision(drg, 'nope', {})).toMatchObject({ ok: false, failedDecisionId: 'nope' });
  });
});

describe('readDmn', () => {
  it('names every problem with its element id', async () => {
    const xml = tableDmn('SOMETIMES', [{ when: '1', then: '2' }]).replace(
      '<outputEntry id="r1-out"><text>2</text></outputEntry>',
      '',
    );
    const result = await readDmn(xml, 'test.dmn');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['INVALID_HIT_POLICY', 'table'],
      ['INVALID_RULE', 'r1'],
    ]);
  });

  it("reads a decision's zeebe:versionTag", async () => {
    const xml = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="drg" namespace="t">
      <decision id="tagged"><extensionElements><zeebe:versionTag value="v2.1" /></extensionElements><literalExpression id="lt"><text>1</text></literalExpression></decision>
      <decision id="plain"><literalExpression id="lp"><text>2</text></literalExpression></decision>
    </definitions>`;
    const drg = await read(xml);
    expect(drg.decisions.map((decision) => [decision.decisionId, decision.versionTag])).toEqual([
      ['tagged', 'v2.1'],
      ['plain', undefined],
    ]);
  });

  it('refuses a file that is not DMN and a cycle of required decisions', async () => {
    expect(
      await readDmn('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>', 'x.dmn'),
    ).toMatchObject({
      ok: false,
      problems: [{ code: 'NOT_DMN', message: 'x.dmn is not a DMN XML document' }],
    });
    const cycle = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" namespace="t">
      <decision id="a"><informationRequirement id="ia"><requiredDecision href="#b"/></informationRequirement><literalExpression id="la"><text>b</text></literalExpression></decision>
      <decision id="b"><informationRequirement id="ib"><requiredDecision href="#a"/></informationRequirement><literalExpression id="lb"><text>a</text></literalExpression></decision>
    </definitions>`;
    const result = await readDmn(cycle, 'cycle.dmn');
    expect(!result.ok && result.problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['REQUIREMENT_CYCLE', 'a'],
      ['REQUIREMENT_CYCLE', 'b'],
    ]);
  });
});
