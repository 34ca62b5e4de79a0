// Observability of the engine replica: its own Prometheus series (commands, instance lifecycle,
// store writes, REST job latency) put around its ports. The logger, the registry, its endpoint and
// the bus metrics every service shares are in @baton/platform.
export * from './job-latency';
export * from './engine-metrics';
export * from './observe-engine';
