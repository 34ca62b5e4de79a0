// Business knowledge models and the boxed expressions built of them, as a caller sees them: a
// decision invokes a model by name or through an invocation with bindings, models invoke one
// another, a broken model is refused with its element id, and a runaway recursion stops within
// the FEEL step budget instead of each call getting a budget of its own.
import { evaluateDecision } from './evaluate-decision';
import { readDmn } from './read-dmn';
import type { DecisionRequirementsModel } from './model';

function dmn(body: string): string {
  return `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="Test" namespace="test">${body}</definitions>`;
}

function literalBkm(
  id: string,
  name: string,
  parameters: readonly string[],
  text: string,
  requires = '',
): string {
  return `<businessKnowledgeModel id="${id}" name="${name}">
    <variable name="${name}"/>${requires}
    <encapsulatedLogic>
      ${parameters.map((parameter) => `<formalParameter name="${parameter}"/>`).join('')}
      <literalExpression><text>${text}</text></literalExpression>
    </encapsulatedLogic>
  </businessKnowledgeModel>`;
}

function requires(...ids: string[]): string {
  return ids
    .map((id) => `<knowledgeRequirement><requiredKnowledge href="#${id}"/></knowledgeRequirement>`)
    .join('');
}

function literalDecision(id: string, text: string, requirements: string): string {
  return `<decision id="${id}" name="${id}"><variable name="${id}"/>${requirements}
    <literalExpression><text>${text}</text></literalExpression></decision>`;
}

async function read(xml: string): Promise<DecisionRequirementsModel> {
  const result = await readDmn(xml, 'test.dmn');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.drg;
}

const payment = literalBkm('b_PMT', 'PMT', ['p', 'r', 'n'], '(p*r/12)/(1-(1+r/12)**-n)');

describe('business knowledge models', () => {
  it('are FEEL functions of the decisions that require them', async () => {
    const drg = await read(
      dmn(
        payment +
          literalDecision('monthly', 'PMT(loan.amount, loan.rate, loan.term) + fee', requires('b_PMT')),
      ),
    );
    expect(drg.businessKnowledgeModels?.map((bkm) => [bkm.bkmId, bkm.name, bkm.parameters])).toEqual([
      ['b_PMT', 'PMT', ['p', 'r', 'n']],
    ]);
    const evaluation = evaluateDecision(drg, 'monthly', {
      loan: { amount: 600000, rate: 0.0375, term: 360 },
      fee: 100,
    });
    expect(evaluation.ok && evaluation.output).toBeCloseTo(2878.69, 2);
  });

  it('are invoked through an invocation with bindings; a parameter without binding is null', async () => {
    const table = `<businessKnowledgeModel id="b_level" name="level"><variable name="level"/>
      <encapsulatedLogic><formalParameter name="score"/><formalParameter name="bonus"/>
        <decisionTable id="level-table" hitPolicy="FIRST">
          <input id="i1"><inputExpression><text>score + (if bonus = null then 0 else bonus)</text></inputExpression></input>
          <output id="o1" name="level"/>
          <rule id="high"><inputEntry><text>&gt;= 10</text></inputEntry><outputEntry><text>"high"</text></outputEntry></rule>
          <rule id="low"><inputEntry><text>-</text></inputEntry><outputEntry><text>"low"</text></outputEntry></rule>
        </decisionTable>
      </encapsulatedLogic></businessKnowledgeModel>`;
    const invoking = (
      id: string,
      bindings: string,
    ): string => `<decision id="${id}" name="${id}">${requires('b_level')}
      <invocation><literalExpression><text>level</text></literalExpression>${bindings}</invocation></decision>`;
    const binding = (name: string, text: string): string =>
      `<binding><parameter name="${name}"/><literalExpression><text>${text}</text></literalExpression></binding>`;
    const drg = await read(
      dmn(
        table +
          invoking('withBonus', binding('score', 'points') + binding('bonus', '5')) +
          invoking('noBonus', binding('score', 'points')),
      ),
    );
    expect(evaluateDecision(drg, 'withBonus', { points: 6 })).toMatchObject({ ok: true, output: 'high' });
    expect(evaluateDecision(drg, 'noBonus', { points: 6 })).toMatchObject({ ok: true, output: 'low' });
  });

  it('invoke the models they require, but do not see the decision’s input data', async () => {
    const drg = await read(
      dmn(
        payment +
          literalBkm('b_total', 'total', ['p', 'r', 'n'], 'PMT(p, r, n) * n', requires('b_PMT')) +
          literalBkm('b_leaky', 'leaky', [], 'fee') +
          literalDecision('cost', 'total(1000, 0.12, 12)', requires('b_total')) +
          literalDecision('leak', 'leaky()', requires('b_leaky')) +
          '<inputData id="fee-input" name="fee"/>',
      ),
    );
    const cost = evaluateDecision(drg, 'cost', {});
    expect(cost.ok && cost.output).toBeCloseTo(1066.19, 2);
    const leak = evaluateDecision(drg, 'leak', { fee: 5 });
    expect(leak).toMatchObject({ ok: false, failedDecisionId: 'leak' });
    expect(!leak.ok && leak.failureMessage).toContain("business knowledge model 'b_leaky'");
    expect(!leak.ok && leak.failureMessage).toContain('fee');
  });

  it('may recurse, and a runaway recursion stops within the step budget of the decision', async () => {
    const fibonacci = literalBkm(
      'b_fib',
      'fib',
      ['n'],
      'if n &lt; 2 then n else fib(n - 1) + fib(n - 2)',
      requires('b_fib'),
    );
    const drg = await read(
      dmn(
        fibonacci +
          literalDecision('small', 'fib(6)', requires('b_fib')) +
          literalDecision('huge', 'fib(30)', requires('b_fib')),
      ),
    );
    expect(evaluateDecision(drg, 'small', {})).toMatchObject({ ok: true, output: 8 });
    const huge = evaluateDecision(drg, 'huge', {});
    expect(huge).toMatchObject({ ok: false, failedDecisionId: 'huge' });
    expect(!huge.ok && huge.failureMessage).toMatch(/took more than \d+ steps \(FEEL_MAX_STEPS\)/);
  });

  it('are refused when broken, each problem named by its element id', async () => {
    const result = await readDmn(
      dmn(
        `<businessKnowledgeModel id="b_empty" name="empty"><variable name="empty"/></businessKnowledgeModel>
         <businessKnowledgeModel id="b_java" name="java"><variable name="java"/>
           <encapsulatedLogic kind="Java"><literalExpression><text>x</text></literalExpression></encapsulatedLogic>
         </businessKnowledgeModel>
         <businessKnowledgeModel id="b_unnamed" name="unnamed"><variable name="unnamed"/>
           <encapsulatedLogic><formalParameter/><literalExpression><text>1</text></literalExpression></encapsulatedLogic>
         </businessKnowledgeModel>` + literalDecision('d', 'missing()', requires('b_missing')),
      ),
      'broken.dmn',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['UNRESOLVED_REFERENCE', 'd'],
      ['MISSING_EXPRESSION', 'b_empty'],
      ['UNSUPPORTED_DECISION_LOGIC', 'b_java'],
      ['MISSING_PARAMETER_NAME', 'b_unnamed'],
    ]);
  });
});

