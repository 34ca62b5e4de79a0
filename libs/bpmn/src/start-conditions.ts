// Several none start events in a process (FLOWX): a create request picks one by its
// `startCondition`, so each must declare a `baton:startCondition`; else which one starts is a guess.
import type { FlowNode } from './model';
import { ProblemCode, type ProblemCollector } from './problems';

export function checkStartConditions(
  processId: string,
  startEventIds: readonly string[],
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): void {
  if (startEventIds.length < 2) return;
  const unconditional = startEventIds.filter((id) => {
    const node = elements[id];
    return node?.kind === 'startEvent' && node.startCondition === undefined;
  });
  if (unconditional.length === 0) return;
  problems.problem(
    ProblemCode.AMBIGUOUS_START_EVENTS,
    `process '${processId}' has ${startEventIds.length} none start events; each needs a <zeebe:property name="baton:startCondition" value="=…" /> to be chosen by, missing on: ${unconditional.join(', ')}`,
    unconditional[0],
  );
}
