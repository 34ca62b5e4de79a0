// The body of the BPMN compile worker (bpmn-compile-pool.ts): compiles what the main thread sends,
// under the FEEL limits the main thread has in force, and answers with the plain result.
import { parentPort } from 'node:worker_threads';
import { compileBpmn, configureFeelLimits, type FeelLimits } from '@baton/bpmn';

/** One resource to compile. */
export interface CompileTask {
  readonly id: number;
  readonly xml: string;
  readonly resourceName: string;
  readonly feelLimits: FeelLimits;
}

parentPort?.on('message', (task: CompileTask) => {
  configureFeelLimits(task.feelLimits);
  compileBpmn(task.xml, { resourceName: task.resourceName }).then(
    (result) => parentPort?.postMessage({ id: task.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
