// Per-element counts over stored instances, as Camunda 8.8 reports them for a definition
// (statistics/element-instances): active element instances with and without an incident, the
// terminated ones, and completed end events. Camunda counts every flow-node instance; Baton's read
// model keeps the active ones and a trace of the ended (element-instance-view.ts), from which:
// - active / incidents: the active element instances (the process's own and multi-instance
//   bodies left out), split by whether an open incident names them;
// - completed: end events the instance completed (`completedElementIds`, once per instance);
// - canceled: per instance and element, the most of its terminated tokens that ran no children,
//   its canceled user tasks, its canceled jobs (an interrupted wait without job or task, e.g. a
//   timer catch left by a boundary event, leaves no trace). A token terminated at a converging
//   gateway was waiting for the others there: Zeebe has no element instance for that, not counted.
import type { ProcessModel } from '@baton/bpmn';
import type { ProcessElementStatistics } from '@baton/contracts';
import type { InstanceState } from '@baton/engine-core';

type Counts = { -readonly [K in keyof Omit<ProcessElementStatistics, 'elementId'>]: number };

export class ElementStatistics {
  private readonly byElement = new Map<string, Counts>();

  constructor(private readonly model: ProcessModel) {}

  add(instance: InstanceState): void {
    this.countActive(instance);
    for (const elementId of instance.completedElementIds ?? [])
      if (this.model.elements[elementId]?.kind === 'endEvent') this.counts(elementId).completed++;
    for (const [elementId, canceled] of canceledByElement(instance, this.model))
      this.counts(elementId).canceled += canceled;
  }

  /** The elements with any count, in the order of the model's elements. */
  items(): ProcessElementStatistics[] {
    const order = Object.keys(this.model.elements);
    const position = (elementId: string) => {
      const index = order.indexOf(elementId);
      return index === -1 ? order.length : index;
    };
    return [...this.byElement]
      .sort(([left], [right]) => position(left) - position(right) || left.localeCompare(right))
      .map(([elementId, counts]) => ({ elementId, ...counts }));
  }

  private countActive(instance: InstanceState): void {
    const withIncident = new Set(
      Object.values(instance.incidents)
        .filter((incident) => incident.state === 'ACTIVE')
        .map((incident) => incident.elementInstanceKey),
    );
    for (const element of Object.values(instance.elementInstances)) {
      if (element.state !== 'ACTIVE' || element.key === instance.processInstanceKey) continue;
      if (element.elementType === 'process' || element.elementType === 'multiInstanceBody') continue;
      const counts = this.counts(element.elementId);
      if (withIncident.has(element.key)) counts.incidents++;
      else counts.active++;
    }
  }

  private counts(elementId: string): Counts {
    let counts = this.byElement.get(elementId);
    if (counts === undefined) {
      counts = { active: 0, canceled: 0, incidents: 0, completed: 0 };
      this.byElement.set(elementId, counts);
    }
    return counts;
  }
}

/** Terminated element instances of one instance by element, from the three traces it keeps. */
function canceledByElement(instance: InstanceState, model: ProcessModel): Map<string, number> {
  const tokens = Object.values(instance.tokens);
  const parents = new Set(tokens.map((token) => token.parentTokenKey).filter((key) => key !== undefined));
  const fromTokens = countBy(
    tokens.filter(
      (token) =>
        token.state === 'TERMINATED' &&
        !parents.has(token.tokenKey) &&
        !passThroughKinds.has(model.elements[token.elementId]?.kind ?? ''),
    ),
  );
  const fromUserTasks = countBy(
    Object.values(instance.userTasks).filter((task) => task.state === 'CANCELED'),
  );
  const fromJobs = countBy(
    Object.values(instance.jobs).filter(
      (job) =>
        job.asyncContinuation === undefined && (job.state === 'CANCELED' || job.state === 'ERROR_THROWN'),
    ),
  );
  const canceled = new Map<string, number>();
  for (const traces of [fromTokens, fromUserTasks, fromJobs])
    for (const [elementId, count] of traces)
      canceled.set(elementId, Math.max(count, canceled.get(elementId) ?? 0));
  return canceled;
}

/** Gateways a token passes without waiting, or waits at only as one of a join's arrivals. */
const passThroughKinds = new Set(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway']);

function countBy(records: readonly { readonly elementId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { elementId } of records) counts.set(elementId, (counts.get(elementId) ?? 0) + 1);
  return counts;
}
