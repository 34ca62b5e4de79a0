// The socket gateway's protocol (issue 4 §2): live instance states, subscriptions, the event maps.
export * from './instance-live-state';
export * from './subscriptions';
export * from './socket-events';
