// Camunda 7 asynchronous continuations: `camunda:asyncBefore` / `camunda:asyncAfter` on a flow
// node. The engine then waits at the node as a job of its own before entering it (before) or
// before leaving it (after), and runs that job itself; suspending the job definition of the
// continuation holds instances there (the Camunda 7 docs' processPayment example).
import type { ModdleElement } from 'bpmn-moddle';
import { CAMUNDA7_NAMESPACE } from './moddle';
import { booleanProperty, foreignAttribute } from './moddle-access';

/** The job type of the engine's own continuation jobs (no worker activates them). */
export const ASYNC_CONTINUATION_JOB_TYPE = 'baton:async-continuation';

export interface AsyncContinuationFields {
  readonly asyncBefore?: true;
  readonly asyncAfter?: true;
}

/** Read with the Camunda 7 descriptor (a property) or, in a Zeebe-dialect file, from `$attrs`. */
function flag(element: ModdleElement, name: 'asyncBefore' | 'asyncAfter'): boolean {
  if (booleanProperty(element, name)) return true;
  // `async` is Camunda 7's older spelling of asyncBefore.
  if (name === 'asyncBefore' && booleanProperty(element, 'async')) return true;
  return foreignAttribute(element, CAMUNDA7_NAMESPACE, name) === 'true';
}

/** The continuation flags of a flow node, present only when set. */
export function asyncContinuationFields(element: ModdleElement): AsyncContinuationFields {
  return {
    ...(flag(element, 'asyncBefore') ? { asyncBefore: true as const } : {}),
    ...(flag(element, 'asyncAfter') ? { asyncAfter: true as const } : {}),
  };
}
