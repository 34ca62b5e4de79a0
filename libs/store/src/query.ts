// Paging and sorting shared by the stores' search operations (Camunda REST v2 shapes).

export interface PageRequest {
  /**
   * Index of the first item.
   * @default 0
   */
  readonly from?: number;
  /**
   * Most items returned.
   * @default 100
   */
  readonly limit?: number;
}

export interface SortRequest {
  readonly field: string;
  /** @default 'ASC' */
  readonly order?: 'ASC' | 'DESC';
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Items matching the filter, across all pages. */
  readonly totalItems: number;
}

/** Compares keys (decimal strings) numerically, other strings lexically, numbers numerically. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = typeof a === 'string' ? a : JSON.stringify(a);
  const right = typeof b === 'string' ? b : JSON.stringify(b);
  if (/^\d+$/.test(left) && /^\d+$/.test(right) && left.length !== right.length)
    return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Sorts (stable, by each field in turn) and cuts one page out of the matching items. */
export function sortAndPage<T>(
  matching: readonly T[],
  sort: readonly SortRequest[] | undefined,
  page: PageRequest | undefined,
  fieldOf: (item: T, field: string) => unknown,
): Page<T> {
  const sorted = [...matching];
  if (sort && sort.length > 0) {
    sorted.sort((a, b) => {
      for (const { field, order } of sort) {
        const result = compareValues(fieldOf(a, field), fieldOf(b, field));
        if (result !== 0) return order === 'DESC' ? -result : result;
      }
      return 0;
    });
  }
  const from = Math.max(0, page?.from ?? 0);
  const limit = Math.max(0, page?.limit ?? 100);
  return { items: sorted.slice(from, from + limit), totalItems: matching.length };
}
