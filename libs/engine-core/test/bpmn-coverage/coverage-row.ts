// A row of the README's BPMN coverage table. A supported row carries a scenario — real XML,
// driven through the core — that bpmn-coverage.test.ts runs; an unsupported row carries XML that
// the compiler must reject naming the element. The table is rendered from the rows, so a row
// reads "yes" only while its scenario passes, and "no" only while deployment refuses it.
import type { Variables } from '@baton/contracts';
import type { InstanceStatus } from '../../src';
import type { CoverageWorld } from './coverage-world';

export interface CoverageScenario {
  readonly xml: string;
  readonly variables?: Variables;
  /** Where the instance starts, when not at the none start event (a timer or message start event). */
  readonly startAt?: string;
  readonly drive: (world: CoverageWorld) => void;
  readonly expected: {
    readonly state: InstanceStatus;
    /** Elements that must have completed, in this relative order. */
    readonly completed: readonly string[];
    /** Elements that must not have completed (the path not taken, the interrupted task). */
    readonly notCompleted?: readonly string[];
    /** Root variables that must hold (a subset). */
    readonly variables?: Variables;
  };
}

export type CoverageRow =
  | { readonly element: string; readonly notes: string; readonly scenario: CoverageScenario }
  | {
      readonly element: string;
      readonly notes: string;
      readonly rejected: { xml: string; elementId: string };
    };

/** The start and end events most scenarios begin and finish with. */
export const start = '<bpmn:startEvent id="start" />';
export const end = '<bpmn:endEvent id="end" />';
