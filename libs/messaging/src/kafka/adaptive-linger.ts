// Lingering fetches that stop lingering when nothing comes. A subscription with `fetchLingerMs`
// asks the broker to hold each fetch until it has more than there can ever be (Kafka's minBytes),
// for at most the linger, so that a busy partition's commands gather into one transaction. Held
// that way, a fetch lasts the whole linger also when nothing arrives: an idle engine replica's
// command and job-result consumers fetched 100 times a second each, about 15 % of a core of the
// replica and 12 % of one of the broker's. And the first command after a quiet spell waited out
// the linger.
//
// So a lingering consumer lingers only while records come: one whose fetches brought none for
// three lingers (or that has not fetched yet) waits for the first record instead (minBytes 1, for
// up to the bus's idle wait), and lingers again once records come. A few lingers, not one empty
// fetch: stopping at the first empty fetch between two bursts of commands made the (b) benchmark
// 5–10 % slower at full load (smaller batches, more transactions), in four interleaved pairs of
// runs. And not a fixed half second, as first: records a few hundred ms apart kept every lingering
// consumer fetching once per linger, 100 times a second each at 10 ms, for nothing. At 5 (b)
// instances a second that was a fifth of a core of the replica and an eighth of the broker's.
// kafkajs keeps a consumer's fetch settings for its lifetime, so its broker class is taught this
// here: each lingering subscription fetches with a minBytes of its own (a marker above anything a
// fetch gathers, registered with its idle wait), and each consumer has broker connections of its
// own, on which the time its fetches last brought records is remembered.
import Broker from 'kafkajs/src/broker/index.js';

/** The least minBytes of a lingering fetch: more than any fetch gathers within its linger. */
const firstMarker = 1 << 20;

/** A lingering subscription's waits: idle, for a first record; and how long it stays lingering. */
interface LingerWaits {
  readonly idleWaitMs: number;
  /** How long after the last fetch that brought records its fetches still linger. */
  readonly quietBeforeIdleMs: number;
}

/** The waits of each lingering subscription, by the minBytes marker its fetches carry. */
const lingerWaits = new Map<number, LingerWaits>();
let nextMarker = firstMarker;

/** How many lingers a lingering consumer's fetches bring nothing before it waits for the first record instead. */
const quietLingers = 3;

/** When a fetch of each broker connection (one consumer's each) last brought records. */
const lastRecordsAt = new WeakMap<Broker, number>();

interface FetchArgs {
  readonly minBytes?: number;
  readonly maxWaitTime?: number;
}

interface FetchResponse {
  readonly responses?: readonly {
    readonly partitions: readonly { readonly messages?: readonly unknown[] }[];
  }[];
}

type Fetch = (this: Broker, args: FetchArgs) => Promise<FetchResponse>;

let installed = false;

/** Teaches kafkajs's broker class to stop lingering when idle (idempotent); false where it cannot. */
export function installAdaptiveLinger(): boolean {
  if (installed) return true;
  const prototype = Broker.prototype as unknown as { fetch?: Fetch };
  const fetch = prototype.fetch;
  if (typeof fetch !== 'function') return false;
  installed = true;
  prototype.fetch = async function (this: Broker, args: FetchArgs): Promise<FetchResponse> {
    const waits = args.minBytes === undefined ? undefined : lingerWaits.get(args.minBytes);
    if (waits === undefined) return fetch.call(this, args);
    const recordsAt = lastRecordsAt.get(this);
    const lingering = recordsAt !== undefined && Date.now() - recordsAt < waits.quietBeforeIdleMs;
    const response = await fetch.call(
      this,
      lingering ? args : { ...args, minBytes: 1, maxWaitTime: waits.idleWaitMs },
    );
    if (broughtRecords(response)) lastRecordsAt.set(this, Date.now());
    return response;
  };
  return true;
}

/**
 * The minBytes a new lingering subscription fetches with, remembered with its linger and the time
 * its fetches wait for a first record while idle; `release` forgets it once the subscription is closed.
 */
export function registerLinger(
  lingerMs: number,
  idleWaitMs: number,
): { readonly minBytes: number; release(): void } {
  const minBytes = nextMarker++;
  lingerWaits.set(minBytes, { idleWaitMs, quietBeforeIdleMs: quietLingers * lingerMs });
  return { minBytes, release: () => lingerWaits.delete(minBytes) };
}

function broughtRecords(response: FetchResponse): boolean {
  return (response.responses ?? []).some(({ partitions }) =>
    partitions.some(({ messages }) => (messages?.length ?? 0) > 0),
  );
}
