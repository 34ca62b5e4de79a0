// The bus port (DESIGN §3.5) and its in-memory, partitioned, asynchronous implementation.
export * from './message-bus';
export * from './in-memory-bus';
export * from './headers';
export * from './partitioner';
export * from './typed-topics';
export { BatchTransactionClosedError } from './batch-transaction';
export * from './kafka';
