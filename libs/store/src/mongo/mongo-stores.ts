// Wiring of the MongoDB stores on one client: connection, collections and indexes (created
// at start, idempotent), the choice of write claims on servers without atomic updates, and the
// count of the commands the client sends.
import { MongoClient, type Db, type IndexDescription, type MongoClientOptions } from 'mongodb';
import type { DecisionStore } from '../decision-store';
import type { DefinitionStore } from '../definition-store';
import type { FormStore } from '../form-store';
import type { HistoryStore } from '../history-store';
import { MongoHistoryStore, type HistoryEntryRecord } from './mongo-history-store';
import type { InstanceStore } from '../instance-store';
import type { JobStore } from '../job-store';
import type { MessageStore } from '../message-store';
import type { SignalSubscriptionStore } from '../signal-subscription-store';
import {
  MongoSignalSubscriptionStore,
  type SignalSubscriptionRecord,
} from './mongo-signal-subscription-store';
import type { TimerStore } from '../timer-store';
import type { PartitionCheckpointStore } from '../partition-checkpoint-store';
import type { BusinessIdStore } from '../business-id-store';
import { MongoBusinessIdStore, type BusinessIdRecord } from './mongo-business-id-store';
import type { UserTaskStore } from '../user-task-store';
import type { InstanceRecord } from './instance-record';
import type { JobLockRecord } from './job-lock-claims';
import {
  MongoDecisionStore,
  type DecisionRecord,
  type DecisionRequirementsRecord,
} from './mongo-decision-store';
import type { DecisionInstanceRecord } from './mongo-decision-instances';
import { MongoDefinitionStore, type DefinitionRecord } from './mongo-definition-store';
import { MongoFormStore, type FormRecord } from './mongo-form-store';
import type { IdQueryStyle } from './id-lookups';
import { maskUri, MongoStoreConnectionError } from './mongo-errors';
import {
  observeMongoCommands,
  publishMongoCommand,
  type MongoCommandObserver,
} from './mongo-command-monitor';
import { MongoInstanceStore } from './mongo-instance-store';
import {
  MongoPartitionCheckpointStore,
  type PartitionCheckpointRecord,
} from './mongo-partition-checkpoint-store';
import { MongoJobStore, type JobDocumentRecord } from './mongo-job-store';
import {
  MongoMessageStore,
  type BufferedMessageRecord,
  type MessageCorrelationRecord,
  type MessageSubscriptionRecord,
  type SubscriptionClaimRecord,
} from './mongo-message-store';
import { MongoTimerStore, type TimerRecord } from './mongo-timer-store';
import { MongoUserTaskStore, type UserTaskRecord } from './mongo-user-task-store';
import { WriteClaims, type ClaimRecord } from './write-claims';
import { defaultMaxStatementsPerCommand, detectServerKind } from './server-kind';
import type { SuspensionStore } from '../suspension-store';
import type { BatchOperationStore } from '../batch-operation-store';
import {
  MongoBatchOperationStore,
  type BatchOperationDocument,
  type BatchOperationItemDocument,
} from './mongo-batch-operation-store';
import {
  MongoSuspensionStore,
  type JobDefinitionRecord,
  type SuspendedDefinitionRecord,
} from './mongo-suspension-store';

/** Collection names of the stores. */
export const MONGO_COLLECTIONS = {
  instances: 'instances',
  instanceClaims: 'instanceClaims',
  definitions: 'definitions',
  decisionRequirements: 'decisionRequirements',
  decisions: 'decisions',
  decisionInstances: 'decisionInstances',
  forms: 'forms',
  jobs: 'jobs',
  jobLocks: 'jobLocks',
  userTasks: 'userTasks',
  messageSubscriptions: 'messageSubscriptions',
  messageSubscriptionClaims: 'messageSubscriptionClaims',
  messages: 'messages',
  messageCorrelations: 'messageCorrelations',
  signalSubscriptions: 'signalSubscriptions',
  timers: 'timers',
  businessIds: 'businessIds',
  jobDefinitions: 'jobDefinitions',
  suspendedDefinitions: 'suspendedDefinitions',
  partitionCheckpoints: 'partitionCheckpoints',
  batchOperations: 'batchOperations',
  batchOperationItems: 'batchOperationItems',
  instanceHistory: 'instanceHistory',
} as const;

