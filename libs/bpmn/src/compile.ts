// The compiler's entry point: BPMN XML in, every executable process as a frozen ProcessModel
// out, or the complete list of problems that stop the deployment.
import type { ModdleElement } from 'bpmn-moddle';
import { camunda7Dialect } from './camunda7-dialect';
import { compileProcess } from './compile-process';
import { deepFreeze } from './deep-freeze';
import type { CompileResult, ProcessModel } from './model';
import { booleanProperty, elementList } from './moddle-access';
import { parseBpmnXml } from './moddle';
import { reportModdleWarnings } from './moddle-warnings';
import { ProblemCode, ProblemCollector } from './problems';
import { zeebeDialect } from './zeebe-dialect';

/** Options of {@link compileBpmn}. */
export interface CompileOptions {
  /**
   * Name of the deployed resource (file name), used in file-level problem messages.
   * @default undefined
   */
  readonly resourceName?: string;
}

/**
 * Parses BPMN 2.0 XML (Zeebe or Camunda 7 flavoured) and compiles each executable process.
 * Never throws for bad input: the result lists every problem found, each with its element id.
 */
export async function compileBpmn(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  const problems = new ProblemCollector();
  const resource = options.resourceName === undefined ? 'the resource' : `'${options.resourceName}'`;
  const parsed = await parseBpmnXml(xml);
  if (!parsed.ok) {
    problems.problem(ProblemCode.NOT_BPMN, `${resource} is not a BPMN 2.0 XML document: ${parsed.message}`);
    return deepFreeze({ ok: false, problems: problems.problems, warnings: problems.warnings });
  }
  const reported = reportModdleWarnings(parsed.result.warnings, problems);
  const dialect = parsed.dialect === 'camunda7' ? camunda7Dialect : zeebeDialect;

  const allProcesses = elementList(parsed.result.rootElement, 'rootElements').filter(
    (root) => root.$type === 'bpmn:Process',
  );
  const executable = allProcesses.filter((process) => booleanProperty(process, 'isExecutable'));
  reportSkippedProcesses(allProcesses, executable, resource, problems);

  const processes: ProcessModel[] = executable.map((process) =>
    compileProcess(process, dialect, reported, problems),
  );
  if (problems.problems.length > 0)
    return deepFreeze({ ok: false, problems: problems.problems, warnings: problems.warnings });
  return deepFreeze({ ok: true, processes, warnings: problems.warnings });
}

function reportSkippedProcesses(
  allProcesses: readonly ModdleElement[],
  executable: readonly ModdleElement[],
  resource: string,
  problems: ProblemCollector,
): void {
  if (allProcesses.length === 0) {
    problems.problem(ProblemCode.NO_EXECUTABLE_PROCESS, `${resource} contains no bpmn:process`);
    return;
  }
  if (executable.length === 0) {
    const ids = allProcesses.map((process) => `'${process.id ?? '?'}'`).join(', ');
    problems.problem(
      ProblemCode.NO_EXECUTABLE_PROCESS,
      `${resource} has no executable process: set isExecutable="true" on one of ${ids}`,
      allProcesses.length === 1 ? allProcesses[0]?.id : undefined,
    );
    return;
  }
  for (const process of allProcesses) {
    if (!executable.includes(process)) {
      problems.warning(
        ProblemCode.IGNORED_PROCESS,
        `process '${process.id ?? '?'}' is not executable and was not deployed`,
        process.id,
      );
    }
  }
}
