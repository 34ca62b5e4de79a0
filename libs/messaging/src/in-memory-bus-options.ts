// The settings of the embedded bus (in-memory-bus.ts).
/** Options of {@link InMemoryBus}. */
export interface InMemoryBusOptions {
  /**
   * Partitions of every topic. The embedded engine runs in one process, so one count for all
   * (PARTITIONS) is what it is configured and reported with; unset, a topic gets the catalogue's
   * count, or 4 for a topic the catalogue does not know.
   */
  readonly partitions?: number;
  /**
   * The clock that stamps appended messages (their `timestamp`), epoch ms.
   * @default Date.now
   */
  readonly clock?: () => number;
  /**
   * Environment prefix of topic names, to find a topic's schema in the catalogue and to name the DLQ.
   * @default '' (the services take it from TOPIC_PREFIX in their configuration)
   */
  readonly topicPrefix?: string;
  /**
   * Most messages handed to one `eachBatch` call.
   * @default 1000
   */
  readonly maxBatchSize?: number;
  /**
   * Messages a partition keeps after every consumer group of its topic has consumed them, for
   * groups that join later with `fromBeginning` (which, as on Kafka, start at the oldest message
   * kept). Older consumed messages are dropped, so that a long-running embedded bus does not grow
   * without bound (and the garbage collector does not trace them again and again). A message some
   * group has not consumed yet is never dropped.
   * @default 100
   */
  readonly retainedMessages?: number;
  /**
   * Called when a batch handler rejects (the batch is delivered again after a back-off), or rejects
   * after its transaction committed (the batch counts as handled).
   * @default logs to console.error
   */
  readonly onError?: (error: unknown, where: { topic: string; groupId: string; partition: number }) => void;
}
