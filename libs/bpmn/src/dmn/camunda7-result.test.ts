// Camunda 7's mapDecisionResult applied to Zeebe-shaped decision outputs.
import { mapDecisionResult } from './camunda7-result';
import type { DecisionModel, DecisionTableLogic } from './model';

function table(hitPolicy: DecisionTableLogic['hitPolicy'], outputNames: readonly string[]): DecisionModel {
  return {
    decisionId: 'd',
    name: 'D',
    resultName: 'd',
    requiredDecisionIds: [],
    logic: {
      kind: 'decisionTable',
      hitPolicy,
      inputs: [],
      outputs: outputNames.map((name) => ({ outputId: `${name}-id`, name, outputName: name })),
      rules: [],
    },
  };
}

describe('mapDecisionResult', () => {
  it('resultList: every rule result as a map by output name', () => {
    expect(mapDecisionResult(table('COLLECT', ['level']), ['a', 'b'], 'resultList')).toEqual({
      ok: true,
      value: [{ level: 'a' }, { level: 'b' }],
    });
  });

  it('singleResult: the one rule result, null when none matched, a failure for several', () => {
    const decision = table('UNIQUE', ['level', 'score']);
    expect(mapDecisionResult(decision, { level: 'a', score: 1 }, 'singleResult')).toEqual({
      ok: true,
      value: { level: 'a', score: 1 },
    });
    expect(mapDecisionResult(decision, null, 'singleResult')).toEqual({ ok: true, value: null });
    expect(mapDecisionResult(table('COLLECT', ['level']), ['a', 'b'], 'singleResult')).toMatchObject({
      ok: false,
      message: expect.stringContaining('has 2 results'),
    });
  });

  it('singleEntry: the value itself; several outputs fail', () => {
    expect(mapDecisionResult(table('FIRST', ['level']), 'high', 'singleEntry')).toEqual({
      ok: true,
      value: 'high',
    });
    expect(mapDecisionResult(table('FIRST', ['a', 'b']), { a: 1, b: 2 }, 'singleEntry')).toMatchObject({
      ok: false,
    });
  });

  it('collectEntries: the one output of every rule', () => {
    expect(mapDecisionResult(table('RULE ORDER', ['level']), ['x', 'y'], 'collectEntries')).toEqual({
      ok: true,
      value: ['x', 'y'],
    });
  });

  it('a literal expression is one result of one entry named by its variable', () => {
    const literal: DecisionModel = {
      decisionId: 'd',
      name: 'D',
      resultName: 'total',
      requiredDecisionIds: [],
      logic: { kind: 'literalExpression', expression: '1 + 2' },
    };
    expect(mapDecisionResult(literal, 3, 'resultList')).toEqual({ ok: true, value: [{ total: 3 }] });
    expect(mapDecisionResult(literal, 3, 'singleEntry')).toEqual({ ok: true, value: 3 });
  });
});
