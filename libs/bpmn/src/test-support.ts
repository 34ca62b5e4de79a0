// Helpers for this package's tests only (not exported): BPMN documents built from a process
// body, and reading the shared fixture files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BpmnProblem, CompileResult, ProcessModel } from './model';

const ZEEBE_DEFINITIONS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn"';
const CAMUNDA7_DEFINITIONS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn"';

/** A Zeebe-flavoured document with one executable process `p` around `body`. */
export function zeebeProcess(body: string, processAttributes = 'isExecutable="true"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${ZEEBE_DEFINITIONS}><bpmn:process id="p" ${processAttributes}>${body}</bpmn:process></bpmn:definitions>`;
}

/** A Camunda 7 document with one executable process `p` around `body`. */
export function camunda7Process(body: string, processAttributes = 'isExecutable="true"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${CAMUNDA7_DEFINITIONS}><bpmn:process id="p" ${processAttributes}>${body}</bpmn:process></bpmn:definitions>`;
}

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../test-fixtures');

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}

/** The problems of a failed result; fails the test when compilation succeeded. */
export function problemsOf(result: CompileResult): readonly BpmnProblem[] {
  if (result.ok)
    throw new Error(
      `expected problems, but compiled ${result.processes.map((p) => p.processDefinitionId).join(', ')}`,
    );
  return result.problems;
}

/** The single process of a successful result; fails the test with the problems otherwise. */
export function onlyProcess(result: CompileResult): ProcessModel {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems)}`);
  const [process, ...others] = result.processes;
  if (!process || others.length > 0) throw new Error(`expected one process, got ${result.processes.length}`);
  return process;
}
