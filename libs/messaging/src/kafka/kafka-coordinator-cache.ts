// kafkajs 2.2 asks a broker for the coordinator of a transactional id or a consumer group every
// time it needs one, and a transaction needs one four times (AddPartitionsToTxn, AddOffsetsToTxn,
// TxnOffsetCommit, EndTxn): measured in the (b) benchmark, FindCoordinator was the replica's most
// frequent request, 1.7 per instance, a round trip each before the request it serves. Coordinators
// move only when brokers come and go, so the answer is kept: per client, per id and type, until a
// request to that broker fails (any failure: kafkajs then asks again, as it did before, and gets a
// fresh answer) or for at most `ttlMs`.
import Cluster, { type CoordinatorBroker, type CoordinatorQuery } from 'kafkajs/src/cluster/index.js';

/** How long a coordinator found is used without asking again, when nothing failed. */
export const COORDINATOR_CACHE_TTL_MS = 60_000;

interface Cached {
  readonly broker: Promise<CoordinatorBroker>;
  readonly until: number;
}

type Lookup = (this: Cluster, query: CoordinatorQuery) => Promise<CoordinatorBroker>;

const caches = new WeakMap<Cluster, Map<string, Cached>>();
let installed: Lookup | undefined;

/**
 * Makes every kafkajs client of this process remember the coordinators it found (idempotent).
 * Answers false, changing nothing, where the kafkajs in use has no such lookup to wrap.
 */
export function cacheKafkaCoordinators(now: () => number = Date.now): boolean {
  if (installed) return true;
  const original: Lookup | undefined = Cluster.prototype.findGroupCoordinator;
  if (typeof original !== 'function') return false;
  installed = original;
  Cluster.prototype.findGroupCoordinator = function (this: Cluster, query: CoordinatorQuery) {
    return cachedLookup(this, query, original, now);
  };
  return true;
}

/** Puts the original lookup back (tests). */
export function uncacheKafkaCoordinators(): void {
  if (!installed) return;
  Cluster.prototype.findGroupCoordinator = installed;
  installed = undefined;
}

function cachedLookup(
  cluster: Cluster,
  query: CoordinatorQuery,
  lookup: Lookup,
  now: () => number,
): Promise<CoordinatorBroker> {
  let cache = caches.get(cluster);
  if (!cache) caches.set(cluster, (cache = new Map<string, Cached>()));
  const key = `${query.coordinatorType ?? 0}:${query.groupId}`;
  const hit = cache.get(key);
  if (hit && hit.until > now()) return hit.broker;
  const forget = (entry: Cached) => {
    if (cache.get(key) === entry) cache.delete(key);
  };
  const broker: Promise<CoordinatorBroker> = lookup
    .call(cluster, query)
    .then((found) => forgettingOnFailure(found, () => forget(entry)));
  const entry: Cached = { broker, until: now() + COORDINATOR_CACHE_TTL_MS };
  cache.set(key, entry);
  broker.catch(() => forget(entry));
  return broker;
}

/**
 * The broker, its requests unchanged, except that a failed one makes the cache forget it: the
 * coordinator may have moved (NOT_COORDINATOR, a closed connection), and whoever handles the
 * failure looks it up again.
 */
function forgettingOnFailure(broker: CoordinatorBroker, forget: () => void): CoordinatorBroker {
  return new Proxy(broker, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = Reflect.apply(value, target, args);
        if (result instanceof Promise)
          return result.catch((error: unknown) => {
            forget();
            throw error;
          });
        return result;
      };
    },
  });
}
