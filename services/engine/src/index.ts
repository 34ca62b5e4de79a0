// The engine service (DESIGN §3): its in-process interface, the embedded runtime and the REST API.
export type * from './engine-service';
export { createEngineRuntime, type EngineRuntime, type EngineRuntimeOptions } from './engine-runtime';
export { KeyGenerator, nodeIdFromReplicaId, type KeyGeneratorOptions } from './runtime/key-generator';
export type { ApplyFunction } from './runtime/command-processor';
export * from './http';
export * from './config/engine-config';
export * from './config/connect-infrastructure';
export * from './engine-process';
export * from './observability';
export { liveStateOfStoredInstance } from './live-state';