describe('decision services', () => {
  it('evaluate their output decisions from the input data and input decisions passed as arguments', async () => {
    const drg = await read(
      dmn(`<inputData id="price-input" name="price"/>
        <decision id="rate" name="rate"><variable name="rate"/><literalExpression><text>0.1</text></literalExpression></decision>
        <decision id="discount" name="discount"><variable name="discount"/>
          <informationRequirement><requiredDecision href="#rate"/></informationRequirement>
          <informationRequirement><requiredInput href="#price-input"/></informationRequirement>
          <literalExpression><text>price * rate</text></literalExpression></decision>
        <decisionService id="discounting" name="discounting"><variable name="discounting"/>
          <outputDecision href="#discount"/><inputDecision href="#rate"/><inputData href="#price-input"/>
        </decisionService>
        ${literalDecision('caller', 'discounting(200, 0.25) + discounting(price: 100, rate: 0.5)', requires('discounting'))}
`),
    );
    expect(drg.decisionServices).toEqual([
      {
        serviceId: 'discounting',
        name: 'discounting',
        outputDecisionIds: ['discount'],
        inputDecisionIds: ['rate'],
        parameters: ['price', 'rate'],
      },
    ]);
    expect(evaluateDecision(drg, 'caller', {})).toMatchObject({ ok: true, output: 100 });
  });

  it('are refused when they name a decision the file does not hold', async () => {
    const result = await readDmn(
      dmn(
        `${literalDecision('d', '1', '')}<decisionService id="service" name="service"><outputDecision href="#nowhere"/></decisionService>`,
      ),
      'service.dmn',
    );
    expect(!result.ok && result.problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['UNRESOLVED_REFERENCE', 'service'],
    ]);
  });
});

