// The socket gateway's protocol: live instance states, subscriptions, the event maps.
export * from './instance-live-state';
export * from './subscriptions';
export * from './socket-events';
