// Event-based gateways in the model: a token waits at the gateway for the first of the events its
// outgoing flows lead to. The flows must lead to intermediate message, signal or timer catch events
// or receive tasks (BPMN 2.0 §10.5.6), there must be at least two, and they carry no conditions
// (compile-process.ts refuses conditions on flows that do not leave exclusive or inclusive gateways).
import type { FlowNode, SequenceFlowModel } from './model';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** Whether a node may follow an event-based gateway: a message, signal or timer catch event, a receive task. */
export function isEventGatewayTarget(node: FlowNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'receiveTask') return true;
  return node.kind === 'intermediateCatchEvent' && ('message' in node || 'timer' in node || 'signal' in node);
}

export function checkEventBasedGateways(
  elements: Readonly<Record<string, FlowNode>>,
  flows: Readonly<Record<string, SequenceFlowModel>>,
  problems: ProblemCollector,
): void {
  for (const gateway of Object.values(elements)) {
    if (gateway.kind !== 'eventBasedGateway') continue;
    const report = (message: string) =>
      problems.problem(
        ProblemCode.INVALID_EVENT_GATEWAY,
        `event-based gateway '${gateway.id}' ${message}`,
        gateway.id,
      );
    if (gateway.outgoing.length < 2)
      report(`has ${gateway.outgoing.length} outgoing sequence flow(s); it needs at least two`);
    const messageNames = new Set<string>();
    for (const flowId of gateway.outgoing) {
      const target = elements[flows[flowId]?.targetId ?? ''];
      if (!target) continue;
      if (!isEventGatewayTarget(target)) {
        report(
          `leads to ${target.kind} '${target.id}'; its flows must lead to intermediate message, signal or timer catch events or receive tasks`,
        );
        continue;
      }
      const message = 'message' in target ? target.message : undefined;
      const name = message?.name.kind === 'static' ? message.name.value : undefined;
      if (name === undefined) continue;
      if (messageNames.has(name))
        report(`leads to two events waiting for message '${name}'; the messages must differ`);
      messageNames.add(name);
    }
  }
}
