// The receive task: entering it opens a message subscription (events/message-subscriptions.ts)
// and it waits for CORRELATE_MESSAGE (events/event-triggers.ts); terminated, the subscription
// closes. After an event-based gateway it is one of the events the gateway waits for.
import type { MessageCatchNode } from '@baton/bpmn';
import { closeMessageSubscription, openMessageSubscription } from '../events/message-subscriptions';
import { WAIT, type ElementBehaviour } from './element-behaviour';

export const receiveTask: ElementBehaviour<MessageCatchNode> = {
  activate(draft, node, instance) {
    openMessageSubscription(draft, instance, node.message);
    return WAIT;
  },
  terminate(draft, instance) {
    if (instance.messageSubscription !== undefined) closeMessageSubscription(draft, instance);
  },
  waitsForCommand: () => true,
};
