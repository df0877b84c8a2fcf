import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything in the row but the hashes themselves. */
export interface HashedFields {
  readonly seq: number;
  /** Milliseconds since the epoch, as stored. */
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly data: unknown;
}

/**
 * sha256 (hex) over the previous entry's hash followed by the canonical JSON of this entry's
 * fields. Changing any field of any entry changes its hash, and so breaks the link from the
 * entry after it.
 */
export function entryHash(prevHash: string, fields: HashedFields): string {
  const canonical = canonicalJson({
    seq: fields.seq,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    data: fields.data,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
