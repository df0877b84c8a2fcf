import { ConfigError, FaultlineError, type ConfigIssue } from '@faultline/core';

/** What a store error is about, in the words the API uses. */
export type Subject = 'design' | 'run' | 'live session';

/**
 * Nothing stored under that id (or that version), or it was deleted. The server answers 404.
 */
export class NotFoundError extends FaultlineError {
  readonly subject: Subject;
  readonly id: string;
  readonly version: number | undefined;
  constructor(subject: Subject, id: string, version?: number) {
    super(
      'not_found',
      version === undefined ? `No ${subject} with id ${id}` : `No version ${version} of ${subject} ${id}`,
    );
    this.subject = subject;
    this.id = id;
    this.version = version;
  }
}

/**
 * The design changed since the caller read it: the save named a version that is no longer the
 * latest. Nothing was saved. The server answers 409 with `currentVersion`, so the client can
 * reload, merge and try again.
 */
export class VersionConflictError extends FaultlineError {
  readonly id: string;
  readonly expectedVersion: number;
  readonly currentVersion: number;
  constructor(id: string, expectedVersion: number, currentVersion: number) {
    super(
      'version_conflict',
      `Design ${id} is at version ${currentVersion}, not ${expectedVersion}: ` +
        'reload it, apply your change to the latest version and save again',
    );
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.currentVersion = currentVersion;
  }
}

/**
 * The run or live session is not in a state that allows this change (a finished run cannot
 * start again, progress is only reported while running). The server answers 409.
 */
export class InvalidStateError extends FaultlineError {
  readonly subject: Subject;
  readonly id: string;
  readonly state: string;
  readonly attempted: string;
  constructor(
    subject: Subject,
    id: string,
    state: string,
    attempted: string,
    allowedFrom: readonly string[],
  ) {
    super(
      'invalid_state',
      `Cannot ${attempted} ${subject} ${id}: it is ${state}` +
        (allowedFrom.length ? `, and only a ${subject} that is ${allowedFrom.join(' or ')} can` : ''),
    );
    this.subject = subject;
    this.id = id;
    this.state = state;
    this.attempted = attempted;
  }
}

/**
 * Input was rejected before anything was written: bad ids, names too long, page sizes out of
 * range. A ConfigError, so `issues` names each path and what was expected. The server answers 400.
 */
export class ValidationError extends ConfigError {
  override readonly code: string = 'invalid';
  constructor(issues: readonly ConfigIssue[]) {
    super(issues);
  }
}

/** Something is bigger than a store limit (a design document, a run result). The server answers 413. */
export class LimitExceededError extends ValidationError {
  override readonly code: string = 'limit_exceeded';
  /** The limit's name in {@link StoreLimits}, e.g. `documentBytes`. */
  readonly limit: string;
  readonly max: number;
  readonly actual: number;
  constructor(path: string, limit: string, max: number, actual: number) {
    super([
      {
        path,
        message: `expected at most ${max} bytes (limit ${limit}), got ${actual} bytes`,
      },
    ]);
    this.limit = limit;
    this.max = max;
    this.actual = actual;
  }
}

/**
 * The database did not answer, or another process held the SQLite file locked for longer than
 * the busy timeout. Nothing was written. The server answers 503; trying again later may work.
 */
export class StoreUnavailableError extends FaultlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_unavailable', message, options);
  }
}
