import { Issues } from '@faultline/core';
import type { Transaction } from 'kysely';
import type { AuditDraft } from './audit/types.js';
import { forUpdate, write, type StoreContext } from './context.js';
import { failIfAny, readActor, readText } from './input.js';
import type { Database } from './schema.js';

/** Which unfinished work to mark interrupted. */
export interface MarkInterrupted {
  /** Recorded in the audit log; default "system". */
  readonly actor?: string;
  /**
   * Only the runs and live sessions of this process (the `owner` they were started with). Without
   * it, every queued or running run and every running or paused session is marked: right for the
   * embedded single server; with several servers on one PostgreSQL, each names itself.
   */
  readonly owner?: string;
}

/** How many were marked. */
export interface InterruptedCounts {
  readonly runs: number;
  readonly liveSessions: number;
}

/** Rows updated per statement (ids are bound parameters). */
const BATCH = 500;

/**
 * Marks work that a previous process left unfinished as interrupted, with an audit entry each.
 * A server calls this once at startup, before it starts any run: whatever was queued or running
 * then is not running any more.
 */
export async function markInterrupted(
  ctx: StoreContext,
  args: MarkInterrupted = {},
): Promise<InterruptedCounts> {
  const issues = new Issues();
  const actor = readActor(args.actor ?? 'system', issues, ctx.limits);
  const owner =
    args.owner === undefined ? undefined : readText(args.owner, 'owner', issues, ctx.limits.actorLength);
  failIfAny(issues);
  return write(ctx, async (trx, at) => {
    // With an owner, queued runs stay queued: they belong to the queue, not to a process.
    const runs = await forUpdate(
      ctx,
      trx
        .selectFrom('runs')
        .select(['id', 'status'])
        .$call((query) =>
          owner === undefined
            ? query.where('status', 'in', ['queued', 'running'])
            : query.where('status', '=', 'running').where('owner', '=', owner),
        )
        .orderBy('created_at'),
    ).execute();
    const sessions = await forUpdate(
      ctx,
      trx
        .selectFrom('live_sessions')
        .select(['id', 'status'])
        .where('status', 'in', ['running', 'paused'])
        .$call((query) => (owner === undefined ? query : query.where('owner', '=', owner)))
        .orderBy('created_at'),
    ).execute();
    await interruptRuns(
      trx,
      runs.map((run) => run.id),
      at,
    );
    await interruptSessions(
      trx,
      sessions.map((session) => session.id),
      at,
    );
    const audit: AuditDraft[] = [
      ...runs.map((run): AuditDraft => ({
        actor,
        action: 'run.status',
        subjectType: 'run',
        subjectId: run.id,
        data: { from: run.status, to: 'interrupted', reason: 'restart' },
      })),
      ...sessions.map((session): AuditDraft => ({
        actor,
        action: 'live.status',
        subjectType: 'live',
        subjectId: session.id,
        data: { from: session.status, to: 'interrupted', reason: 'restart' },
      })),
    ];
    return { value: { runs: runs.length, liveSessions: sessions.length }, audit };
  });
}

async function interruptRuns(trx: Transaction<Database>, ids: readonly string[], at: number): Promise<void> {
  for (let start = 0; start < ids.length; start += BATCH) {
    await trx
      .updateTable('runs')
      .set({
        status: 'interrupted',
        finished_at: at,
        updated_at: at,
        error: 'Interrupted: the server stopped before the run finished; start it again',
      })
      .where('id', 'in', ids.slice(start, start + BATCH))
      .execute();
  }
}

async function interruptSessions(
  trx: Transaction<Database>,
  ids: readonly string[],
  at: number,
): Promise<void> {
  for (let start = 0; start < ids.length; start += BATCH) {
    await trx
      .updateTable('live_sessions')
      .set({ status: 'interrupted', stopped_at: at, updated_at: at })
      .where('id', 'in', ids.slice(start, start + BATCH))
      .execute();
  }
}
