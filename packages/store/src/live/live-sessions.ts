import { describe, Issues } from '@faultline/core';
import type { Kysely } from 'kysely';
import { forShare, forUpdate, read, write, type StoreContext } from '../context.js';
import { InvalidStateError, NotFoundError } from '../errors.js';
import {
  failIfAny,
  fromJson,
  newId,
  readActor,
  readId,
  readStatuses,
  readText,
  readVersion,
  toJson,
} from '../input.js';
import { applyPage, readPageRequest, toPage, type Page, type SortKey } from '../paging.js';
import type { Database, LiveSessionsTable } from '../schema.js';
import { isoTime, isoTimeOrNull } from '../time.js';
import {
  FINAL_LIVE_SESSION_STATUSES,
  LIVE_SESSION_STATUSES,
  LIVE_SESSION_TRANSITIONS,
  LIVE_SESSION_VERBS,
} from './transitions.js';
import type { LiveSession, LiveSessionQuery, LiveSessionRepository, LiveSessionStatus } from './types.js';

const NEWEST_FIRST: readonly SortKey[] = [
  { column: 'created_at', direction: 'desc' },
  { column: 'id', direction: 'desc' },
];

/** The live sessions of one store. */
export function liveSessionRepository(ctx: StoreContext): LiveSessionRepository {
  return {
    async create(args) {
      const issues = new Issues();
      const name = readText(args.name, 'name', issues, ctx.limits.nameLength, 'a session name');
      const designId = args.designId === undefined ? undefined : readId(args.designId, 'designId', issues);
      const designVersion =
        args.designVersion === undefined
          ? undefined
          : readVersion(args.designVersion, 'designVersion', issues);
      if (designVersion !== undefined && args.designId === undefined) {
        issues.add('designVersion', 'a design version needs a designId');
      }
      const owner =
        args.owner === undefined ? null : readText(args.owner, 'owner', issues, ctx.limits.actorLength);
      const actor = readActor(args.actor, issues, ctx.limits);
      failIfAny(issues);
      const config = toJson(args.config ?? {}, 'config', 'paramsBytes', ctx.limits);
      const id = newId();
      return write(ctx, async (trx, at) => {
        let version: number | null = null;
        if (designId !== undefined) {
          const design = await forShare(
            ctx,
            trx
              .selectFrom('designs')
              .select('version')
              .where('id', '=', designId)
              .where('deleted_at', 'is', null),
          ).executeTakeFirst();
          if (!design) throw new NotFoundError('design', designId);
          version = designVersion ?? design.version;
          if (version > design.version) throw new NotFoundError('design', designId, version);
        }
        await trx
          .insertInto('live_sessions')
          .values({
            id,
            name,
            design_id: designId ?? null,
            design_version: version,
            status: 'running',
            config: config.text,
            owner,
            created_at: at,
            created_by: actor,
            updated_at: at,
            stopped_at: null,
            report_bytes: null,
            report: null,
          })
          .execute();
        return {
          value: await loadSession(trx, id),
          audit: [
            {
              actor,
              action: 'live.create',
              subjectType: 'live',
              subjectId: id,
              data: { name, designId, designVersion: version ?? undefined, owner: owner ?? undefined },
            },
          ],
        };
      });
    },

    async get(id) {
      const issues = new Issues();
      const sessionId = readId(id, 'id', issues);
      failIfAny(issues);
      return read(ctx, (db) => loadSession(db, sessionId));
    },

    async list(query: LiveSessionQuery = {}): Promise<Page<LiveSession>> {
      const issues = new Issues();
      const page = readPageRequest(query, 'live sessions', NEWEST_FIRST, issues, ctx.limits);
      const designId = query.designId === undefined ? undefined : readId(query.designId, 'designId', issues);
      const statuses = readStatuses(query.status, 'status', LIVE_SESSION_STATUSES, issues);
      failIfAny(issues);
      return read(ctx, async (db) => {
        let filtered = db.selectFrom('live_sessions');
        if (designId !== undefined) filtered = filtered.where('design_id', '=', designId);
        if (statuses !== undefined) filtered = filtered.where('status', 'in', statuses);
        const { total } = await filtered
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow();
        const rows = await applyPage(filtered.select(SESSION_COLUMNS), NEWEST_FIRST, page).execute();
        return toPage(
          rows,
          page,
          Number(total),
          'live sessions',
          (row) => [row.created_at, row.id],
          sessionOf,
        );
      });
    },

    async setStatus(args) {
      const issues = new Issues();
      const id = readId(args.id, 'id', issues);
      const actor = readActor(args.actor, issues, ctx.limits);
      const status = args.status;
      const from = LIVE_SESSION_TRANSITIONS[status] as readonly LiveSessionStatus[] | undefined;
      if (from === undefined) {
        issues.add('status', `expected one of ${LIVE_SESSION_STATUSES.join(', ')}, got ${describe(status)}`);
      }
      const final = FINAL_LIVE_SESSION_STATUSES.includes(status);
      if (args.report !== undefined && !final) issues.add('report', 'a report is saved when a session stops');
      failIfAny(issues);
      const report =
        args.report === undefined ? undefined : toJson(args.report, 'report', 'reportBytes', ctx.limits);
      return write(ctx, async (trx, at) => {
        const current = await forUpdate(
          ctx,
          trx.selectFrom('live_sessions').select('status').where('id', '=', id),
        ).executeTakeFirst();
        if (!current) throw new NotFoundError('live session', id);
        const was = current.status as LiveSessionStatus;
        if (!from!.includes(was))
          throw new InvalidStateError('live session', id, was, LIVE_SESSION_VERBS[status], from!);
        await trx
          .updateTable('live_sessions')
          .set({
            status,
            updated_at: at,
            ...(final ? { stopped_at: at } : {}),
            ...(report ? { report: report.text, report_bytes: report.bytes } : {}),
          })
          .where('id', '=', id)
          .where('status', '=', was)
          .execute();
        return {
          value: await loadSession(trx, id),
          audit: [
            {
              actor,
              action: 'live.status',
              subjectType: 'live',
              subjectId: id,
              data: { from: was, to: status, reportBytes: report?.bytes },
            },
          ],
        };
      });
    },

    async getReport(id) {
      const issues = new Issues();
      const sessionId = readId(id, 'id', issues);
      failIfAny(issues);
      return read(ctx, async (db) => {
        const row = await db
          .selectFrom('live_sessions')
          .select('report')
          .where('id', '=', sessionId)
          .executeTakeFirst();
        if (!row) throw new NotFoundError('live session', sessionId);
        return row.report === null ? null : fromJson<Record<string, unknown>>(row.report);
      });
    },
  };
}

/** Every column but the report. */
const SESSION_COLUMNS = [
  'id',
  'name',
  'design_id',
  'design_version',
  'status',
  'config',
  'owner',
  'created_at',
  'created_by',
  'updated_at',
  'stopped_at',
  'report_bytes',
] as const;

async function loadSession(db: Kysely<Database>, id: string): Promise<LiveSession> {
  const row = await db
    .selectFrom('live_sessions')
    .select(SESSION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('live session', id);
  return sessionOf(row);
}

type SessionRow = Pick<LiveSessionsTable, (typeof SESSION_COLUMNS)[number]>;

function sessionOf(row: SessionRow): LiveSession {
  return {
    id: row.id,
    name: row.name,
    designId: row.design_id,
    designVersion: row.design_version,
    status: row.status as LiveSessionStatus,
    config: fromJson<Record<string, unknown>>(row.config),
    owner: row.owner,
    hasReport: row.report_bytes !== null,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    updatedAt: isoTime(row.updated_at),
    stoppedAt: isoTimeOrNull(row.stopped_at),
  };
}
