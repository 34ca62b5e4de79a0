// What an engine replica is made of (the options of createEngineRuntime, every one with its
// embedded default) and what it offers its callers (the EngineRuntime).
import type { TransactionalMessageBus } from '@baton/messaging';
import type { Logger } from '@baton/platform';
import type {
  BusinessIdStore,
  DecisionStore,
  FormStore,
  DefinitionStore,
  HistoryStore,
  InstanceStore,
  JobStore,
  MessageStore,
  SignalSubscriptionStore,
  PartitionCheckpointStore,
  BatchOperationStore,
  StoredTimer,
  SuspensionStore,
  TimerStore,
  UserTaskStore,
} from '@baton/store';
import type { EngineService } from './engine-service';
import type { ApplyFunction } from './runtime/command-processor';

/** Options of `createEngineRuntime` (engine-runtime.ts); every field has an embedded default. */
export interface EngineRuntimeOptions {
  /**
   * Partitions of the commands topic of the default in-memory bus (and the topology's count).
   * Four lets four instances' batches be in flight at once, enough for one process.
   * @default 4
   */
  readonly partitions?: number;
  /**
   * Environment prefix of every topic name.
   * @default '' (the services take it from TOPIC_PREFIX in their configuration)
   */
  readonly topicPrefix?: string;
  /**
   * This replica's id: where replies to its waiting callers are routed.
   * @default 'engine-' + a random UUID
   */
  readonly replicaId?: string;
  /**
   * Node id in the high bits of the keys this replica makes (0–1023); must differ between live replicas.
   * @default derived from replicaId
   */
  readonly nodeId?: number;
  /** @default a new InMemoryBus, closed with the runtime */
  readonly bus?: TransactionalMessageBus;
  /**
   * How long after a batch's commit its snapshot may still be written, ms (runtime/snapshot-writer.ts):
   * on Kafka, shorter than the time the group takes to give a silent member's partitions away.
   * @default Infinity (the embedded bus has no other member)
   */
  readonly snapshotLeaseMs?: number;
  /**
   * How long a new job handed to Kafka workers waits before it is written to the job store; one
   * its worker answers within that time is never written (runtime/job-hold.ts).
   * @default 0 (written with its batch)
   */
  readonly holdHandedOverJobsMs?: number;
  /**
   * The least time between two writes of the partitions' checkpoints, ms: a checkpoint a little
   * behind only makes a replay after a crash a little longer. @default 0 (with every write)
   */
  readonly checkpointIntervalMs?: number;
  /**
   * Lets a command partition's next batches be applied and committed while the earlier ones are
   * still being stored (runtime/partition-pipelines.ts). Needs a bus that asks its transactional
   * subscriptions to settle before a rebalance (Kafka). @default false
   */
  readonly pipelineSnapshots?: boolean;
  /**
   * Told when a snapshot could not be written within its lease: the replica must stop, and the
   * partition's next owner replays what is missing. @default logError, then the process exits with 70
   */
  readonly onLeaseExpired?: (error: Error) => void;
  /** @default new InMemoryInstanceStore() */
  readonly instanceStore?: InstanceStore;
  /** Where the snapshot of each command partition stands. @default new InMemoryPartitionCheckpointStore() */
  readonly checkpointStore?: PartitionCheckpointStore;
  /**
   * The instance history, written from the instance events by the history projector (history/).
   * @default new InMemoryHistoryStore() (the latest 10,000 instances)
   */
  readonly historyStore?: HistoryStore;
  /** @default new InMemoryDefinitionStore() */
  readonly definitionStore?: DefinitionStore;
  /** @default new InMemoryDecisionStore() */
  readonly decisionStore?: DecisionStore;
  /** @default new InMemoryFormStore() */
  readonly formStore?: FormStore;
  /** @default new InMemoryJobStore() */
  readonly jobStore?: JobStore;
  /** @default new InMemoryUserTaskStore() */
  readonly userTaskStore?: UserTaskStore;
  /** @default new InMemoryMessageStore() */
  readonly messageStore?: MessageStore;
  /** @default new InMemorySignalSubscriptionStore() */
  readonly signalSubscriptionStore?: SignalSubscriptionStore;
  /** @default new InMemoryTimerStore() */
  readonly timerStore?: TimerStore;
  /** @default new InMemoryBusinessIdStore() */
  readonly businessIdStore?: BusinessIdStore;
  /** Batch operations and their items. @default new InMemoryBatchOperationStore() */
  readonly batchOperationStore?: BatchOperationStore;
  /** Suspended definitions and the job definitions. @default new InMemorySuspensionStore() */
  readonly suspensionStore?: SuspensionStore;
  /**
   * How often suspensions made through other replicas are read, ms (suspension-registry.ts).
   * @default 1000
   */
  readonly suspensionRefreshMs?: number;
  /**
   * Longest sleep of the timer scheduler, ms: a timer another replica wrote for this one's
   * partitions (start timers of a deployment there) fires at most this late.
   * @default 30000
   */
  readonly timerMaxSleepMs?: number;
  /** Told of every timer this replica fires, with the time it fired it at (to measure lateness). */
  readonly onTimerFired?: (timer: StoredTimer, firedAt: number) => void;
  /**
   * How long a caller waits for an answer (awaited creation, job and user task commands), ms.
   * @default 10000
   */
  readonly requestTimeoutMs?: number;
  /**
   * When a create that waits for nothing is answered: `appended`, once its command is in the log
   * (reads by its key on any replica, and reads and searches on this one, wait until it is
   * stored); `stored`, once the owner stored the instance (docs/architecture.md, step 7).
   * @default 'appended'
   */
  readonly createAnswer?: 'appended' | 'stored';
  /** @default '<default>' */
  readonly tenantId?: string;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * ENGINE_CLOCK_CONTROL: whether PUT /v2/clock may pin the clock (a testing feature); else it is
   * refused with 403.
   * @default false
   */
  readonly clockControl?: boolean;
  /** The pure core's apply; replaceable for tests. @default engine-core apply */
  readonly apply?: ApplyFunction;
  /**
   * Largest variables document of one instance (every scope, UTF-8 JSON), bytes: a command that
   * would grow it further is refused (INVALID_ARGUMENT) or, with no caller, raises an incident.
   * @default 2097152 (2 MiB)
   */
  readonly maxInstanceVariablesBytes?: number;
  /**
   * Job types whose jobs are handed to Kafka workers on `baton.jobs.<type>.v1` (locked to them
   * until the job timeout, answered on `baton.jobs.results.v1`); `'*'` for every type deployed
   * with a fixed type. Jobs of other types wait for REST activation.
   * @default []
   */
  readonly kafkaJobTypes?: readonly string[] | '*';
  /**
   * How long a job published to Kafka workers stays theirs before it is published again, ms.
   * @default 300000 (Camunda's default job timeout)
   */
  readonly kafkaJobTimeoutMs?: number;
  /**
   * Announce new jobs on the notifications topic so that REST long polls on other replicas wake,
   * and deployments and suspensions on the definition-changes topic so that their creates, answered
   * from memory, do not go stale.
   * @default true when a bus is passed in (it may be shared with other replicas), false for the embedded one
   */
  readonly crossReplicaJobNotifications?: boolean;
  /**
   * Whether this replica applies commands. A replica with `false` only serves the API (and
   * answers its waiting callers), leaving the command partitions to the others.
   * @default true
   */
  readonly consumeCommands?: boolean;
  /** Called last by `close()`: releases what the caller opened for this runtime (Kafka, MongoDB clients). */
  readonly onClose?: () => Promise<void>;
  /**
   * The replica's JSON log (observability/logger.ts). Lines about an instance carry its
   * processInstanceKey and the traceparent of the command's message.
   * @default createLogger({ service: 'engine', replicaId }): stdout, level LOG_LEVEL (info)
   */
  readonly logger?: Logger;
  /** Where operational news goes (partition assignments). @default the logger, at info */
  readonly logInfo?: (message: string) => void;
  /** Where operational errors go. @default the logger, at error */
  readonly logError?: (message: string, error: unknown) => void;
}

/** A running engine replica: the {@link EngineService} plus the adapters it runs on. */
export interface EngineRuntime extends EngineService {
  readonly replicaId: string;
  readonly bus: TransactionalMessageBus;
  /** Environment prefix of every topic name (`topicName(topics.x, runtime.topicPrefix)`). */
  readonly topicPrefix: string;
  readonly stores: {
    readonly instances: InstanceStore;
    readonly definitions: DefinitionStore;
    readonly decisions: DecisionStore;
    readonly forms: FormStore;
    readonly jobs: JobStore;
    readonly userTasks: UserTaskStore;
    readonly messages: MessageStore;
    readonly signalSubscriptions: SignalSubscriptionStore;
    readonly timers: TimerStore;
    readonly businessIds: BusinessIdStore;
    readonly suspensions: SuspensionStore;
    readonly checkpoints: PartitionCheckpointStore;
    readonly batchOperations: BatchOperationStore;
    readonly history: HistoryStore;
  };
}
