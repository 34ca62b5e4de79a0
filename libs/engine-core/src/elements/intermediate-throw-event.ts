// The intermediate throw event. An escalation throw throws its escalation (events/escalations.ts)
// and goes on unless a catch interrupted it; a link throw jumps: its token continues at the link
// catch event of the same name instead of along a flow; a signal throw asks for its broadcast
// (events/signal-subscriptions.ts) and goes on; a compensation throw invokes the handlers of its
// scope (events/compensation.ts) and goes on once they completed. (A none throw event compiles to a task.)
import type {
  CompensationThrowNode,
  EscalationThrowNode,
  IntermediateThrowNode,
  SignalThrowNode,
} from '@baton/bpmn';
import { throwCompensation } from '../events/compensation';
import { throwEscalation } from '../events/escalations';
import { broadcastSignal } from '../events/signal-subscriptions';
import { COMPLETE, WAIT, type ElementBehaviour } from './element-behaviour';

export const intermediateThrowEvent: ElementBehaviour<
  IntermediateThrowNode | EscalationThrowNode | SignalThrowNode | CompensationThrowNode
> = {
  activate(draft, node, instance) {
    if ('signal' in node) return broadcastSignal(draft, instance, node.signal) ? COMPLETE : WAIT;
    if ('compensation' in node)
      return throwCompensation(draft, node, instance, node.compensation) ? COMPLETE : WAIT;
    if ('escalationCode' in node)
      return throwEscalation(draft, instance, node.escalationCode) === 'continue' ? COMPLETE : WAIT;
    return COMPLETE;
  },
  jumpTarget: (node) => ('link' in node ? node.link.targetId : undefined),
  activityType: (node) =>
    'link' in node
      ? 'intermediateLinkThrow'
      : 'signal' in node
        ? 'intermediateSignalThrow'
        : 'compensation' in node
          ? 'intermediateCompensationThrowEvent'
          : 'intermediateEscalationThrowEvent',
};
