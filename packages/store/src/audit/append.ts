import { sql, type Transaction } from 'kysely';
import type { Backend } from '../location.js';
import type { Database } from '../schema.js';
import { canonicalJson } from './canonical-json.js';
import { entryHash, GENESIS_HASH } from './hash.js';
import type { AuditDraft } from './types.js';

/** Rows per INSERT, well under PostgreSQL's 65535 parameters. */
const BATCH = 500;

/**
 * Appends entries to the audit log inside the caller's transaction, chained to the last entry.
 *
 * Two transactions must never both chain to the same last entry, or the chain would fork. On
 * SQLite every write transaction holds the database's single write lock already. On PostgreSQL a
 * transaction-level advisory lock keyed by the audit table serializes appends until commit. It is
 * taken last in every write transaction (the store appends after its other writes), so the
 * transaction holding it never waits for a row lock held by another: no deadlock is possible.
 */
export async function appendAudit(
  trx: Transaction<Database>,
  backend: Backend,
  at: number,
  drafts: readonly AuditDraft[],
): Promise<void> {
  if (drafts.length === 0) return;
  if (backend === 'postgres') {
    // The table's oid: unique per schema, so stores in different schemas do not wait on each other.
    await sql`select pg_advisory_xact_lock(${sql.lit('audit_log')}::regclass::oid::bigint)`.execute(trx);
  }
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = drafts.map((draft) => {
    seq += 1;
    const hash = entryHash(prevHash, { ...draft, seq, at });
    const row = {
      seq,
      at,
      actor: draft.actor,
      action: draft.action,
      subject_type: draft.subjectType,
      subject_id: draft.subjectId,
      data: canonicalJson(draft.data),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let start = 0; start < rows.length; start += BATCH) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(start, start + BATCH))
      .execute();
  }
}
