/**
 * The tables, as Kysely sees them. Times are milliseconds since the epoch (bigint columns);
 * JSON is stored as text, exactly as serialized, so both backends return a document byte for
 * byte as it was saved (PostgreSQL's jsonb would reorder its keys).
 */
export interface Database {
  designs: DesignsTable;
  design_versions: DesignVersionsTable;
  runs: RunsTable;
  run_results: RunResultsTable;
  live_sessions: LiveSessionsTable;
  audit_log: AuditLogTable;
}

/** One row per design: who it is and which version is the latest. The documents are in design_versions. */
export interface DesignsTable {
  id: string;
  name: string;
  /** `name` lower-cased in JavaScript, so search ignores case the same way on both backends. */
  search_name: string;
  version: number;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
  deleted_at: number | null;
  deleted_by: string | null;
}

/** Every saved version of every design; never updated or deleted. */
export interface DesignVersionsTable {
  design_id: string;
  version: number;
  name: string;
  document: string;
  document_bytes: number;
  created_at: number;
  created_by: string;
  message: string | null;
}

export interface RunsTable {
  id: string;
  design_id: string;
  design_version: number;
  status: string;
  params: string;
  progress: number;
  error: string | null;
  /** The process running it, so one server restarting interrupts only its own runs. */
  owner: string | null;
  created_at: number;
  created_by: string;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

/** Run results live apart from runs, so listing runs never reads megabytes of results. */
export interface RunResultsTable {
  run_id: string;
  /** The result without its timeline. */
  summary: string;
  /** The result's `timeline`, when it had one. */
  timeline: string | null;
  result_bytes: number;
  created_at: number;
}

export interface LiveSessionsTable {
  id: string;
  name: string;
  design_id: string | null;
  design_version: number | null;
  status: string;
  config: string;
  owner: string | null;
  created_at: number;
  created_by: string;
  updated_at: number;
  stopped_at: number | null;
  report_bytes: number | null;
  /** Last column, so scans of the table can stop before it. */
  report: string | null;
}

/** Append-only and hash-chained; see audit/hash.ts. */
export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** Canonical JSON of a small summary of the change. */
  data: string;
  prev_hash: string;
  hash: string;
}
