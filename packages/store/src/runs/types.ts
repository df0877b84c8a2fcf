import type { Page, PageRequest } from '../paging.js';

/** Where a run is in its life. A run is created queued; the last four are final. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/**
 * What to run: `{ seed, duration, compare }` as the server accepts them. The store keeps them as
 * opaque JSON (the server validates them).
 */
export type RunParams = Readonly<Record<string, unknown>>;

/** A simulation run of one version of a design. Its result is fetched apart (it can be megabytes). */
export interface Run {
  readonly id: string;
  readonly designId: string;
  readonly designVersion: number;
  readonly status: RunStatus;
  readonly params: RunParams;
  /** 0 to 1. */
  readonly progress: number;
  /** Why it failed or was interrupted. */
  readonly error: string | null;
  /** The process running it (a server or worker id), once started. */
  readonly owner: string | null;
  readonly hasResult: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
}

export interface CreateRun {
  readonly designId: string;
  /** Defaults to the latest version. */
  readonly designVersion?: number;
  readonly params?: RunParams;
  readonly actor: string;
}

export interface SetRunStatus {
  readonly id: string;
  /** queued → running → succeeded | failed | cancelled; queued → failed | cancelled; queued | running → interrupted. */
  readonly status: Exclude<RunStatus, 'queued'>;
  readonly actor: string;
  /** With `running`: the process that runs it, so its restart interrupts only its own runs. */
  readonly owner?: string;
  /** With `failed` (or any final status): why. Cut to limits.errorLength, never refused. */
  readonly error?: string;
  /**
   * With a final status: the run result (DESIGN.md's shape). Saved in the same transaction as the
   * status. Its `timeline` is kept apart, so the result can be read without it.
   */
  readonly result?: Readonly<Record<string, unknown>>;
}

export interface SetRunProgress {
  readonly id: string;
  /** 0 to 1. */
  readonly progress: number;
}

export interface RunQuery extends PageRequest {
  readonly designId?: string;
  readonly status?: RunStatus | readonly RunStatus[];
}

export interface RunResultOptions {
  /** Include the `timeline` (default true). */
  readonly timeline?: boolean;
}

/** Simulation runs: their status, progress and results. */
export interface RunRepository {
  /** Queues a run of a design version. NotFoundError if the design (or version) does not exist or was deleted. */
  create(args: CreateRun): Promise<Run>;
  get(id: string): Promise<Run>;
  /** Runs, newest first, without results. */
  list(query?: RunQuery): Promise<Page<Run>>;
  /** Moves a run on; InvalidStateError if its current status does not allow it (a finished run stays finished). */
  setStatus(args: SetRunStatus): Promise<Run>;
  /** Records progress of a running run. Not audited: it is telemetry, written many times per run. */
  setProgress(args: SetRunProgress): Promise<void>;
  /** The result, or null while there is none. */
  getResult(id: string, options?: RunResultOptions): Promise<Record<string, unknown> | null>;
  /** The result as JSON text, ready to send, or null: no parse and re-serialize of megabytes. */
  getResultJson(id: string, options?: RunResultOptions): Promise<string | null>;
  /** Only the result's timeline, or null. */
  getTimeline(id: string): Promise<unknown[] | null>;
}
