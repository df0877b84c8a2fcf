import type { Page, PageRequest } from '../paging.js';

/** running ⇄ paused → stopped; interrupted when the server stopped under it. The last two are final. */
export type LiveSessionStatus = 'running' | 'paused' | 'stopped' | 'interrupted';

/** A live fault-tolerance session: the server drives a real system and shows it on the dashboard. */
export interface LiveSession {
  readonly id: string;
  readonly name: string;
  readonly designId: string | null;
  readonly designVersion: number | null;
  readonly status: LiveSessionStatus;
  /** What the session was started with, as the server gave it (opaque JSON). */
  readonly config: Readonly<Record<string, unknown>>;
  /** The process running it. */
  readonly owner: string | null;
  readonly hasReport: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly stoppedAt: string | null;
}

export interface CreateLiveSession {
  readonly name: string;
  /** The design it follows, if any; its latest version unless `designVersion` is given. */
  readonly designId?: string;
  readonly designVersion?: number;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly owner?: string;
  readonly actor: string;
}

export interface SetLiveSessionStatus {
  readonly id: string;
  readonly status: LiveSessionStatus;
  readonly actor: string;
  /** With `stopped` or `interrupted`: the final report, saved with the status. */
  readonly report?: Readonly<Record<string, unknown>>;
}

export interface LiveSessionQuery extends PageRequest {
  readonly status?: LiveSessionStatus | readonly LiveSessionStatus[];
  readonly designId?: string;
}

/** Live sessions and their final reports. */
export interface LiveSessionRepository {
  /** Records a new session, running. */
  create(args: CreateLiveSession): Promise<LiveSession>;
  get(id: string): Promise<LiveSession>;
  /** Sessions, newest first, without reports. */
  list(query?: LiveSessionQuery): Promise<Page<LiveSession>>;
  /** Pauses, resumes or stops a session; InvalidStateError once it is stopped. */
  setStatus(args: SetLiveSessionStatus): Promise<LiveSession>;
  /** The final report, or null while there is none. */
  getReport(id: string): Promise<Record<string, unknown> | null>;
}