/** Indexes per collection, created at start. */
export const MONGO_INDEXES: Readonly<Record<keyof typeof MONGO_COLLECTIONS, readonly IndexDescription[]>> = {
  instances: [
    { key: { processDefinitionId: 1, state: 1 }, name: 'processDefinitionId_state' },
    { key: { processDefinitionKey: 1 }, name: 'processDefinitionKey' },
    { key: { state: 1, hasIncident: 1 }, name: 'state_hasIncident' },
    { key: { 'sortKeys.processInstanceKey': 1 }, name: 'sort_processInstanceKey' },
    // Sparse: only documents with a pending outbox carry the field (FerretDB has no partial indexes).
    { key: { hasOutbox: 1 }, name: 'hasOutbox', sparse: true },
    { key: { incidentKeys: 1 }, name: 'incidentKeys' },
    { key: { elementInstanceKeys: 1 }, name: 'elementInstanceKeys' },
    { key: { jobKeys: 1 }, name: 'jobKeys' },
    { key: { readKeys: 1 }, name: 'readKeys' },
    { key: { businessKey: 1 }, name: 'businessKey', sparse: true },
    { key: { parentProcessInstanceKey: 1 }, name: 'parentProcessInstanceKey', sparse: true },
    { key: { startDate: 1 }, name: 'startDate' },
  ],
  instanceClaims: [],
  definitions: [
    {
      key: { processDefinitionId: 1, processDefinitionVersion: 1 },
      name: 'processDefinitionId_version',
      unique: true,
    },
    { key: { processDefinitionId: 1, checksum: 1 }, name: 'processDefinitionId_checksum' },
  ],
  decisionRequirements: [
    { key: { decisionRequirementsId: 1, version: 1 }, name: 'decisionRequirementsId_version', unique: true },
  ],
  decisions: [
    { key: { decisionDefinitionId: 1, version: 1 }, name: 'decisionDefinitionId_version', unique: true },
    { key: { decisionRequirementsKey: 1 }, name: 'decisionRequirementsKey' },
  ],
  decisionInstances: [
    { key: { processInstanceKey: 1 }, name: 'processInstanceKey', sparse: true },
    { key: { decisionDefinitionKey: 1 }, name: 'decisionDefinitionKey' },
  ],
  forms: [
    { key: { formId: 1, version: 1 }, name: 'formId_version', unique: true },
    { key: { formId: 1, deploymentKey: 1 }, name: 'formId_deploymentKey' },
  ],
  jobs: [
    { key: { type: 1, seq: 1, activatableAt: 1 }, name: 'type_seq_activatableAt' },
    { key: { type: 1, activatableAt: 1 }, name: 'type_activatableAt' },
  ],
  jobLocks: [{ key: { jobKey: 1 }, name: 'jobKey' }],
  userTasks: [
    { key: { processInstanceKey: 1 }, name: 'processInstanceKey' },
    { key: { state: 1, assignee: 1 }, name: 'state_assignee' },
    { key: { elementId: 1 }, name: 'elementId' },
    { key: { 'sortKeys.userTaskKey': 1 }, name: 'sort_userTaskKey' },
  ],
  messageSubscriptions: [
    {
      key: { tenantId: 1, messageName: 1, correlationKey: 1 },
      name: 'tenantId_messageName_correlationKey',
    },
  ],
  messageSubscriptionClaims: [],
  messages: [
    { key: { tenantId: 1, name: 1, correlationKey: 1 }, name: 'tenantId_name_correlationKey' },
    { key: { expiresAt: 1 }, name: 'expiresAt' },
  ],
  messageCorrelations: [{ key: { expiresAt: 1 }, name: 'expiresAt' }],
  signalSubscriptions: [{ key: { tenantId: 1, signalName: 1 }, name: 'tenantId_signalName' }],
  timers: [
    { key: { partition: 1, dueDate: 1 }, name: 'partition_dueDate' },
    // Sparse: only start timers carry the field.
    { key: { processDefinitionId: 1 }, name: 'processDefinitionId', sparse: true },
  ],
  businessIds: [],
  jobDefinitions: [{ key: { processDefinitionKey: 1 }, name: 'processDefinitionKey' }],
  suspendedDefinitions: [],
  // Read and written by _id only.
  partitionCheckpoints: [],
  batchOperations: [{ key: { state: 1 }, name: 'state' }],
  batchOperationItems: [
    { key: { batchOperationKey: 1, state: 1 }, name: 'batchOperationKey_state' },
    { key: { processInstanceKey: 1 }, name: 'processInstanceKey' },
  ],
  instanceHistory: [
    {
      key: { processInstanceKey: 1, revision: 1, eventIndex: 1 },
      name: 'processInstanceKey_revision_eventIndex',
    },
  ],
};

