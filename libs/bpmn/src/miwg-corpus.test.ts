// Every MIWG reference model must be reported on without a crash: compiled, or rejected with
// reasons. The summary of which files compile is printed for the record.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileBpmn } from './compile';
import type { CompileResult } from './model';

const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../../shared/corpus/miwg');
const files = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.bpmn'))
  .sort();

function declaresExecutableProcess(xml: string): boolean {
  return /<(\w+:)?process\b[^>]*isExecutable="true"/.test(xml);
}

function summary(result: CompileResult): string {
  if (result.ok)
    return `compiles: ${result.processes.map((process) => process.processDefinitionId).join(', ')}`;
  return `rejected: ${[...new Set(result.problems.map((problem) => problem.code))].join(', ')}`;
}

describe('MIWG reference corpus', () => {
  const outcomes: string[] = [];
  afterAll(() => {
    console.info(`MIWG corpus outcomes:\n${outcomes.join('\n')}`);
  });

  it('contains the reference models', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s compiles or is rejected with clear reasons', async (file) => {
    const xml = readFileSync(path.join(CORPUS_DIR, file), 'utf8');
    const result = await compileBpmn(xml, { resourceName: file });
    outcomes.push(`${file}: ${summary(result)}`);
    if (result.ok) {
      expect(result.processes.length).toBeGreaterThan(0);
      return;
    }
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) expect(problem.message.trim()).not.toBe('');
    const codes = result.problems.map((problem) => problem.code);
    // A diagram-only model is rejected for exactly that reason; an executable one for its contents.
    if (declaresExecutableProcess(xml)) expect(codes).not.toContain('NO_EXECUTABLE_PROCESS');
    else expect(codes).toContain('NO_EXECUTABLE_PROCESS');
  });

  it.each(['A.1.0.bpmn', 'A.4.0.bpmn', 'A.4.1.bpmn'])(
    '%s compiles once its processes are made executable',
    async (file) => {
      const xml = readFileSync(path.join(CORPUS_DIR, file), 'utf8').replace(
        /isExecutable="false"/g,
        'isExecutable="true"',
      );
      const result = await compileBpmn(xml, { resourceName: file });
      if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
      for (const process of result.processes) {
        expect(process.startEventIds.length).toBeGreaterThan(0);
        expect(Object.keys(process.elements).length).toBeGreaterThan(process.startEventIds.length);
      }
    },
  );
});
