import type { Run, Store } from '@faultline/store';
import { checkDesign, tooBig } from '../designs/check-design.js';
import { ApiError } from '../http/api-error.js';
import type { ServerLimits } from '../limits.js';
import type { ServerMetrics } from '../metrics/metrics.js';
import type { RunProgress } from '../workers/messages.js';
import type { RunOutcome, RunQueue, RunQueueEvent } from './run-queue.js';

/** What a run stream sends (see the README's "WebSocket messages"). */
export type RunEvent =
  | { readonly type: 'status'; readonly run: Run }
  | ({ readonly type: 'progress' } & RunProgress)
  | { readonly type: 'timeline'; readonly buckets: readonly unknown[] };

export type RunSubscriber = (event: RunEvent) => void;

/** What to run. */
export interface StartRun {
  readonly designId: string;
  /** Default: the latest. */
  readonly version?: number;
  readonly seed?: number;
  readonly durationMs?: number;
  readonly compare: boolean;
  readonly actor: string;
}

interface ActiveRun {
  /** Store writes of this run, one after another, so they land in the order they happened. */
  writes: Promise<unknown>;
  readonly subscribers: Set<RunSubscriber>;
  lastProgressSaved: number;
  startedAt: number;
}

export interface RunServiceOptions {
  readonly store: Store;
  /** Where runs are executed; the service depends on nothing else of it. */
  readonly queue: RunQueue;
  readonly limits: ServerLimits;
  readonly metrics: ServerMetrics;
  /** This server's name in the store (`owner` of its runs). */
  readonly owner: string;
  readonly log: { error(data: object, message: string): void };
}

/** Progress is written to the database at most this often per run; streams get every update. */
const SAVE_PROGRESS_EVERY_MS = 1000;

/**
 * Runs: queues them on the run queue, records their life in the store (queued → running →
 * succeeded | failed | cancelled) unless the queue's workers do, and streams their progress to
 * subscribers.
 */
