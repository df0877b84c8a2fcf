import type { Worker } from 'node:worker_threads';
import type { LiveSession as StoredSession, Store } from '@faultline/store';
import { checkDesign } from '../designs/check-design.js';
import { ApiError } from '../http/api-error.js';
import type { ServerLimits } from '../limits.js';
import type { ServerMetrics } from '../metrics/metrics.js';
import { spawnWorker } from '../workers/spawn.js';
import { ActiveSession, type LiveEvent, type LiveNow, type LiveReport } from './live-session.js';
import type { FaultRequest } from './prepare-fault.js';
import type { InjectedFault } from './report.js';

export interface LiveSessionsOptions {
  readonly store: Store;
  readonly limits: ServerLimits;
  readonly metrics: ServerMetrics;
  readonly owner: string;
  readonly log: { error(data: object, message: string): void; warn(data: object, message: string): void };
  /** Makes a live worker; the default starts the server's live worker. */
  readonly createWorker?: () => Worker;
  /** Wall ms between snapshots when a session does not say (100 to 1000); default 250. */
  readonly defaultIntervalMs?: number;
}

/** What starts a live session. */
export interface StartLive {
  readonly designId: string;
  readonly version?: number;
  readonly name?: string;
  /** Simulated time per wall time, 1 to 100. */
  readonly speed: number;
  readonly seed?: number;
  /** Wall ms between snapshots, 100 to 1000. */
  readonly intervalMs?: number;
  readonly actor: string;
}

/** A session as the API shows it: the stored record, and what it shows now while it runs. */
export type LiveView = StoredSession & { readonly now: LiveNow | null };

export const DEFAULT_INTERVAL_MS = 250;
const LIVE_HEAP_MB = 1024;

/**
 * The live sessions of this server: each runs in a worker of its own, paced to the wall clock,
 * until it is stopped. The store keeps their records and final reports.
 */
export class LiveSessions {
  private readonly active = new Map<string, ActiveSession>();
  private reserved = 0;

  constructor(private readonly options: LiveSessionsOptions) {}

  /** Sessions running or paused here. */
  get count(): number {
    return this.active.size;
  }

  async start(args: StartLive): Promise<LiveView> {
    const { store, limits, owner, metrics } = this.options;
    if (this.active.size + this.reserved >= limits.liveSessions)
      throw new ApiError(429, {
        code: 'too_many_live_sessions',
        message: `${limits.liveSessions} live sessions are running, the server limit liveSessions: stop one first`,
        limit: 'liveSessions',
      });
    this.reserved += 1;
    try {
      const stored = await store.designs.get(args.designId, { version: args.version });
      const { faults: _faults, ...document } = stored.document;
      const { design } = checkDesign(document, limits);
      const intervalMs = args.intervalMs ?? this.options.defaultIntervalMs ?? DEFAULT_INTERVAL_MS;
      const record = await store.live.create({
        name: args.name ?? stored.name,
        designId: stored.id,
        designVersion: stored.version,
        config: { speed: args.speed, intervalMs, ...(args.seed === undefined ? {} : { seed: args.seed }) },
        owner,
        actor: args.actor,
      });
      const worker =
        this.options.createWorker?.() ??
        spawnWorker('live-worker', { resourceLimits: { maxOldGenerationSizeMb: LIVE_HEAP_MB } });
      const session = new ActiveSession({
        record,
        worker,
        document,
        design,
        speed: args.speed,
        intervalMs,
        onFailure: (message) => void this.failed(record.id, message),
      });
      this.active.set(record.id, session);
      metrics.liveSessions.set(this.active.size);
      try {
        await session.start(args.seed);
      } catch (error) {
        await this.failed(record.id, error instanceof Error ? error.message : String(error));
        throw error;
      }
      return this.viewOf(session.record, session);
    } finally {
      this.reserved -= 1;
    }
  }

  /** The stored record, with what it shows now if it runs here. */
  async get(id: string): Promise<LiveView> {
    const session = this.active.get(id);
    return this.viewOf(session?.record ?? (await this.options.store.live.get(id)), session);
  }

  async inject(id: string, fault: FaultRequest): Promise<InjectedFault> {
    const injected = await (await this.running(id)).inject(fault);
    this.options.metrics.liveFaultsInjected.inc({ type: injected.type });
    return injected;
  }

  async heal(id: string, faultId: string): Promise<InjectedFault> {
    return (await this.running(id)).heal(faultId);
  }

  async halt(id: string): Promise<InjectedFault[]> {
    return (await this.running(id)).halt();
  }

  async setSpeed(id: string, speed: number): Promise<LiveView> {
    const session = await this.running(id);
    session.setSpeed(speed);
    return this.viewOf(session.record, session);
  }

  /** Pauses or resumes; the store says 409 when the session is not in a state that allows it. */
  async setStatus(id: string, status: 'running' | 'paused', actor: string): Promise<LiveView> {
    const session = await this.running(id);
    const record = await this.options.store.live.setStatus({ id, status, actor });
    session.setStatus(status, record);
    return this.viewOf(record, session);
  }

  /** Stops a session and saves its final report with it. */
  async stop(id: string, actor: string): Promise<LiveView> {
    const session = await this.running(id);
    const report = await session.finalReport().catch(() => session.report());
    this.active.delete(id);
    this.options.metrics.liveSessions.set(this.active.size);
    const record = await this.options.store.live.setStatus({
      id,
      status: 'stopped',
      actor,
      report: { ...report },
    });
    await session.end(record);
    return this.viewOf(record, undefined);
  }

  /** The report: computed now while the session runs, the saved one after. */
  async report(id: string): Promise<LiveReport> {
    const session = this.active.get(id);
    if (session) return session.report();
    const report = await this.options.store.live.getReport(id);
    if (report === null)
      throw new ApiError(404, {
        code: 'not_found',
        message: `Live session ${id} has no report: it is not running in this server and ended without one`,
      });
    return report as unknown as LiveReport;
  }

  subscribe(id: string, subscriber: (event: LiveEvent) => void): (() => void) | undefined {
    return this.active.get(id)?.subscribe(subscriber);
  }

  /** Whether the session runs (or is paused) here. */
  isActive(id: string): boolean {
    return this.active.has(id);
  }

  /** Ends every session (graceful shutdown): each is saved stopped with its report so far. */
  async close(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.stop(id, 'server').catch(() => undefined)));
  }

  private async running(id: string): Promise<ActiveSession> {
    const session = this.active.get(id);
    if (session) return session;
    const record = await this.options.store.live.get(id);
    throw new ApiError(409, {
      code: 'invalid_state',
      message: `Live session ${id} is ${record.status}${record.status === 'running' || record.status === 'paused' ? ' in another server' : ''}: start a new one`,
    });
  }

  private async failed(id: string, message: string): Promise<void> {
    const session = this.active.get(id);
    if (!session) return;
    this.active.delete(id);
    this.options.metrics.liveSessions.set(this.active.size);
    this.options.log.warn({ sessionId: id, reason: message }, 'live session failed');
    const record = await this.options.store.live
      .setStatus({
        id,
        status: 'stopped',
        actor: 'server',
        report: { ...session.failedReport(message) },
      })
      .catch((error: unknown) => {
        this.options.log.error({ err: error, sessionId: id }, 'live session: could not record its end');
        return undefined;
      });
    await session.end(record);
  }

  private viewOf(record: StoredSession, session: ActiveSession | undefined): LiveView {
    return { ...record, now: session ? session.now() : null };
  }
}
