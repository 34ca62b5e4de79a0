// The boundary event as an element. Its trigger (events/boundary-triggers.ts) enters and completes
// it while its host runs; reached otherwise only by a start instruction, it passes the token on.
import type { BoundaryEventNode } from '@baton/bpmn';
import { COMPLETE, type ElementBehaviour } from './element-behaviour';

export const boundaryEvent: ElementBehaviour<BoundaryEventNode> = {
  activate: () => COMPLETE,
  activityType: (node) =>
    node.trigger.kind === 'timer'
      ? 'boundaryTimer'
      : node.trigger.kind === 'message'
        ? 'boundaryMessage'
        : node.trigger.kind === 'escalation'
          ? 'boundaryEscalation'
          : node.trigger.kind === 'signal'
            ? 'boundarySignal'
            : node.trigger.kind === 'compensation'
              ? 'compensationBoundaryCatch'
              : 'boundaryError',
};
