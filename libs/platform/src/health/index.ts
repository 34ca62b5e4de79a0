// Health of a service replica: the checks, their report, and the HTTP answers of the probes.
export * from './health-checks';
export * from './health-endpoints';
