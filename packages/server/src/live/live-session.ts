import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { Design } from '@faultline/sim';
import type { LiveSession as StoredSession } from '@faultline/store';
import { ApiError } from '../http/api-error.js';
import type { LiveCommand, LiveWorkerMessage } from '../workers/live-messages.js';
import { healthOf, type Health, type HealthBar, type Second } from './health.js';
import { prepareFault, targetsOf, type FaultRequest } from './prepare-fault.js';
import { faultOutcomes, type FaultOutcome, type InjectedFault, type Transition } from './report.js';

/** What one service did in the latest closed second, for the dashboard. */
export interface ServiceView {
  readonly health: Health;
  /** Responses per second, ok and failed. */
  readonly throughput: number;
  readonly ok: number;
  readonly failed: number;
  /** failed / throughput, 0 to 1. */
  readonly errorRate: number;
  /** ms; null when it answered nothing. */
  readonly p99: number | null;
}

/** What a live stream sends (see the README's "WebSocket messages"). */
export type LiveEvent =
  | {
      readonly type: 'snapshot';
      readonly status: 'running' | 'paused';
      readonly speed: number;
      readonly t: number;
      readonly services: Readonly<Record<string, ServiceView>>;
      readonly breakers: Readonly<Record<string, string>>;
      readonly transitions: readonly Transition[];
      readonly faults: readonly InjectedFault[];
      readonly lagMs: number;
    }
  | { readonly type: 'fault'; readonly event: 'injected' | 'healed'; readonly fault: InjectedFault }
  | { readonly type: 'status'; readonly session: StoredSession };

/** The report of a session: its score and how it met each injected fault. */
export interface LiveReport {
  readonly sessionId: string;
  readonly simulatedMs: number;
  /** The resilience score of the session so far (the simulator's analysis), or null if it cannot give one. */
  readonly score: unknown;
  readonly slo: HealthBar;
  readonly faults: readonly FaultOutcome[];
  /** Set when the session ended because its simulation failed. */
  readonly error?: string;
}

/** Simulated seconds kept for the report (10 hours); older ones are dropped. */
const MAX_SECONDS = 36_000;
const MAX_TRANSITIONS = 100_000;
/** How long a worker has to answer a command that waits for its answer. */
const ANSWER_MS = 5_000;

export interface ActiveSessionOptions {
  readonly record: StoredSession;
  readonly worker: Worker;
  /** The design document without its faults, and the design it resolves to. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly design: Design;
  readonly speed: number;
  readonly intervalMs: number;
  /** The worker failed or died: the session must end. */
  readonly onFailure: (message: string) => void;
}

/** One running or paused live session: its worker, what it has seen, who is watching. */
export class ActiveSession {
  record: StoredSession;
  status: 'running' | 'paused' = 'running';
  speed: number;
  t = 0;
  lagMs = 0;
  readonly bar: HealthBar;
  private readonly seconds: Second[] = [];
  private readonly transitions: Transition[] = [];
  private breakers: Record<string, string> = {};
  private latest: Record<string, ServiceView> = {};
  private readonly hadTraffic = new Set<string>();
  private readonly faults = new Map<string, InjectedFault>();
  private readonly waiting = new Map<
    string,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private scoreRequests = 0;
  private readonly subscribers = new Set<(event: LiveEvent) => void>();
  private ended = false;

  constructor(private readonly options: ActiveSessionOptions) {
    this.record = options.record;
    this.speed = options.speed;
    this.bar = { availability: options.design.slo.availability, latencyP99: options.design.slo.latencyP99 };
    options.worker.on('message', (message: LiveWorkerMessage) => this.onMessage(message));
    options.worker.on('error', (error) => this.fail(`The live worker failed: ${error.message}`));
    options.worker.on('exit', (code) => this.fail(`The live worker exited with code ${code}`));
  }

  get id(): string {
    return this.record.id;
  }

  /** Starts the worker's simulation and waits until it runs. */
  start(seed: number | undefined): Promise<unknown> {
    const ready = this.await('ready', 60_000);
    this.send({
      type: 'start',
      document: this.options.document,
      seed,
      speed: this.speed,
      intervalMs: this.options.intervalMs,
    });
    return ready;
  }

  /** Injects a fault now; 422 naming the field when the model refuses it. */
  async inject(request: FaultRequest): Promise<InjectedFault> {
    const fault = prepareFault(request, this.options.document, this.options.design);
    const id = randomUUID();
    const injected = this.await(id, ANSWER_MS);
    this.send({ type: 'inject', id, fault });
    await injected;
    return this.faults.get(id)!;
  }

  /** Heals one fault; 404 when the session has no such active fault. */
  async heal(faultId: string): Promise<InjectedFault> {
    const fault = this.faults.get(faultId);
    if (!fault || fault.healedAt !== null)
      throw new ApiError(404, {
        code: 'not_found',
        message: `No active fault ${faultId} in live session ${this.id}`,
        path: 'faultId',
      });
    const healed = this.await(`heal:${faultId}`, ANSWER_MS);
    this.send({ type: 'heal', id: faultId });
    await healed;
    return this.faults.get(faultId)!;
  }

  /** Heals every active fault. */
  halt(): InjectedFault[] {
    const active = this.activeFaults();
    this.send({ type: 'halt' });
    return active;
  }

  setStatus(status: 'running' | 'paused', record: StoredSession): void {
    this.status = status;
    this.record = record;
    this.send({ type: status === 'paused' ? 'pause' : 'resume' });
    this.emit({ type: 'status', session: record });
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.send({ type: 'speed', speed });
  }

