// The stores a replica works on: each one the options name (MongoDB in production), or the
// embedded in-memory adapter. The history store is wired apart, by its projector.
import {
  InMemoryBatchOperationStore,
  InMemoryBusinessIdStore,
  InMemoryDecisionStore,
  InMemoryDefinitionStore,
  InMemoryFormStore,
  InMemoryInstanceStore,
  InMemoryJobStore,
  InMemoryMessageStore,
  InMemoryPartitionCheckpointStore,
  InMemorySignalSubscriptionStore,
  InMemorySuspensionStore,
  InMemoryTimerStore,
  InMemoryUserTaskStore,
} from '@baton/store';
import type { EngineRuntime, EngineRuntimeOptions } from './engine-runtime-options';

export type ReplicaStores = Omit<EngineRuntime['stores'], 'history'>;

export function replicaStores(options: EngineRuntimeOptions): ReplicaStores {
  return {
    instances: options.instanceStore ?? new InMemoryInstanceStore(),
    definitions: options.definitionStore ?? new InMemoryDefinitionStore(),
    decisions: options.decisionStore ?? new InMemoryDecisionStore(),
    forms: options.formStore ?? new InMemoryFormStore(),
    jobs: options.jobStore ?? new InMemoryJobStore(),
    userTasks: options.userTaskStore ?? new InMemoryUserTaskStore(),
    messages: options.messageStore ?? new InMemoryMessageStore(),
    signalSubscriptions: options.signalSubscriptionStore ?? new InMemorySignalSubscriptionStore(),
    timers: options.timerStore ?? new InMemoryTimerStore(),
    businessIds: options.businessIdStore ?? new InMemoryBusinessIdStore(),
    suspensions: options.suspensionStore ?? new InMemorySuspensionStore(),
    checkpoints: options.checkpointStore ?? new InMemoryPartitionCheckpointStore(),
    batchOperations: options.batchOperationStore ?? new InMemoryBatchOperationStore(),
  };
}
