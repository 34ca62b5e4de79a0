// The socket protocol as socket.io event maps (STYLE.md §7): the gateway types its Server with
// them and every client (the console, the documented Node example) types its Socket with them.
import type { InstanceLiveState } from './instance-live-state';
import type { Resync, SubscribeAnswer, SubscribeRequest, UnsubscribeAnswer } from './subscriptions';

/** Event names, for code that refers to them outside an `emit` / `on` call. */
export const socketEvents = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  instanceUpdated: 'instance.updated',
  resync: 'resync',
} as const;

/** What the gateway emits. */
export interface ServerToClientEvents {
  /** An instance the client follows changed; per instance in revision order. */
  'instance.updated': (update: InstanceLiveState) => void;
  /** The client fell behind: queued updates were dropped, these are the current states. */
  resync: (resync: Resync) => void;
}

/** What a client emits; each expects an acknowledgement. */
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (answer: SubscribeAnswer) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack: (answer: UnsubscribeAnswer) => void) => void;
}
