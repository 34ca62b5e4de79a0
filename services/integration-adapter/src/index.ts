// The integration adapter: built-in job workers for outbound HTTP and Kafka send.
export { startIntegrationAdapter, type RunningIntegrationAdapter } from './integration-adapter';
export {
  builtInJobTypes,
  type BuiltInJobType,
  type HttpWorkerOptions,
  type IntegrationAdapterOptions,
} from './adapter-options';
export * from './config/adapter-config';
export { adapterOptionsFromConfig } from './config/options-from-config';
export { startAdapterProcess, type AdapterProcess, type AdapterProcessOptions } from './adapter-process';
