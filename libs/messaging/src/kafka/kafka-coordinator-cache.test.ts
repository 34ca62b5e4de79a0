import Cluster, { type CoordinatorQuery } from 'kafkajs/src/cluster/index.js';
import {
  cacheKafkaCoordinators,
  COORDINATOR_CACHE_TTL_MS,
  uncacheKafkaCoordinators,
} from './kafka-coordinator-cache';

/** A broker as kafkajs hands it out: requests are its methods. */
class FakeBroker {
  constructor(
    readonly nodeId: number,
    private readonly failing: { now: boolean },
  ) {}

  endTxn(): Promise<string> {
    return this.failing.now
      ? Promise.reject(new Error('NOT_COORDINATOR'))
      : Promise.resolve(`ended at ${this.nodeId}`);
  }
}

describe('the kafkajs coordinator cache', () => {
  const original = Cluster.prototype.findGroupCoordinator;
  const failing = { now: false };
  let lookups: CoordinatorQuery[];
  let clock: number;

  beforeEach(() => {
    lookups = [];
    clock = 1_000;
    failing.now = false;
    // What kafkajs would ask a broker: each lookup answers a broker of its own.
    Cluster.prototype.findGroupCoordinator = (query: CoordinatorQuery) => {
      lookups.push(query);
      return Promise.resolve(new FakeBroker(lookups.length, failing));
    };
    expect(cacheKafkaCoordinators(() => clock)).toBe(true);
  });

  afterEach(() => {
    uncacheKafkaCoordinators();
    Cluster.prototype.findGroupCoordinator = original;
  });

  const clusterOf = () => Object.create(Cluster.prototype) as Cluster;
  const find = (cluster: Cluster, groupId: string, coordinatorType = 1) =>
    cluster.findGroupCoordinator({ groupId, coordinatorType }) as Promise<FakeBroker>;

  it('asks once per client, id and coordinator type', async () => {
    const [one, other] = [clusterOf(), clusterOf()];
    const first = await find(one, 'tx-1');
    expect((await find(one, 'tx-1')).nodeId).toBe(first.nodeId);
    await find(one, 'tx-1', 0);
    await find(one, 'tx-2');
    await find(other, 'tx-1');
    expect(lookups).toEqual([
      { groupId: 'tx-1', coordinatorType: 1 },
      { groupId: 'tx-1', coordinatorType: 0 },
      { groupId: 'tx-2', coordinatorType: 1 },
      { groupId: 'tx-1', coordinatorType: 1 },
    ]);
  });

  it('asks again once a request to the coordinator failed', async () => {
    const cluster = clusterOf();
    const broker = await find(cluster, 'tx-1');
    expect(await broker.endTxn()).toBe('ended at 1');
    failing.now = true;
    await expect(broker.endTxn()).rejects.toThrow('NOT_COORDINATOR');
    failing.now = false;
    expect(await (await find(cluster, 'tx-1')).endTxn()).toBe('ended at 2');
    expect(lookups).toHaveLength(2);
  });

  it('asks again after the time to live, even when nothing failed', async () => {
    const cluster = clusterOf();
    await find(cluster, 'tx-1');
    clock += COORDINATOR_CACHE_TTL_MS - 1;
    await find(cluster, 'tx-1');
    expect(lookups).toHaveLength(1);
    clock += 1;
    await find(cluster, 'tx-1');
    expect(lookups).toHaveLength(2);
  });

  it('keeps no failed lookup', async () => {
    const cluster = clusterOf();
    Cluster.prototype.findGroupCoordinator = original;
    uncacheKafkaCoordinators();
    let attempts = 0;
    Cluster.prototype.findGroupCoordinator = () =>
      ++attempts === 1
        ? Promise.reject(new Error('no coordinator yet'))
        : Promise.resolve(new FakeBroker(7, failing));
    cacheKafkaCoordinators(() => clock);
    await expect(find(cluster, 'tx-1')).rejects.toThrow('no coordinator yet');
    expect((await find(cluster, 'tx-1')).nodeId).toBe(7);
  });
});