/** Options of {@link openMongoStores}. */
export interface MongoStoresSetup {
  /**
   * Whether the server applies a conditional update atomically (MongoDB does; FerretDB 1.x
   * evaluates the filter on a read and then writes by _id). When false, instance writes take
   * exclusive claims first (one extra insert and delete per batch).
   * @default detected: false on FerretDB, true otherwise
   */
  readonly atomicConditionalUpdates?: boolean;
  /**
   * How long a write claim outlives a writer that died holding it, ms.
   * @default 30000
   */
  readonly claimTtlMs?: number;
  /**
   * Most statements per update command: a larger bulk write is sent as several commands, one
   * after another (server-kind.ts).
   * @default detected: unlimited on MongoDB; on FerretDB 100 with Baton's patch, 10 without it
   * (stock FerretDB 1.24 holds one of its 100 connections per database per statement until the
   * command ends, and never answers an update command of 100 matching statements)
   */
  readonly maxStatementsPerCommand?: number;
  /**
   * How lists of ids are read and deleted: one `$in` query, or one indexed query per id.
   * @default detected: 'each' on FerretDB (it scans the collection for `$in`), 'in' otherwise
   */
  readonly idQueries?: IdQueryStyle;
}

/** Options of {@link connectMongoStores}. */
export interface MongoStoresOptions extends MongoStoresSetup {
  /** The connection string, e.g. `mongodb://127.0.0.1:27017/`. */
  readonly uri: string;
  /**
   * The database holding the collections.
   * @default 'baton'
   */
  readonly dbName?: string;
  /**
   * How long to look for a reachable server before failing, ms (the caller retries).
   * @default 5000
   */
  readonly serverSelectionTimeoutMs?: number;
  /**
   * Told of every command the client sends (not its handshake or authentication), for the count of
   * database statements; `false` turns the driver's command monitoring off.
   * @default publishes each command on the `baton:store:mongodb-command` diagnostics channel
   * (`mongoCommandChannelName`), where a replica's metrics count it
   */
  readonly commandObserver?: MongoCommandObserver | false;
  /**
   * Further options of the one MongoClient.
   * @default {}
   */
  readonly clientOptions?: MongoClientOptions;
}

export interface MongoStores {
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
}

export interface ConnectedMongoStores extends MongoStores {
  /** The one client of the stores. */
  readonly client: MongoClient;
  close(): Promise<void>;
}

/**
 * Connects one client, creates the collections' indexes and returns the stores.
 * @throws MongoStoreConnectionError when no server answers within `serverSelectionTimeoutMs`.
 */
