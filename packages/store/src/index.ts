/**
 * @faultline/store: everything the Faultline studio keeps (versioned designs, runs, live sessions,
 * an append-only hash-chained audit log) behind one interface, in SQLite (the embedded default)
 * or PostgreSQL, with versioned migrations applied at open.
 */
export { openStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export type { Store, StoreDescription } from './store.js';
export type { StoreLogger } from './logger.js';
export { DEFAULT_DATABASE_PATH, redactUrl } from './location.js';
export type { Backend } from './location.js';
export { DEFAULT_LIMITS, DEFAULT_PAGE_SIZE } from './limits.js';
export type { StoreLimits } from './limits.js';
export {
  NotFoundError,
  VersionConflictError,
  InvalidStateError,
  ValidationError,
  LimitExceededError,
  StoreUnavailableError,
} from './errors.js';
export type { Subject } from './errors.js';
export type { Page, PageRequest } from './paging.js';
export type {
  Design,
  DesignDocument,
  DesignSummary,
  DesignVersionSummary,
  DesignRepository,
  DesignQuery,
  DesignChangeArgs,
  CreateDesign,
  UpdateDesign,
  ModifyDesign,
  DeleteDesign,
  GetDesignOptions,
} from './designs/types.js';
export { RUN_STATUSES, FINAL_RUN_STATUSES, RUN_TRANSITIONS } from './runs/transitions.js';
export type {
  Run,
  RunStatus,
  RunParams,
  RunRepository,
  RunQuery,
  RunResultOptions,
  CreateRun,
  SetRunStatus,
  SetRunProgress,
} from './runs/types.js';
export {
  LIVE_SESSION_STATUSES,
  FINAL_LIVE_SESSION_STATUSES,
  LIVE_SESSION_TRANSITIONS,
} from './live/transitions.js';
export type {
  LiveSession,
  LiveSessionStatus,
  LiveSessionRepository,
  LiveSessionQuery,
  CreateLiveSession,
  SetLiveSessionStatus,
} from './live/types.js';
export type { AuditLog, AuditQuery } from './audit/audit-log.js';
export type {
  AuditEntry,
  AuditAction,
  AuditAnchor,
  AuditSubjectType,
  AuditVerification,
} from './audit/types.js';
export { GENESIS_HASH } from './audit/hash.js';
export type { InterruptedCounts, MarkInterrupted } from './interrupted.js';