  /** The report so far: how the system met each fault, and the score. */
  async report(): Promise<LiveReport> {
    const request = ++this.scoreRequests;
    const answer = this.await(`score:${request}`, ANSWER_MS).catch(() => null);
    this.send({ type: 'score', request });
    const score = await answer;
    return {
      sessionId: this.id,
      simulatedMs: Math.round(this.t),
      score: score ?? null,
      slo: this.bar,
      faults: faultOutcomes({
        seconds: this.seconds,
        transitions: this.transitions,
        faults: [...this.faults.values()],
        bar: this.bar,
      }),
    };
  }

  /** The report without the worker (it failed): no score. */
  reportWithoutScore(error: string): LiveReport {
    return {
      sessionId: this.id,
      simulatedMs: Math.round(this.t),
      score: null,
      slo: this.bar,
      faults: faultOutcomes({
        seconds: this.seconds,
        transitions: this.transitions,
        faults: [...this.faults.values()],
        bar: this.bar,
      }),
      error,
    };
  }

  /** What the dashboard shows now. */
  view() {
    return {
      status: this.status,
      speed: this.speed,
      t: Math.round(this.t),
      services: this.latest,
      breakers: this.breakers,
      faults: this.activeFaults(),
      lagMs: this.lagMs,
    };
  }

  subscribe(subscriber: (event: LiveEvent) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Stops the worker; subscribers get the final status and are let go. */
  async end(record: StoredSession | undefined): Promise<void> {
    this.ended = true;
    if (record) {
      this.record = record;
      this.emit({ type: 'status', session: record });
    }
    this.subscribers.clear();
    for (const { reject } of this.waiting.values()) reject(new Error('The live session ended'));
    this.waiting.clear();
    await this.options.worker.terminate();
  }

  private activeFaults(): InjectedFault[] {
    return [...this.faults.values()].filter((fault) => fault.healedAt === null);
  }

  private onMessage(message: LiveWorkerMessage): void {
    switch (message.type) {
      case 'ready':
        return this.answer('ready', true);
      case 'frame':
        return this.onFrame(message);
      case 'injected': {
        const pending = this.pendingFaults.get(message.id);
        if (!pending) return;
        this.pendingFaults.delete(message.id);
        const fault: InjectedFault = { ...pending, injectedAt: message.t };
        this.faults.set(message.id, fault);
        this.emit({ type: 'fault', event: 'injected', fault });
        return this.answer(message.id, fault);
      }
      case 'healed': {
        const fault = this.faults.get(message.id);
        if (!fault) return;
        const healed = { ...fault, healedAt: message.t };
        this.faults.set(message.id, healed);
        this.emit({ type: 'fault', event: 'healed', fault: healed });
        return this.answer(`heal:${message.id}`, healed);
      }
      case 'rejected': {
        this.pendingFaults.delete(message.id);
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        waiter?.reject(new ApiError(422, { code: 'invalid_fault', message: message.message }));
        return;
      }
      case 'score':
        return this.answer(`score:${message.request}`, message.score);
      case 'failed':
        return this.fail(message.message);
    }
  }

  private readonly pendingFaults = new Map<string, Omit<InjectedFault, 'injectedAt'>>();

  private send(command: LiveCommand): void {
    if (command.type === 'inject') {
      this.pendingFaults.set(command.id, {
        id: command.id,
        type: String(command.fault['type']),
        ...targetsOf(command.fault),
        healedAt: null,
        fault: command.fault,
      });
    }
    this.options.worker.postMessage(command);
  }

  private onFrame(frame: Extract<LiveWorkerMessage, { type: 'frame' }>): void {
    this.t = frame.t;
    this.lagMs = frame.lagMs;
    this.breakers = { ...frame.breakers };
    for (const second of frame.seconds) {
      this.seconds.push(second);
      const latest: Record<string, ServiceView> = {};
      for (const [name, stats] of Object.entries(second.services)) {
        const throughput = stats.ok + stats.failed;
        latest[name] = {
          health: healthOf(stats, this.bar, this.hadTraffic.has(name)),
          throughput,
          ok: stats.ok,
          failed: stats.failed,
          errorRate: throughput === 0 ? 0 : Math.round((stats.failed / throughput) * 10_000) / 10_000,
          p99: stats.p99,
        };
        if (throughput > 0) this.hadTraffic.add(name);
      }
      this.latest = latest;
    }
    if (this.seconds.length > MAX_SECONDS) this.seconds.splice(0, this.seconds.length - MAX_SECONDS);
    this.transitions.push(...frame.transitions);
    if (this.transitions.length > MAX_TRANSITIONS)
      this.transitions.splice(0, this.transitions.length - MAX_TRANSITIONS);
    this.emit({ type: 'snapshot', ...this.view(), transitions: frame.transitions });
  }

  private await(key: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(
          new ApiError(504, {
            code: 'live_timeout',
            message: 'The live simulation did not answer in time; try again',
          }),
        );
      }, timeoutMs);
      this.waiting.set(key, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  private answer(key: string, value: unknown): void {
    const waiter = this.waiting.get(key);
    this.waiting.delete(key);
    waiter?.resolve(value);
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const { reject } of this.waiting.values())
      reject(new ApiError(503, { code: 'live_unavailable', message }));
    this.waiting.clear();
    this.options.onFailure(message);
  }

  private emit(event: LiveEvent): void {
    for (const subscriber of this.subscribers) subscriber(event);
  }
}
