// Key → partition: a stable hash, so that one key always lands on one partition and keeps its order.

/** FNV-1a 32-bit hash of the key's UTF-16 code units, modulo the partition count. */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
