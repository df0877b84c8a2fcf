import { Issues } from '@faultline/core';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { read, type StoreContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { failIfAny, fromJson, readId, readText, readVersion } from '../input.js';
import { applyPage, readPageRequest, toPage, type Page, type PageRequest, type SortKey } from '../paging.js';
import type { Database } from '../schema.js';
import { isoTime, isoTimeOrNull } from '../time.js';
import type {
  Design,
  DesignDocument,
  DesignQuery,
  DesignSummary,
  DesignVersionSummary,
  GetDesignOptions,
} from './types.js';

const BY_UPDATED: readonly SortKey[] = [
  { column: 'updated_at', direction: 'desc' },
  { column: 'id', direction: 'desc' },
];
const BY_NAME: readonly SortKey[] = [
  { column: 'search_name', direction: 'asc' },
  { column: 'id', direction: 'asc' },
];
const NEWEST_VERSION_FIRST: readonly SortKey[] = [{ column: 'version', direction: 'desc' }];

/** The latest version of a design, or the one asked for. */
export async function getDesign(
  ctx: StoreContext,
  id: string,
  options: GetDesignOptions = {},
): Promise<Design> {
  const issues = new Issues();
  const designId = readId(id, 'id', issues);
  const version = options.version === undefined ? undefined : readVersion(options.version, 'version', issues);
  failIfAny(issues);
  return read(ctx, async (db) => {
    const design = await loadDesign(db, designId, version, options.includeDeleted ?? false);
    if (!design) throw new NotFoundError('design', designId, version);
    return design;
  });
}

/** Reads a design at a version (the latest when undefined), or undefined. Usable inside a transaction. */
export async function loadDesign(
  db: Kysely<Database>,
  id: string,
  version: number | undefined,
  includeDeleted: boolean,
): Promise<Design | undefined> {
  const row = await db
    .selectFrom('designs')
    .innerJoin('design_versions', 'design_versions.design_id', 'designs.id')
    .select([
      'designs.id',
      'designs.version as latest_version',
      'designs.created_at',
      'designs.created_by',
      'designs.deleted_at',
      'design_versions.version',
      'design_versions.name',
      'design_versions.document',
      'design_versions.message',
      'design_versions.created_at as saved_at',
      'design_versions.created_by as saved_by',
    ])
    .where('designs.id', '=', id)
    .$call((query) =>
      version === undefined
        ? query.whereRef('design_versions.version', '=', 'designs.version')
        : query.where('design_versions.version', '=', version),
    )
    .$call((query) => (includeDeleted ? query : query.where('designs.deleted_at', 'is', null)))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    latestVersion: row.latest_version,
    document: fromJson<DesignDocument>(row.document),
    message: row.message,
    savedAt: isoTime(row.saved_at),
    savedBy: row.saved_by,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    deletedAt: isoTimeOrNull(row.deleted_at),
  };
}

/** Designs, without documents, with search and paging. */
export async function listDesigns(ctx: StoreContext, query: DesignQuery = {}): Promise<Page<DesignSummary>> {
  const issues = new Issues();
  const byName = query.sort === 'name';
  if (query.sort !== undefined && query.sort !== 'name' && query.sort !== 'updated') {
    issues.add('sort', `expected "updated" or "name", got ${JSON.stringify(query.sort)}`);
  }
  const keys = byName ? BY_NAME : BY_UPDATED;
  const list = byName ? 'designs by name' : 'designs by update';
  const page = readPageRequest(query, list, keys, issues, ctx.limits);
  const search =
    query.search === undefined || query.search === ''
      ? undefined
      : readText(query.search, 'search', issues, ctx.limits.nameLength);
  failIfAny(issues);
  return read(ctx, async (db) => {
    let filtered = db.selectFrom('designs');
    if (!query.includeDeleted) filtered = filtered.where('deleted_at', 'is', null);
    if (search !== undefined) {
      // SQLite has no default LIKE escape character; PostgreSQL's is the same backslash.
      const pattern = `%${escapeLike(search.toLowerCase())}%`;
      filtered = filtered.where(
        sql<SqlBool>`${sql.ref('search_name')} like ${pattern} escape ${sql.lit('\\')}`,
      );
    }
    const { total } = await filtered
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await applyPage(filtered.selectAll(), keys, page).execute();
    return toPage(
      rows,
      page,
      Number(total),
      list,
      (row) => (byName ? [row.search_name, row.id] : [row.updated_at, row.id]),
      (row): DesignSummary => ({
        id: row.id,
        name: row.name,
        version: row.version,
        createdAt: isoTime(row.created_at),
        createdBy: row.created_by,
        updatedAt: isoTime(row.updated_at),
        updatedBy: row.updated_by,
        deletedAt: isoTimeOrNull(row.deleted_at),
      }),
    );
  });
}

/** A design's history, newest first. */
export async function listDesignVersions(
  ctx: StoreContext,
  id: string,
  query: PageRequest & { readonly includeDeleted?: boolean } = {},
): Promise<Page<DesignVersionSummary>> {
  const issues = new Issues();
  const designId = readId(id, 'id', issues);
  const page = readPageRequest(query, 'design versions', NEWEST_VERSION_FIRST, issues, ctx.limits);
  failIfAny(issues);
  return read(ctx, async (db) => {
    const design = await db
      .selectFrom('designs')
      .select(['version', 'deleted_at'])
      .where('id', '=', designId)
      .executeTakeFirst();
    if (!design || (design.deleted_at !== null && !query.includeDeleted))
      throw new NotFoundError('design', designId);
    const rows = await applyPage(
      db
        .selectFrom('design_versions')
        .select(['version', 'name', 'message', 'created_at', 'created_by', 'document_bytes'])
        .where('design_id', '=', designId),
      NEWEST_VERSION_FIRST,
      page,
    ).execute();
    return toPage(
      rows,
      page,
      design.version,
      'design versions',
      (row) => [row.version],
      (row): DesignVersionSummary => ({
        version: row.version,
        name: row.name,
        message: row.message,
        savedAt: isoTime(row.created_at),
        savedBy: row.created_by,
        bytes: row.document_bytes,
      }),
    );
  });
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%", not "50 anything". */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
