// The body of the BPMN compile worker (bpmn-compile-pool.ts): compiles what the main thread sends,
// under the FEEL limits the main thread has in force, and answers with the plain result. A model
// past the model limits is answered with its problems only: cloning a model of 10,000 elements
// back to the main thread, which would only refuse it, held that thread's event loop 30-70 ms.
import { parentPort } from 'node:worker_threads';
import { compileBpmn, configureFeelLimits, type FeelLimits } from '@baton/bpmn';
import { withinModelLimits, type ModelLimits } from './model-limits';

/** One resource to compile. */
export interface CompileTask {
  readonly id: number;
  readonly xml: string;
  readonly resourceName: string;
  readonly feelLimits: FeelLimits;
  readonly modelLimits: ModelLimits;
}

parentPort?.on('message', (task: CompileTask) => {
  configureFeelLimits(task.feelLimits);
  compileBpmn(task.xml, { resourceName: task.resourceName }).then(
    (result) => parentPort?.postMessage({ id: task.id, result: withinModelLimits(result, task.modelLimits) }),
    (error: unknown) =>
      parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
