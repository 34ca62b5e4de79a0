// The MongoDB adapters of the persistence ports (MongoDB 6+ and FerretDB 1.24).
export {
  connectMongoStores,
  openMongoStores,
  MONGO_COLLECTIONS,
  MONGO_INDEXES,
  type ConnectedMongoStores,
  type MongoStores,
  type MongoStoresOptions,
  type MongoStoresSetup,
} from './mongo-stores';
export { MongoInstanceStore, type MongoInstanceStoreOptions } from './mongo-instance-store';
export { MongoDefinitionStore } from './mongo-definition-store';
export { MongoDecisionStore } from './mongo-decision-store';
export { MongoFormStore } from './mongo-form-store';
export { MongoJobStore, type MongoJobStoreOptions } from './mongo-job-store';
export { MongoUserTaskStore } from './mongo-user-task-store';
export { MongoMessageStore } from './mongo-message-store';
export { MongoSignalSubscriptionStore } from './mongo-signal-subscription-store';
export { MongoTimerStore } from './mongo-timer-store';
export { MongoBusinessIdStore } from './mongo-business-id-store';
export { MongoPartitionCheckpointStore } from './mongo-partition-checkpoint-store';
export { MongoStoreConnectionError, MongoStoreWriteError } from './mongo-errors';
export { WriteClaims } from './write-claims';
export {
  commandCollection,
  isStoreCommand,
  mongoCommandChannelName,
  observeMongoCommands,
  publishMongoCommand,
  type CommandStartedFields,
  type CommandStartedSource,
  type MongoCommandObserver,
} from './mongo-command-monitor';
export { MongoSuspensionStore } from './mongo-suspension-store';
export { MongoBatchOperationStore } from './mongo-batch-operation-store';
export { MongoHistoryStore } from './mongo-history-store';
