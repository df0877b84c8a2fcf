import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { entryHash, GENESIS_HASH } from './hash.js';
import type { AuditAnchor, AuditVerification } from './types.js';

/** Entries read per query while verifying. */
const BATCH = 1000;

/**
 * Walks the audit log from the first entry and checks every link: seqs run 1, 2, 3 … without
 * gaps, each entry's prev_hash is the hash of the entry before, and each hash matches the
 * entry's contents; and, given an anchor (a head recorded earlier, elsewhere), that the entry at
 * its seq still has its hash. Stops at the first entry that fails and names it. Entries appended
 * while it runs are left for the next verify.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  anchor: AuditAnchor | undefined,
): Promise<AuditVerification> {
  const last = await db
    .selectFrom('audit_log')
    .select('seq')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastSeq = last?.seq ?? 0;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let head: AuditVerification['head'] = null;
  let entries = 0;
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries,
    head,
    firstBroken: { seq, reason },
  });

  while (expected <= lastSeq) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected)
      .where('seq', '<=', lastSeq)
      .orderBy('seq', 'asc')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return broken(expected, `entry ${expected} is missing: the log ends before it`);
    for (const row of rows) {
      if (row.seq !== expected) {
        return broken(expected, `entry ${expected} is missing: the next entry is ${row.seq}`);
      }
      if (row.prev_hash !== prevHash) {
        return broken(
          row.seq,
          row.seq === 1
            ? 'prev_hash of the first entry is not the genesis hash (64 zeros)'
            : `prev_hash does not match the hash of entry ${row.seq - 1}: one of the two was rewritten`,
        );
      }
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        return broken(row.seq, 'data is not valid JSON: the entry was changed after it was written');
      }
      const hash = entryHash(row.prev_hash, {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        data,
      });
      if (hash !== row.hash) {
        return broken(
          row.seq,
          "hash does not match the entry's contents: the entry was changed after it was written",
        );
      }
      if (anchor && anchor.seq === row.seq && anchor.hash !== row.hash) {
        return broken(
          row.seq,
          'hash differs from the anchor recorded for this entry: the log was rewritten from here or before',
        );
      }
      entries += 1;
      head = { seq: row.seq, hash: row.hash };
      prevHash = row.hash;
      expected += 1;
    }
  }
  if (anchor && anchor.seq > lastSeq) {
    return broken(
      lastSeq + 1,
      `the log ends at entry ${lastSeq}, but an anchor was recorded at entry ${anchor.seq}: entries were removed`,
    );
  }
  return { ok: true, entries, head };
}
