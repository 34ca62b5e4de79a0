// Observability of a service replica: JSON logs, the Prometheus registry and its endpoint, and the
// metrics of everything a service sends and receives over the bus.
export * from './logger';
export * from './metrics-registry';
export * from './metrics-endpoint';
export * from './bus-metrics';
export * from './job-latency-histogram';
export * from './mongo-command-metrics';
