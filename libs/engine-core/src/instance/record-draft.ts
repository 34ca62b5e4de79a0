// The changes one command makes to one keyed record of the state (tokens, jobs, …), kept beside
// the unchanged record and folded into a new record object only when the state is read.
//
// Why not copy the record and write into the copy: the records are keyed by Baton keys, numbers
// that never repeat, and V8 handles objects with ever-new property names badly: each new name
// gives the object a new hidden class, and the first use of a string as a property name is a
// call into V8's runtime. So writes go to Maps; elements that start and end within one command
// (start and end events, gateways) never reach an object; keys made during the command are
// never looked up in the record; and folded records are dictionary-mode objects, whose inserts
// are hash-table inserts. The result is the same plain record, with its keys in the order that
// copying and writing gives them.

/** A record of the state: plain object, keys are Baton keys. */
export type StateRecord<V> = Readonly<Record<string, V>>;

const deleted: unique symbol = Symbol('deleted');
const noKeys: ReadonlySet<string> = new Set();

/**
 * A new empty record object in dictionary mode: deleting a property other than the last one
 * switches V8 to a hash table for the object's properties, and it stays one. Same prototype,
 * same JSON, same behaviour as `{}`.
 */
export function newRecord<V>(): Record<string, V> {
  const record: Record<string, unknown> = { dictionaryMode: 0, switch: 0 };
  delete record['dictionaryMode'];
  delete record['switch'];
  return record as Record<string, V>;
}

export class RecordDraft<V> {
  /** New values of keys the base has, in place (or `deleted`). */
  private replaced: Map<string, V | typeof deleted> | undefined;
  /** Keys the base does not have (or had and were deleted and written again), in write order. */
  private added: Map<string, V> | undefined;

  /**
   * `base`: the record of the input state. `fresh`: keys made during this command, which the base
   * cannot hold (until `current()` folds them in).
   */
  constructor(
    private base: StateRecord<V>,
    private fresh: ReadonlySet<string>,
  ) {}

  /** True when writes are waiting to be folded into a new record object. */
  get changed(): boolean {
    return this.replaced !== undefined || this.added !== undefined;
  }

  get(key: string): V | undefined {
    const added = this.added?.get(key);
    if (added !== undefined || this.fresh.has(key)) return added;
    const replaced = this.replaced?.get(key);
    if (replaced !== undefined) return replaced === deleted ? undefined : replaced;
    return this.base[key];
  }

  set(key: string, value: V): void {
    if (this.fresh.has(key) || this.added?.has(key)) {
      (this.added ??= new Map()).set(key, value);
      return;
    }
    const replaced = this.replaced?.get(key);
    if (replaced === undefined && this.base[key] !== undefined) {
      (this.replaced ??= new Map()).set(key, value);
    } else if (replaced !== undefined && replaced !== deleted) {
      this.replaced!.set(key, value);
    } else {
      // A new key, or a base key deleted before: an object would append it at the end.
      (this.added ??= new Map()).set(key, value);
    }
  }

  delete(key: string): void {
    if (this.added?.delete(key)) {
      if (this.added.size === 0) this.added = undefined;
      return;
    }
    if (!this.fresh.has(key) && this.base[key] !== undefined) (this.replaced ??= new Map()).set(key, deleted);
  }

  /** The record with every write so far; the same object until the next write. */
  current(): StateRecord<V> {
    if (!this.changed) return this.base;
    const record = newRecord<V>();
    const { base, replaced } = this;
    for (const key of Object.keys(base)) {
      const value = replaced?.get(key) ?? base[key];
      if (value !== deleted && value !== undefined) record[key] = value;
    }
    this.added?.forEach((value, key) => {
      record[key] = value;
    });
    this.base = record;
    this.replaced = undefined;
    this.added = undefined;
    this.fresh = noKeys;
    return record;
  }
}
