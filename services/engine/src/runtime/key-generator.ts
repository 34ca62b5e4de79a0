// Keys unique across replicas without coordination (DESIGN §3.6), Snowflake-style: node id in the
// high bits, then a millisecond timestamp, then a per-millisecond sequence; as a decimal string.
// Monotonic per generator even when the clock steps back (the last timestamp is reused).

/** Bits of the node id. */
export const nodeIdBits = 10;
/**
 * Node ids replicas may take: 0–959. The top 64 values of the field belong to the keys made while
 * applying commands, which come from the command's position in the log (log-position-keys.ts).
 */
export const replicaNodeIds = 960;
const timestampBits = 41n;
const sequenceBits = 12n;
const maxSequence = (1 << Number(sequenceBits)) - 1;
/** 2025-01-01T00:00:00Z: keeps the 41-bit timestamp good for ~69 years. */
const keyEpochMs = 1_735_689_600_000;

export interface KeyGeneratorOptions {
  /** This replica's id, 0–959; two live replicas must not share one. */
  readonly nodeId: number;
  /**
   * The clock, epoch ms.
   * @default Date.now
   */
  readonly clock?: () => number;
}

/** Makes new keys for one replica. */
export class KeyGenerator {
  readonly nodeId: number;
  private readonly nodePart: bigint;
  private readonly clock: () => number;
  private lastTimestamp = -1;
  private sequence = 0;

  constructor(options: KeyGeneratorOptions) {
    if (!Number.isInteger(options.nodeId) || options.nodeId < 0 || options.nodeId >= replicaNodeIds) {
      throw new RangeError(`nodeId must be an integer in 0..${replicaNodeIds - 1}, got ${options.nodeId}`);
    }
    this.nodeId = options.nodeId;
    this.nodePart = BigInt(options.nodeId) << (timestampBits + sequenceBits);
    this.clock = options.clock ?? Date.now;
  }

  /** A new key, greater than every key this generator returned before. */
  next(): string {
    const timestamp = Math.max(this.clock() - keyEpochMs, this.lastTimestamp, 0);
    if (timestamp === this.lastTimestamp) {
      this.sequence++;
      if (this.sequence > maxSequence) {
        // More than 4096 keys in one millisecond: borrow the next millisecond.
        this.lastTimestamp++;
        this.sequence = 0;
      }
    } else {
      this.lastTimestamp = timestamp;
      this.sequence = 0;
    }
    return (this.nodePart | (BigInt(this.lastTimestamp) << sequenceBits) | BigInt(this.sequence)).toString();
  }
}

/** A node id derived from a replica id (FNV-1a), for setups that do not assign one explicitly. */
export function nodeIdFromReplicaId(replicaId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < replicaId.length; i++) {
    hash ^= replicaId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % replicaNodeIds;
}

/** Who made a key and when: what a replica-made key says of itself. */
export interface KeyOrigin {
  readonly nodeId: number;
  /** When it was made, epoch ms (the maker's clock). */
  readonly madeAt: number;
}

/**
 * The origin of a key a replica's generator made; undefined for any other string, including keys
 * made while applying a command (log-position-keys.ts), which carry a log position instead.
 */
export function keyOrigin(key: string): KeyOrigin | undefined {
  if (!/^\d{1,19}$/.test(key)) return undefined;
  const value = BigInt(key);
  const nodeId = Number(value >> (timestampBits + sequenceBits));
  if (nodeId >= replicaNodeIds) return undefined;
  const timestamp = Number((value >> sequenceBits) & ((1n << timestampBits) - 1n));
  return { nodeId, madeAt: keyEpochMs + timestamp };
}