describe('boxed expressions', () => {
  it('evaluates contexts entry by entry, lists and relations', async () => {
    const literal = (text: string): string => `<literalExpression><text>${text}</text></literalExpression>`;
    const drg = await read(
      dmn(`<decision id="quote" name="quote"><context>
          <contextEntry><variable name="net"/>${literal('price * quantity')}</contextEntry>
          <contextEntry><variable name="gross"/>${literal('net * 1.2')}</contextEntry>
        </context></decision>
        <decision id="gross" name="gross"><context>
          <contextEntry><variable name="net"/>${literal('price * quantity')}</contextEntry>
          <contextEntry>${literal('net * 2')}</contextEntry>
        </context></decision>
        <decision id="sizes" name="sizes"><list>${literal('"S"')}${literal('"M"')}</list></decision>
        <decision id="rates" name="rates"><relation>
          <column name="size"/><column name="rate"/>
          <row>${literal('"S"')}${literal('1')}</row><row>${literal('"M"')}${literal('2')}</row>
        </relation></decision>`),
    );
    expect(evaluateDecision(drg, 'quote', { price: 10, quantity: 3 })).toMatchObject({
      ok: true,
      output: { net: 30, gross: 36 },
    });
    expect(evaluateDecision(drg, 'gross', { price: 10, quantity: 3 })).toMatchObject({
      ok: true,
      output: 60,
    });
    expect(evaluateDecision(drg, 'sizes', {})).toMatchObject({ ok: true, output: ['S', 'M'] });
    expect(evaluateDecision(drg, 'rates', {})).toMatchObject({
      ok: true,
      output: [
        { size: 'S', rate: 1 },
        { size: 'M', rate: 2 },
      ],
    });
  });

  it('keeps FEEL values between decisions and for the rules: a date stays a date, functions stay callable', async () => {
    const drg = await read(
      dmn(`<decision id="library" name="library"><variable name="library"/><context>
          <contextEntry><variable name="double"/><literalExpression><text>function(x) x * 2</text></literalExpression></contextEntry>
          <contextEntry><variable name="cutoff"/><literalExpression><text>date("2020-01-01")</text></literalExpression></contextEntry>
        </context></decision>
        <decision id="doubled" name="doubled">
          <informationRequirement><requiredDecision href="#library"/></informationRequirement>
          <literalExpression><text>library.double(21)</text></literalExpression></decision>
        <decision id="age" name="age">
          <informationRequirement><requiredDecision href="#library"/></informationRequirement>
          <decisionTable id="age-table" hitPolicy="FIRST">
            <input id="ordered" label="Ordered"><inputExpression><text>date(orderDate)</text></inputExpression></input>
            <output id="age-output" name="age"/>
            <rule id="old"><inputEntry><text>&lt; library.cutoff</text></inputEntry><outputEntry><text>"old"</text></outputEntry></rule>
            <rule id="new"><inputEntry><text>-</text></inputEntry><outputEntry><text>"new"</text></outputEntry></rule>
          </decisionTable></decision>`),
    );
    expect(evaluateDecision(drg, 'doubled', {})).toMatchObject({ ok: true, output: 42 });
    const age = evaluateDecision(drg, 'age', { orderDate: '2019-05-01' });
    expect(age).toMatchObject({ ok: true, output: 'old' });
    expect(age.evaluatedDecisions[1]?.evaluatedInputs).toEqual([
      { inputId: 'ordered', inputName: 'Ordered', inputValue: '2019-05-01' },
    ]);
  });

  it('evaluates DMN 1.5 conditional, filter, for, some and every; a list or condition of the wrong type fails', async () => {
    const literal = (text: string): string => `<literalExpression><text>${text}</text></literalExpression>`;
    const decision = (id: string, body: string): string =>
      `<decision id="${id}" name="${id}">${body}</decision>`;
    const drg = await read(
      dmn(
        decision(
          'size',
          `<conditional><if>${literal('n &gt; 10')}</if><then>${literal('"big"')}</then><else>${literal('"small"')}</else></conditional>`,
        ) +
          decision(
            'large',
            `<filter><in>${literal('items')}</in><match>${literal('item.qty &gt;= 2')}</match></filter>`,
          ) +
          decision(
            'doubled',
            `<for iteratorVariable="x"><in>${literal('[1, 2]')}</in><return>${literal('x * 2')}</return></for>`,
          ) +
          decision(
            'anyLarge',
            `<some iteratorVariable="x"><in>${literal('items')}</in><satisfies>${literal('x.qty &gt; 2')}</satisfies></some>`,
          ) +
          decision(
            'allPositive',
            `<every iteratorVariable="x"><in>${literal('items')}</in><satisfies>${literal('x.qty &gt; 0')}</satisfies></every>`,
          ) +
          decision(
            'notAList',
            `<for iteratorVariable="x"><in>${literal('"abc"')}</in><return>${literal('x')}</return></for>`,
          ),
      ).replace(
        'https://www.omg.org/spec/DMN/20191111/MODEL/',
        'https://www.omg.org/spec/DMN/20230324/MODEL/',
      ),
    );
    const items = [{ qty: 1 }, { qty: 3 }];
    expect(evaluateDecision(drg, 'size', { n: 11 })).toMatchObject({ ok: true, output: 'big' });
    expect(evaluateDecision(drg, 'size', { n: 1 })).toMatchObject({ ok: true, output: 'small' });
    expect(evaluateDecision(drg, 'large', { items })).toMatchObject({ ok: true, output: [{ qty: 3 }] });
    expect(evaluateDecision(drg, 'doubled', {})).toMatchObject({ ok: true, output: [2, 4] });
    expect(evaluateDecision(drg, 'anyLarge', { items })).toMatchObject({ ok: true, output: true });
    expect(evaluateDecision(drg, 'allPositive', { items })).toMatchObject({ ok: true, output: true });
    const failed = evaluateDecision(drg, 'notAList', {});
    expect(!failed.ok && failed.failureMessage).toContain('the in of the for is not a list: "abc"');
  });
});
