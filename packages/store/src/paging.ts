import type { Issues } from '@faultline/core';
import { describe } from '@faultline/core';
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { DEFAULT_PAGE_SIZE, type StoreLimits } from './limits.js';

/** Which page of a list: `limit` items, after skipping `offset` of them or after a `cursor`. */
export interface PageRequest {
  /** 1 to limits.pageSize (500); default 50. */
  readonly limit?: number;
  /** How many items to skip. Simple, but a page can repeat or miss items when others are added meanwhile. */
  readonly offset?: number;
  /** The `nextCursor` of the previous page: stable while items are added. Not together with offset. */
  readonly cursor?: string;
}

/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** How many items match the filter, over all pages. */
  readonly total: number;
  /** Pass as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** One column of a list's order; the last one must make the order total (an id). */
export interface SortKey {
  /** The column, as SQL names it in the query (`designs.updated_at`). */
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

/** A page request, checked. */
export interface PageQuery {
  readonly limit: number;
  readonly offset: number;
  /** Sort-key values of the last item of the previous page. */
  readonly after: readonly (string | number)[] | undefined;
}

/**
 * Checks a page request for a list called `list` (cursors of one list are refused by another)
 * ordered by `keys`. Problems go to `issues`.
 */
export function readPageRequest(
  request: PageRequest | undefined,
  list: string,
  keys: readonly SortKey[],
  issues: Issues,
  limits: StoreLimits,
): PageQuery {
  const { limit = DEFAULT_PAGE_SIZE, offset, cursor } = request ?? {};
  let checkedLimit = DEFAULT_PAGE_SIZE;
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= limits.pageSize) {
    checkedLimit = limit;
  } else {
    issues.add('limit', `expected a whole number from 1 to ${limits.pageSize}, got ${describe(limit)}`);
  }
  let checkedOffset = 0;
  if (offset !== undefined) {
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) checkedOffset = offset;
    else issues.add('offset', `expected a whole number ≥ 0, got ${describe(offset)}`);
  }
  let after: (string | number)[] | undefined;
  if (cursor !== undefined) {
    if (offset !== undefined) issues.add('cursor', 'give either cursor or offset, not both');
    after = decodeCursor(cursor, list, keys.length);
    if (after === undefined) {
      issues.add('cursor', `expected the nextCursor of a previous page of ${list}, got ${describe(cursor)}`);
    }
  }
  return { limit: checkedLimit, offset: checkedOffset, after };
}

/** Adds the page's order, position and size (one extra row, to know whether more follow). */
export function applyPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keys: readonly SortKey[],
  page: PageQuery,
): SelectQueryBuilder<DB, TB, O> {
  let paged = query;
  if (page.after) paged = paged.where(keysetAfter(keys, page.after));
  for (const key of keys) paged = paged.orderBy(sql.ref(key.column), key.direction);
  return paged.limit(page.limit + 1).offset(page.offset);
}

/** Turns the rows of {@link applyPage} into a page. `keyOf` gives a row's sort-key values. */
export function toPage<R, T>(
  rows: readonly R[],
  page: PageQuery,
  total: number,
  list: string,
  keyOf: (row: R) => readonly (string | number)[],
  toItem: (row: R) => T,
): Page<T> {
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown[shown.length - 1];
  return {
    items: shown.map(toItem),
    total,
    nextCursor: more && last !== undefined ? encodeCursor(list, keyOf(last)) : null,
  };
}

/** Rows strictly after `values` in the order of `keys`: (a > x) or (a = x and b > y) … */
function keysetAfter(keys: readonly SortKey[], values: readonly (string | number)[]): RawBuilder<SqlBool> {
  const alternatives = keys.map((key, index) => {
    const equal = keys.slice(0, index).map((earlier, i) => sql`${sql.ref(earlier.column)} = ${values[i]}`);
    const beyond = sql`${sql.ref(key.column)} ${sql.raw(key.direction === 'asc' ? '>' : '<')} ${values[index]}`;
    return sql.join([...equal, beyond], sql` and `);
  });
  return sql<SqlBool>`(${sql.join(
    alternatives.map((alternative) => sql`(${alternative})`),
    sql` or `,
  )})`;
}

function encodeCursor(list: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ list, after: values }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown, list: string, length: number): (string | number)[] | undefined {
  if (typeof cursor !== 'string' || cursor.length > 1000) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof decoded !== 'object' || decoded === null) return undefined;
    const { list: cursorList, after } = decoded as { list?: unknown; after?: unknown };
    if (cursorList !== list || !Array.isArray(after) || after.length !== length) return undefined;
    if (!after.every((value) => typeof value === 'string' || Number.isFinite(value))) return undefined;
    return after as (string | number)[];
  } catch {
    return undefined;
  }
}
