// The start event: where a token starts in its process or subprocess, or where an event
// subprocess starts once its trigger happened (message, timer, signal, error, escalation). It passes the
// token on at once; triggering the start is the work of the event subprocess (events/).
import type { StartEventNode } from '@baton/bpmn';
import { COMPLETE, type ElementBehaviour } from './element-behaviour';

export const startEvent: ElementBehaviour<StartEventNode> = {
  activate: () => COMPLETE,
  activityType: (node) =>
    node.timer
      ? 'startTimerEvent'
      : node.message
        ? 'messageStartEvent'
        : node.error
          ? 'errorStartEvent'
          : node.escalation
            ? 'escalationStartEvent'
            : node.signal
              ? 'signalStartEvent'
              : 'startEvent',
};