export async function connectMongoStores(options: MongoStoresOptions): Promise<ConnectedMongoStores> {
  const observer = options.commandObserver ?? publishMongoCommand;
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000,
    ...options.clientOptions,
    // The driver then builds an event per command and deserialises each reply once more for it:
    // microseconds against a round trip to the server.
    ...(observer ? { monitorCommands: true } : {}),
  });
  if (observer) observeMongoCommands(client, observer);
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new MongoStoreConnectionError(maskUri(options.uri), error);
  }
  try {
    const stores = await openMongoStores(client.db(options.dbName ?? 'baton'), options);
    return { ...stores, client, close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** The stores on a database of a connected client, after creating their indexes. */
export async function openMongoStores(db: Db, setup: MongoStoresSetup = {}): Promise<MongoStores> {
  const server = await detectServerKind(db);
  const { ferretDb } = server;
  await ensureIndexes(db, ferretDb ? 'unique' : 'all');
  const atomic = setup.atomicConditionalUpdates ?? !ferretDb;
  const maxStatementsPerCommand = setup.maxStatementsPerCommand ?? defaultMaxStatementsPerCommand(server);
  const idQueries = setup.idQueries ?? (ferretDb ? 'each' : 'in');
  const claims = atomic
    ? undefined
    : new WriteClaims(
        db.collection<ClaimRecord>(MONGO_COLLECTIONS.instanceClaims),
        setup.claimTtlMs ?? 30_000,
        { style: idQueries, maxStatementsPerCommand },
      );
  return {
    instances: new MongoInstanceStore(db.collection<InstanceRecord>(MONGO_COLLECTIONS.instances), {
      claims,
      maxStatementsPerCommand,
      idQueries,
      regexEngine: ferretDb ? 'automaton' : 'backtracking',
    }),
    definitions: new MongoDefinitionStore(db.collection<DefinitionRecord>(MONGO_COLLECTIONS.definitions)),
    decisions: new MongoDecisionStore(
      db.collection<DecisionRequirementsRecord>(MONGO_COLLECTIONS.decisionRequirements),
      db.collection<DecisionRecord>(MONGO_COLLECTIONS.decisions),
      db.collection<DecisionInstanceRecord>(MONGO_COLLECTIONS.decisionInstances),
    ),
    forms: new MongoFormStore(db.collection<FormRecord>(MONGO_COLLECTIONS.forms)),
    jobs: new MongoJobStore(
      db.collection<JobDocumentRecord>(MONGO_COLLECTIONS.jobs),
      db.collection<JobLockRecord>(MONGO_COLLECTIONS.jobLocks),
      { maxStatementsPerCommand, atomicConditionalUpdates: atomic, idQueries },
    ),
    userTasks: new MongoUserTaskStore(db.collection<UserTaskRecord>(MONGO_COLLECTIONS.userTasks), {
      maxStatementsPerCommand,
    }),
    messages: new MongoMessageStore({
      subscriptions: db.collection<MessageSubscriptionRecord>(MONGO_COLLECTIONS.messageSubscriptions),
      claims: db.collection<SubscriptionClaimRecord>(MONGO_COLLECTIONS.messageSubscriptionClaims),
      messages: db.collection<BufferedMessageRecord>(MONGO_COLLECTIONS.messages),
      correlations: db.collection<MessageCorrelationRecord>(MONGO_COLLECTIONS.messageCorrelations),
    }),
    signalSubscriptions: new MongoSignalSubscriptionStore(
      db.collection<SignalSubscriptionRecord>(MONGO_COLLECTIONS.signalSubscriptions),
    ),
    timers: new MongoTimerStore(db.collection<TimerRecord>(MONGO_COLLECTIONS.timers)),
    businessIds: new MongoBusinessIdStore(db.collection<BusinessIdRecord>(MONGO_COLLECTIONS.businessIds)),
    suspensions: new MongoSuspensionStore(
      db.collection<JobDefinitionRecord>(MONGO_COLLECTIONS.jobDefinitions),
      db.collection<SuspendedDefinitionRecord>(MONGO_COLLECTIONS.suspendedDefinitions),
    ),
    checkpoints: new MongoPartitionCheckpointStore(
      db.collection<PartitionCheckpointRecord>(MONGO_COLLECTIONS.partitionCheckpoints),
      { style: idQueries, maxStatementsPerCommand },
    ),
    batchOperations: new MongoBatchOperationStore(
      db.collection<BatchOperationDocument>(MONGO_COLLECTIONS.batchOperations),
      db.collection<BatchOperationItemDocument>(MONGO_COLLECTIONS.batchOperationItems),
    ),
    history: new MongoHistoryStore(db.collection<HistoryEntryRecord>(MONGO_COLLECTIONS.instanceHistory)),
  };
}

/**
 * Which indexes a server gets. FerretDB 1.24 (SQLite) answers every query but `{ _id: <string> }`
 * by reading the whole collection and sorts in memory, so it never reads a secondary index; yet it
 * maintains each one on every insert and update (a JSON extraction per index and document: twelve
 * on an instance). There only the unique indexes are made, for the constraints they enforce, and
 * the others, left by an earlier version, are dropped.
 */
type IndexSet = 'all' | 'unique';

async function ensureIndexes(db: Db, wanted: IndexSet): Promise<void> {
  const existing = new Set(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name),
  );
  for (const [store, name] of Object.entries(MONGO_COLLECTIONS) as [
    keyof typeof MONGO_COLLECTIONS,
    string,
  ][]) {
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreAlreadyExists);
    const present = new Set(
      (await db.collection(name).listIndexes().toArray()).map((index) => (index as { name?: string }).name),
    );
    // One index per command: FerretDB 1.24 drops the connection when a createIndexes command of
    // several indexes names one that exists; a single existing index is accepted as a no-op.
    for (const index of MONGO_INDEXES[store]) {
      const made = wanted === 'all' || index.unique === true;
      if (made && !present.has(index.name)) await db.collection(name).createIndexes([index]);
      if (!made && index.name !== undefined && present.has(index.name))
        await db.collection(name).dropIndex(index.name).catch(ignoreIndexNotFound);
    }
  }
}

/** Another process dropped the index between the listing and the drop. */
function ignoreIndexNotFound(error: unknown): void {
  if ((error as { codeName?: string }).codeName !== 'IndexNotFound') throw error;
}

/** Another process created the collection between the listing and the creation. */
function ignoreAlreadyExists(error: unknown): void {
  if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
}
