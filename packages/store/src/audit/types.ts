/** What an audit entry records: every change to the store and every action on a run or session. */
export type AuditAction =
  | 'design.create'
  | 'design.update'
  | 'design.delete'
  | 'run.create'
  | 'run.status'
  | 'live.create'
  | 'live.status';

/** What the entry is about. */
export type AuditSubjectType = 'design' | 'run' | 'live';

/** One entry of the append-only audit log. */
export interface AuditEntry {
  /** 1, 2, 3, … without gaps. */
  readonly seq: number;
  /** When, as an ISO 8601 string. */
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly subjectType: AuditSubjectType;
  readonly subjectId: string;
  /** A small summary of the change (never a whole document). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The previous entry's hash (64 zeros for the first entry). */
  readonly prevHash: string;
  /** sha256 over prevHash and the canonical JSON of this entry's fields. */
  readonly hash: string;
}

/** An entry before it is chained: what a mutation hands to the audit log. */
export interface AuditDraft {
  readonly actor: string;
  readonly action: AuditAction;
  readonly subjectType: AuditSubjectType;
  readonly subjectId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * An entry's seq and hash, recorded outside the database (a ticket, a log line, another system).
 * A chain alone cannot show that its last entries were cut off, or that someone with write access
 * rewrote an entry and recomputed every hash after it; a verify against an anchor can.
 */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** What {@link AuditLog.verify} found. */
export interface AuditVerification {
  /** Whether every entry checked is intact and linked to the one before. */
  readonly ok: boolean;
  /** How many entries were checked. */
  readonly entries: number;
  /** The last entry checked: record it elsewhere and pass it to a later verify as its anchor. */
  readonly head: AuditAnchor | null;
  /** The first entry that does not check out, and why. */
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}