export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  /** Runs whose worker is done, while their end is written: still followed, no longer counted. */
  private readonly finishing = new Map<string, ActiveRun>();
  /** Places taken by starts still reading the database, so concurrent starts respect the limit. */
  private reserved = 0;

  constructor(private readonly options: RunServiceOptions) {
    options.queue.subscribe((event) => this.onQueueEvent(event));
  }

  /** Whether this server writes its runs' life (else the queue's workers do). */
  private get records(): boolean {
    return this.options.queue.recordedBy === 'server';
  }

  /** Runs queued or running in this server. */
  get count(): number {
    return this.active.size;
  }

  /** Validates and queues a run; 429 past the limit of concurrent runs. */
  async start(args: StartRun): Promise<Run> {
    const { store, limits, queue } = this.options;
    if (this.active.size + this.reserved >= limits.runs)
      throw new ApiError(429, {
        code: 'too_many_runs',
        message: `${limits.runs} runs are queued or running, the server limit runs: wait for one to end, or cancel one`,
        limit: 'runs',
      });
    this.reserved += 1;
    try {
      const design = await store.designs.get(args.designId, { version: args.version });
      if (args.durationMs !== undefined && args.durationMs > limits.durationMs)
        throw tooBig('duration', 'durationMs', `${args.durationMs} ms`, limits.durationMs, 'ms');
      checkDesign(design.document, limits);
      const params: Record<string, unknown> = { compare: args.compare };
      if (args.seed !== undefined) params['seed'] = args.seed;
      if (args.durationMs !== undefined) params['durationMs'] = args.durationMs;
      const run = await store.runs.create({
        designId: design.id,
        designVersion: design.version,
        params,
        actor: args.actor,
      });
      const active: ActiveRun = {
        writes: Promise.resolve(),
        subscribers: new Set(),
        lastProgressSaved: 0,
        startedAt: 0,
      };
      this.active.set(run.id, active);
      await queue.enqueue({
        runId: run.id,
        designId: design.id,
        version: design.version,
        params: { seed: args.seed, durationMs: args.durationMs, compare: args.compare },
        document: design.document,
      });
      this.updateGauges();
      return run;
    } finally {
      this.reserved -= 1;
    }
  }

  /** Cancels a queued or running run. The store says 409 if it has already ended. */
  async cancel(id: string, actor: string): Promise<Run> {
    const active = this.active.get(id);
    if (active) {
      await this.options.queue.cancel(id);
      this.active.delete(id);
      this.updateGauges();
      await active.writes.catch(() => undefined);
      const { store } = this.options;
      const run = await store.runs.setStatus({ id, status: 'cancelled', actor }).catch(async (error) => {
        // A worker elsewhere may have written the end first: streams still get it.
        if (!this.records) this.ended(await store.runs.get(id), active);
        throw error;
      });
      this.ended(run, active);
      return run;
    }
    // Ending now: once its end is written, the store answers 409.
    await this.finishing.get(id)?.writes.catch(() => undefined);
    // A durable queue may hold the job of a server gone since: drop it there too.
    if (!this.records) await this.options.queue.cancel(id);
    // Not ours (another server's, or already ended): the store decides.
    return this.options.store.runs.setStatus({ id, status: 'cancelled', actor });
  }

  /** Follows a run's events; returns the unsubscribe. Nothing comes for a run that is not active here. */
  subscribe(id: string, subscriber: RunSubscriber): () => void {
    const active = this.active.get(id) ?? this.finishing.get(id);
    if (!active) return () => undefined;
    active.subscribers.add(subscriber);
    return () => active.subscribers.delete(subscriber);
  }

  /** Whether the run is queued or running in this server. */
  isActive(id: string): boolean {
    return this.active.has(id) || this.finishing.has(id);
  }

  /**
   * Stops following every run and marks them interrupted (graceful shutdown); with a durable
   * queue they stay queued or running: its workers carry on without this server.
   */
  async close(): Promise<void> {
    await Promise.all([...this.finishing.values()].map((run) => run.writes.catch(() => undefined)));
    const runs = [...this.active.entries()];
    this.active.clear();
    this.updateGauges();
    if (!this.records) {
      for (const [, active] of runs) active.subscribers.clear();
      return;
    }
    for (const [id, active] of runs) {
      await active.writes.catch(() => undefined);
      const run = await this.options.store.runs
        .setStatus({
          id,
          status: 'interrupted',
          actor: 'server',
          error: 'Interrupted: the server was shut down',
        })
        .catch(() => undefined);
      if (run) this.ended(run, active);
    }
  }

  private onQueueEvent(event: RunQueueEvent): void {
    const id = event.runId;
    const active = this.active.get(id);
    if (!active) return;
    const { store, owner } = this.options;
    switch (event.type) {
      case 'started':
        active.startedAt = performance.now();
        this.write(id, () =>
          this.records
            ? store.runs.setStatus({ id, status: 'running', owner, actor: 'server' })
            : store.runs.get(id),
        );
        return;
      case 'progress': {
        this.emit(active, { type: 'progress', ...event.progress });
        const now = performance.now();
        if (this.records && now - active.lastProgressSaved >= SAVE_PROGRESS_EVERY_MS) {
          active.lastProgressSaved = now;
          const progress = Math.min(1, event.progress.progress);
          this.write(id, () => store.runs.setProgress({ id, progress }));
        }
        return;
      }
      case 'timeline':
        this.emit(active, { type: 'timeline', buckets: event.buckets });
        return;
      case 'finished':
        this.finish(id, active, event.outcome);
        return;
    }
  }

  private finish(id: string, active: ActiveRun, outcome: RunOutcome): void {
    const { store, metrics } = this.options;
    this.active.delete(id);
    this.finishing.set(id, active);
    this.updateGauges();
    metrics.runDuration.observe((performance.now() - active.startedAt) / 1000);
    const finish = (): Promise<Run> =>
      outcome.type === 'result'
        ? store.runs.setStatus({ id, status: 'succeeded', actor: 'server', result: outcome.result })
        : outcome.type === 'failed'
          ? store.runs.setStatus({ id, status: 'failed', actor: 'server', error: outcome.message })
          : store.runs.get(id);
    active.writes = active.writes
      .catch(() => undefined)
      .then(finish)
      // A result the store refuses (too big) still ends the run, as failed and saying why; a
      // failure a worker elsewhere recorded first stays as it wrote it.
      .catch((error: unknown) =>
        !this.records
          ? store.runs.get(id)
          : store.runs.setStatus({
              id,
              status: 'failed',
              actor: 'server',
              error: `The result could not be saved: ${error instanceof Error ? error.message : String(error)}`,
            }),
      )
      .then(
        (run) => this.ended(run, active),
        (error: unknown) =>
          this.options.log.error({ err: error, runId: id }, 'run: could not record its end'),
      )
      .finally(() => this.finishing.delete(id));
  }

  private ended(run: Run, active: ActiveRun): void {
    this.options.metrics.runsTotal.inc({ status: run.status });
    this.emit(active, { type: 'status', run });
    active.subscribers.clear();
  }

  private write(id: string, action: () => Promise<unknown>): void {
    const active = this.active.get(id);
    if (!active) return;
    active.writes = active.writes
      .catch(() => undefined)
      .then(action)
      .then(
        (value) => {
          if (value && typeof value === 'object' && 'status' in value)
            this.emit(active, { type: 'status', run: value as Run });
        },
        (error: unknown) => this.options.log.error({ err: error, runId: id }, 'run: a store write failed'),
      );
  }

  private emit(active: ActiveRun, event: RunEvent): void {
    for (const subscriber of active.subscribers) subscriber(event);
  }

  private updateGauges(): void {
    const { metrics, queue } = this.options;
    const stats = queue.stats();
    metrics.runsQueued.set(stats.queued);
    metrics.runsRunning.set(stats.busy);
    metrics.workersBusy.set(stats.busy);
  }
}
