// @baton/platform: what every service shares (DESIGN §2) — the logger and metrics, reading the
// configuration from the environment, authentication, health probes, and running as a process
// that stops cleanly on a signal. It knows no BPMN and no service: the services depend on it.
export * from './auth';
export * from './config';
export * from './health';
export * from './observability';
export * from './process/run-until-signalled';
