// A kafkajs internal Baton reaches into (kafka-coordinator-cache.ts; the others in kafkajs-internals.d.ts): the Cluster class,
// which every producer, consumer and admin client of kafkajs 2.2 uses to find its coordinators.
declare module 'kafkajs/src/cluster/index.js' {
  export interface CoordinatorQuery {
    readonly groupId: string;
    /** 0 a consumer group's coordinator, 1 a transactional id's. */
    readonly coordinatorType?: number;
  }

  /** A kafkajs broker connection: requests are its methods. */
  export type CoordinatorBroker = object;

  export default class Cluster {
    findGroupCoordinator: (this: Cluster, query: CoordinatorQuery) => Promise<CoordinatorBroker>;
  }
}
