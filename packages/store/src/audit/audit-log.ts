import { describe, Issues } from '@faultline/core';
import { read, type StoreContext } from '../context.js';
import { failIfAny, readText } from '../input.js';
import { applyPage, readPageRequest, toPage, type Page, type PageRequest, type SortKey } from '../paging.js';
import { isoTime } from '../time.js';
import { verifyAuditLog } from './verify.js';
import type { AuditAction, AuditAnchor, AuditEntry, AuditSubjectType, AuditVerification } from './types.js';

/** Which entries to list. */
export interface AuditQuery extends PageRequest {
  /** Only entries about this design, run or live session. */
  readonly subjectId?: string;
  /** Only entries of this action. */
  readonly action?: AuditAction;
}

/** The append-only audit log: read it, and check that nobody rewrote it. */
export interface AuditLog {
  /** Entries, newest first. */
  list(query?: AuditQuery): Promise<Page<AuditEntry>>;
  /**
   * Checks the whole hash chain and names the first broken link, if any; with an anchor (an
   * earlier verify's head, kept elsewhere), also that the log still holds that entry unchanged.
   */
  verify(options?: { readonly anchor?: AuditAnchor }): Promise<AuditVerification>;
}

const NEWEST_FIRST: readonly SortKey[] = [{ column: 'seq', direction: 'desc' }];

/** The audit log of one store. */
export function auditLog(ctx: StoreContext): AuditLog {
  return {
    async list(query = {}) {
      const issues = new Issues();
      const page = readPageRequest(query, 'audit', NEWEST_FIRST, issues, ctx.limits);
      const subjectId =
        query.subjectId === undefined ? undefined : readText(query.subjectId, 'subjectId', issues, 100);
      const action = query.action === undefined ? undefined : readText(query.action, 'action', issues, 100);
      failIfAny(issues);
      return read(ctx, async (db) => {
        let filtered = db.selectFrom('audit_log');
        if (subjectId !== undefined) filtered = filtered.where('subject_id', '=', subjectId.toLowerCase());
        if (action !== undefined) filtered = filtered.where('action', '=', action);
        const { total } = await filtered
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow();
        const rows = await applyPage(filtered.selectAll(), NEWEST_FIRST, page).execute();
        return toPage(
          rows,
          page,
          Number(total),
          'audit',
          (row) => [row.seq],
          (row): AuditEntry => ({
            seq: row.seq,
            at: isoTime(row.at),
            actor: row.actor,
            action: row.action as AuditAction,
            subjectType: row.subject_type as AuditSubjectType,
            subjectId: row.subject_id,
            data: JSON.parse(row.data) as Record<string, unknown>,
            prevHash: row.prev_hash,
            hash: row.hash,
          }),
        );
      });
    },

    async verify(options = {}) {
      const anchor = options.anchor;
      if (anchor !== undefined) {
        const issues = new Issues();
        if (!Number.isSafeInteger(anchor.seq) || anchor.seq < 1) {
          issues.add('anchor.seq', `expected a whole number ≥ 1, got ${describe(anchor.seq)}`);
        }
        if (typeof anchor.hash !== 'string' || !/^[0-9a-f]{64}$/.test(anchor.hash)) {
          issues.add('anchor.hash', `expected a sha256 hash (64 hex digits), got ${describe(anchor.hash)}`);
        }
        failIfAny(issues);
      }
      return read(ctx, (db) => verifyAuditLog(db, anchor));
    },
  };
}
