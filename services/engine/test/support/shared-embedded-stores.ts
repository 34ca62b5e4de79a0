// What replicas of one test share when they run as on Kafka + MongoDB: one in-memory bus and one
// set of in-memory stores, each replica with its own runtime on them. Errors the runtimes log are
// dropped (the tests assert what callers see).
import type { InMemoryBus } from '@baton/messaging';
import {
  InMemoryBusinessIdStore,
  InMemoryDefinitionStore,
  InMemoryInstanceStore,
  InMemoryJobStore,
  InMemoryMessageStore,
  InMemorySuspensionStore,
  InMemoryTimerStore,
  InMemoryUserTaskStore,
} from '@baton/store';
import type { EngineRuntimeOptions } from '../../src/engine-runtime';

/** The runtime options every replica on `bus` takes: the bus, its partitions, one set of stores. */
export function sharedEmbeddedStores(bus: InMemoryBus, partitions: number): EngineRuntimeOptions {
  return {
    bus,
    partitions,
    instanceStore: new InMemoryInstanceStore(),
    definitionStore: new InMemoryDefinitionStore(),
    jobStore: new InMemoryJobStore(),
    userTaskStore: new InMemoryUserTaskStore(),
    messageStore: new InMemoryMessageStore(),
    timerStore: new InMemoryTimerStore(),
    businessIdStore: new InMemoryBusinessIdStore(),
    suspensionStore: new InMemorySuspensionStore(),
    logError: () => undefined,
  };
}
