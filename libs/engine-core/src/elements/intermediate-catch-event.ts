// The intermediate catch event. A message catch opens a subscription and waits for
// CORRELATE_MESSAGE; a timer catch arms its timer and waits for TRIGGER_TIMER (both fired by
// events/event-triggers.ts); terminated, the subscription closes or the timer is canceled. A link
// catch is where its throw events jump to: the token passes through. A signal catch opens a signal
// subscription and waits for TRIGGER_SIGNAL (events/signal-triggers.ts).
import type { LinkCatchNode, MessageCatchNode, SignalCatchNode, TimerCatchNode } from '@baton/bpmn';
import { closeMessageSubscription, openMessageSubscription } from '../events/message-subscriptions';
import { closeSignalSubscription, openSignalSubscription } from '../events/signal-subscriptions';
import { armTimerCatchEvent, cancelCatchEventTimer } from '../events/timers';
import { COMPLETE, WAIT, type ElementBehaviour } from './element-behaviour';

type IntermediateCatchNode = MessageCatchNode | TimerCatchNode | LinkCatchNode | SignalCatchNode;

export const intermediateCatchEvent: ElementBehaviour<IntermediateCatchNode> = {
  activate(draft, node, instance) {
    if ('link' in node) return COMPLETE;
    if ('timer' in node) armTimerCatchEvent(draft, instance, node.timer);
    else if ('signal' in node) openSignalSubscription(draft, instance, node.signal);
    else openMessageSubscription(draft, instance, node.message);
    return WAIT;
  },
  terminate(draft, instance) {
    if (instance.messageSubscription !== undefined) closeMessageSubscription(draft, instance);
    if (instance.timer !== undefined) cancelCatchEventTimer(draft, instance);
    if (instance.signalName !== undefined) closeSignalSubscription(draft, instance);
  },
  waitsForCommand: () => true,
  activityType: (node) =>
    'timer' in node
      ? 'intermediateTimer'
      : 'link' in node
        ? 'intermediateLinkCatch'
        : 'signal' in node
          ? 'intermediateSignal'
          : 'intermediateMessageCatch',
};
