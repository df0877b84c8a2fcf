import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import {
  score,
  type Design,
  type LiveEdgeSnapshot,
  type LiveServiceSnapshot,
  type RunResult,
} from '@faultline/sim';
import type { LiveSession as StoredSession } from '@faultline/store';
import { ApiError } from '../http/api-error.js';
import type { LiveCommand, LiveWorkerMessage } from '../workers/live-messages.js';
import type { HealthBar, Second } from './health.js';
import { prepareFault, targetsOf, type FaultRequest } from './prepare-fault.js';
import { Replies } from './replies.js';
import { faultOutcomes, type FaultOutcome, type InjectedFault, type Transition } from './report.js';
import { scoreSoFar } from './score-so-far.js';

/** What a live session shows now: the dashboard's picture. */
export interface LiveNow {
  readonly status: 'running' | 'paused';
  readonly speed: number;
  /** Simulated ms. */
  readonly t: number;
  /** Every service over the last whole simulated second, and its state now. */
  readonly services: Readonly<Record<string, LiveServiceSnapshot>>;
  /** Every call edge now: its breaker, attempts and failures over the last second. */
  readonly edges: Readonly<Record<string, LiveEdgeSnapshot>>;
  /** Faults in force. */
  readonly faults: readonly InjectedFault[];
  /** Wall ms the simulation is behind its pace (0 when it keeps up). */
  readonly lagMs: number;
}

/** What a live stream sends (see the README's "WebSocket messages"). */
export type LiveEvent =
  | ({ readonly type: 'snapshot'; readonly transitions: readonly Transition[] } & LiveNow)
  | { readonly type: 'fault'; readonly event: 'injected' | 'healed'; readonly fault: InjectedFault }
  | { readonly type: 'status'; readonly session: StoredSession };

/** The report of a session: its score and how it met each injected fault. */
export interface LiveReport {
  readonly sessionId: string;
  readonly simulatedMs: number;
  /** The resilience score (@faultline/sim's): so far while it runs, exact once stopped; null before a whole second ran. */
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
const ANSWER_MS = 10_000;

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
  private status: 'running' | 'paused' = 'running';
  private speed: number;
  private t = 0;
  private lagMs = 0;
  readonly bar: HealthBar;
  private readonly seconds: Second[] = [];
  private readonly transitions: Transition[] = [];
  private services: Record<string, LiveServiceSnapshot> = {};
  private edges: Record<string, LiveEdgeSnapshot> = {};
  private readonly faults = new Map<string, InjectedFault>();
  private readonly pendingFaults = new Map<string, Omit<InjectedFault, 'injectedAt'>>();
  private readonly replies = new Replies();
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
    const ready = this.replies.await('ready', 60_000);
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
    const injected = this.replies.await(id, ANSWER_MS);
    this.send({ type: 'inject', id, fault });
    return (await injected) as InjectedFault;
  }

  /** Heals one fault; 404 when the session has no such fault in force. */
  async heal(faultId: string): Promise<InjectedFault> {
    const fault = this.faults.get(faultId);
    if (!fault || fault.healedAt !== null)
      throw new ApiError(404, {
        code: 'not_found',
        message: `No fault ${faultId} in force in live session ${this.id}`,
        path: 'faultId',
      });
    const healed = this.replies.await(`heal:${faultId}`, ANSWER_MS);
    this.send({ type: 'heal', id: faultId });
    return (await healed) as InjectedFault;
  }

  /** Heals every fault in force; answers the faults it heals. */
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

  /** The report so far, its score estimated from what the session has seen. */
  report(): LiveReport {
    return this.reportWith(
      scoreSoFar({
        design: this.options.design,
        seconds: this.seconds,
        transitions: this.transitions,
        faults: [...this.faults.values()],
        now: this.t,
      }),
    );
  }

  /** Ends the simulation and reports with the exact score of its run result. */
  async finalReport(): Promise<LiveReport> {
    const finished = this.replies.await('finished', ANSWER_MS);
    this.send({ type: 'finish' });
    const result = (await finished) as RunResult;
    return this.reportWith(result.simulatedMs > 0 ? score(result, this.options.design) : null);
  }

  /** The report without the worker (it failed). */
  failedReport(error: string): LiveReport {
    return { ...this.report(), error };
  }

  /** What the dashboard shows now. */
  now(): LiveNow {
    return {
      status: this.status,
      speed: this.speed,
      t: Math.round(this.t),
      services: this.services,
      edges: this.edges,
      faults: this.activeFaults(),
      lagMs: Math.round(this.lagMs),
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
    this.replies.rejectAll(new Error('The live session ended'));
    await this.options.worker.terminate();
  }

  private reportWith(sessionScore: unknown): LiveReport {
    return {
      sessionId: this.id,
      simulatedMs: Math.round(this.t),
      score: sessionScore ?? null,
      slo: this.bar,
      faults: faultOutcomes({
        seconds: this.seconds,
        transitions: this.transitions,
        faults: [...this.faults.values()],
        bar: this.bar,
      }),
    };
  }

  private activeFaults(): InjectedFault[] {
    return [...this.faults.values()].filter((fault) => fault.healedAt === null);
  }

  private onMessage(message: LiveWorkerMessage): void {
    switch (message.type) {
      case 'ready':
        return this.replies.resolve('ready', true);
      case 'frame':
        return this.onFrame(message);
      case 'injected': {
        const pending = this.pendingFaults.get(message.id);
        if (!pending) return;
        this.pendingFaults.delete(message.id);
        const fault: InjectedFault = { ...pending, injectedAt: message.t };
        this.faults.set(message.id, fault);
        this.emit({ type: 'fault', event: 'injected', fault });
        return this.replies.resolve(message.id, fault);
      }
      case 'healed': {
        const fault = this.faults.get(message.id);
        if (!fault) return;
        const healed = { ...fault, healedAt: message.t };
        this.faults.set(message.id, healed);
        this.emit({ type: 'fault', event: 'healed', fault: healed });
        return this.replies.resolve(`heal:${message.id}`, healed);
      }
      case 'rejected': {
        this.pendingFaults.delete(message.id);
        this.replies.reject(
          message.id,
          new ApiError(422, { code: 'invalid_fault', message: message.message }),
        );
        return;
      }
      case 'finished':
        return this.replies.resolve('finished', message.result);
      case 'failed':
        return this.fail(message.message);
    }
  }

  private send(command: LiveCommand): void {
    if (command.type === 'inject')
      this.pendingFaults.set(command.id, {
        id: command.id,
        type: String(command.fault['type']),
        ...targetsOf(command.fault),
        healedAt: null,
        fault: command.fault,
      });
    this.options.worker.postMessage(command);
  }

  private onFrame(frame: Extract<LiveWorkerMessage, { type: 'frame' }>): void {
    this.t = frame.t;
    this.lagMs = frame.lagMs;
    this.services = frame.services;
    this.edges = frame.edges;
    this.seconds.push(...frame.seconds);
    if (this.seconds.length > MAX_SECONDS) this.seconds.splice(0, this.seconds.length - MAX_SECONDS);
    this.transitions.push(...frame.transitions);
    if (this.transitions.length > MAX_TRANSITIONS)
      this.transitions.splice(0, this.transitions.length - MAX_TRANSITIONS);
    this.emit({ type: 'snapshot', ...this.now(), transitions: frame.transitions });
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.ended = true;
    this.replies.rejectAll(new ApiError(503, { code: 'live_unavailable', message }));
    this.options.onFailure(message);
  }

  private emit(event: LiveEvent): void {
    for (const subscriber of this.subscribers) subscriber(event);
  }
}
