import { Issues } from '@faultline/core';
import type { Kysely } from 'kysely';
import { read, type StoreContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { failIfAny, fromJson, readId, readStatuses } from '../input.js';
import { applyPage, readPageRequest, toPage, type Page, type SortKey } from '../paging.js';
import type { Database } from '../schema.js';
import { isoTime, isoTimeOrNull } from '../time.js';
import { joinResult } from './result.js';
import { RUN_STATUSES } from './transitions.js';
import type { Run, RunParams, RunQuery, RunResultOptions, RunStatus } from './types.js';

const NEWEST_FIRST: readonly SortKey[] = [
  { column: 'runs.created_at', direction: 'desc' },
  { column: 'runs.id', direction: 'desc' },
];

/** The runs table with what a {@link Run} shows, results left out but for whether there is one. */
export function selectRuns(db: Kysely<Database>) {
  return db
    .selectFrom('runs')
    .leftJoin('run_results', 'run_results.run_id', 'runs.id')
    .select([
      'runs.id',
      'runs.design_id',
      'runs.design_version',
      'runs.status',
      'runs.params',
      'runs.progress',
      'runs.error',
      'runs.owner',
      'runs.created_at',
      'runs.created_by',
      'runs.started_at',
      'runs.finished_at',
      'runs.updated_at',
      'run_results.run_id as result_run_id',
    ]);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof selectRuns>['executeTakeFirstOrThrow']>>;

/** A row of {@link selectRuns} as the API shows it. */
export function runOf(row: RunRow): Run {
  return {
    id: row.id,
    designId: row.design_id,
    designVersion: row.design_version,
    status: row.status as RunStatus,
    params: fromJson<RunParams>(row.params),
    progress: row.progress,
    error: row.error,
    owner: row.owner,
    hasResult: row.result_run_id !== null,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    startedAt: isoTimeOrNull(row.started_at),
    finishedAt: isoTimeOrNull(row.finished_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/** Reads a run, or throws NotFoundError. Usable inside a transaction. */
export async function loadRun(db: Kysely<Database>, id: string): Promise<Run> {
  const row = await selectRuns(db).where('runs.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('run', id);
  return runOf(row);
}

export async function getRun(ctx: StoreContext, id: string): Promise<Run> {
  const issues = new Issues();
  const runId = readId(id, 'id', issues);
  failIfAny(issues);
  return read(ctx, (db) => loadRun(db, runId));
}

/** Runs, newest first, with the filters of `query`. */
export async function listRuns(ctx: StoreContext, query: RunQuery = {}): Promise<Page<Run>> {
  const issues = new Issues();
  const page = readPageRequest(query, 'runs', NEWEST_FIRST, issues, ctx.limits);
  const designId = query.designId === undefined ? undefined : readId(query.designId, 'designId', issues);
  const statuses = readStatuses(query.status, 'status', RUN_STATUSES, issues);
  failIfAny(issues);
  return read(ctx, async (db) => {
    let filtered = db.selectFrom('runs');
    if (designId !== undefined) filtered = filtered.where('runs.design_id', '=', designId);
    if (statuses !== undefined) filtered = filtered.where('runs.status', 'in', statuses);
    const { total } = await filtered
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    let rows = selectRuns(db);
    if (designId !== undefined) rows = rows.where('runs.design_id', '=', designId);
    if (statuses !== undefined) rows = rows.where('runs.status', 'in', statuses);
    return toPage(
      await applyPage(rows, NEWEST_FIRST, page).execute(),
      page,
      Number(total),
      'runs',
      (row) => [row.created_at, row.id],
      runOf,
    );
  });
}

/** The stored result as JSON text, or null; NotFoundError when the run does not exist. */
export async function getRunResultJson(
  ctx: StoreContext,
  id: string,
  options: RunResultOptions = {},
): Promise<string | null> {
  const issues = new Issues();
  const runId = readId(id, 'id', issues);
  failIfAny(issues);
  const withTimeline = options.timeline ?? true;
  return read(ctx, async (db) => {
    const row = await db
      .selectFrom('runs')
      .leftJoin('run_results', 'run_results.run_id', 'runs.id')
      .select(['runs.id', 'run_results.summary'])
      .$if(withTimeline, (query) => query.select('run_results.timeline'))
      .where('runs.id', '=', runId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('run', runId);
    if (row.summary === null) return null;
    return joinResult(row.summary, row.timeline ?? null, withTimeline);
  });
}

/** Only the timeline of the result, or null. */
export async function getRunTimeline(ctx: StoreContext, id: string): Promise<unknown[] | null> {
  const issues = new Issues();
  const runId = readId(id, 'id', issues);
  failIfAny(issues);
  return read(ctx, async (db) => {
    const row = await db
      .selectFrom('runs')
      .leftJoin('run_results', 'run_results.run_id', 'runs.id')
      .select(['runs.id', 'run_results.timeline'])
      .where('runs.id', '=', runId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('run', runId);
    return row.timeline === null ? null : fromJson<unknown[]>(row.timeline);
  });
}
