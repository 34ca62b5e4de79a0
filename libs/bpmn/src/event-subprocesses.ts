// Event subprocesses (`triggeredByEvent="true"`) in the model: started by their start event's
// trigger inside the enclosing scope, never by a sequence flow; their one start event is checked
// where the process compiler counts start events.
import type { FlowNode } from './model';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** Reports event subprocesses that sequence flows enter or leave. */
export function checkEventSubProcesses(
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): void {
  for (const node of Object.values(elements)) {
    if (node.kind !== 'subProcess' || !node.triggeredByEvent) continue;
    if (node.incoming.length > 0 || node.outgoing.length > 0) {
      problems.problem(
        ProblemCode.INVALID_EVENT_SUBPROCESS,
        `event subprocess '${node.id}' has sequence flows; it is started by its start event's trigger and ends on its own`,
        node.id,
      );
    }
  }
}
