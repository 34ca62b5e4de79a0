// Keys made while applying a command come from the command's place in the log (DESIGN §3.6):
// applying the same record again — a batch redelivered, a partition replayed from a snapshot by its
// next owner — makes the same keys, so the state it gives is the same to the byte. A replica's own
// key generator (key-generator.ts) would make new ones each time.
//
// Layout of the 63 bits, as a decimal string like every key:
//   1111 (node ids 960–1023, which no replica takes) | partition (6) | offset (38) | n-th key (15)
// 2^38 commands per partition is 8.7 years at 1,000 commands/s on one partition; 32,768 keys per
// command is more than any command makes that the engine accepts (a fan-out makes ~3 per branch).
import { nodeIdBits, replicaNodeIds } from './key-generator';

const partitionBits = 6n;
const offsetBits = 38n;
const sequenceBits = 15n;
const maxPartition = (1 << Number(partitionBits)) - 1;
const maxOffset = (1n << offsetBits) - 1n;
const maxSequence = (1 << Number(sequenceBits)) - 1;
/** The top four bits set: node ids 960–1023 (replicaNodeIds and up), which no replica takes. */
const reservedPrefix =
  BigInt(replicaNodeIds >> (nodeIdBits - 4)) << (partitionBits + offsetBits + sequenceBits);

/** The position of a command in the commands topic. */
export interface LogPosition {
  readonly partition: number;
  readonly offset: number;
}

/** The key maker of one command: its n-th call gives the same key on every replay. */
export function logPositionKeys({ partition, offset }: LogPosition): () => string {
  if (!Number.isInteger(partition) || partition < 0 || partition > maxPartition)
    throw new RangeError(`partition must be an integer in 0..${maxPartition}, got ${partition}`);
  const position = BigInt(offset);
  if (!Number.isInteger(offset) || position < 0n || position > maxOffset)
    throw new RangeError(`offset must be an integer in 0..${maxOffset}, got ${offset}`);
  const base =
    reservedPrefix | (BigInt(partition) << (offsetBits + sequenceBits)) | (position << sequenceBits);
  let made = 0;
  return () => {
    if (made > maxSequence)
      throw new RangeError(`a command may make at most ${maxSequence + 1} keys; this one asked for more`);
    return (base | BigInt(made++)).toString();
  };
}
