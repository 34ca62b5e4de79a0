// Runs one DMN TCK model folder: reads the model with readDmn, evaluates every expected result of
// every test case with evaluateDecision and compares it with the expected value (numbers within a
// relative 1e-9: feelin computes in binary floating point, the TCK expects decimals).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { evaluateDecision, readDmn } from '../../src/dmn';
import type { DecisionRequirementsModel } from '../../src/dmn';
import { readTckFile, type TckCase, type TckResult } from './tck-test-cases';

export const TCK_DIR = path.resolve(import.meta.dirname, '../../../../../shared/corpus/dmn-tck/TestCases');

export interface CaseOutcome {
  readonly caseId: string;
  readonly passed: boolean;
  /** Why it failed: the evaluation's failure message, or the expected and actual values. */
  readonly reason?: string;
}

export type ModelOutcome =
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'run'; readonly cases: readonly CaseOutcome[] };

/** The model folders of a compliance level, in order. */
export function tckModels(level: 2 | 3): string[] {
  const dir = path.join(TCK_DIR, `compliance-level-${level}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function runTckModel(level: 2 | 3, model: string): Promise<ModelOutcome> {
  const dir = path.join(TCK_DIR, `compliance-level-${level}`, model);
  const files = readdirSync(dir);
  const testFiles = files.filter((file) => /-test-\d+\.xml$/.test(file)).sort();
  const cases = testFiles.flatMap((file) => readTckFile(readFileSync(path.join(dir, file), 'utf8')).cases);
  const modelFile = files.find((file) => file.endsWith('.dmn'));
  if (modelFile === undefined || files.filter((file) => file.endsWith('.dmn')).length > 1)
    return { kind: 'unsupported', reason: 'imports other DMN models (DMN import)' };
  const read = await readDmn(readFileSync(path.join(dir, modelFile), 'utf8'), modelFile);
  if (!read.ok)
    return {
      kind: 'unsupported',
      reason: [...new Set(read.problems.map((problem) => problem.message))].join('; '),
    };
  return { kind: 'run', cases: cases.map((testCase) => runCase(read.drg, testCase)) };
}

function runCase(drg: DecisionRequirementsModel, testCase: TckCase): CaseOutcome {
  for (const result of testCase.results) {
    const failure = checkResult(drg, testCase, result);
    if (failure !== undefined)
      return { caseId: testCase.id, passed: false, reason: `${result.name}: ${failure}` };
  }
  return { caseId: testCase.id, passed: true };
}

function checkResult(
  drg: DecisionRequirementsModel,
  testCase: TckCase,
  result: TckResult,
): string | undefined {
  const decision = drg.decisions.find(
    (candidate) => candidate.name === result.name || candidate.decisionId === result.name,
  );
  if (!decision) return 'no decision of that name (a BKM or decision service result)';
  const evaluation = evaluateDecision(drg, decision.decisionId, testCase.inputs);
  if (result.errorResult)
    return evaluation.ok && evaluation.output !== null ? 'expected an error, got a result' : undefined;
  if (!evaluation.ok) return evaluation.failureMessage;
  const expected = toJson(result.expected ?? null);
  return sameValue(evaluation.output, expected)
    ? undefined
    : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(evaluation.output)}`;
}

function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number')
    return (
      actual === expected ||
      Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected))
    );
  if (Array.isArray(actual) && Array.isArray(expected))
    return (
      actual.length === expected.length && actual.every((item, index) => sameValue(item, expected[index]))
    );
  if (isContext(actual) && isContext(expected)) {
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length && keys.every((key) => sameValue(actual[key], expected[key]))
    );
  }
  return actual === expected;
}

function isContext(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
