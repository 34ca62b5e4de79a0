// Observability of a service replica: Prometheus metrics (registry, endpoint, bus and engine
// series) and JSON logs.
export * from './metrics-registry';
export * from './metrics-endpoint';
export * from './bus-metrics';
export * from './job-latency';
export * from './engine-metrics';
export * from './logger';
export * from './observe-engine';
