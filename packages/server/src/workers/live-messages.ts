import type { DesignDocument } from '@faultline/store';
import type { Second } from '../live/health.js';
import type { Transition } from '../live/report.js';

/** Starts a live worker's simulation. */
export interface LiveStart {
  readonly type: 'start';
  /** The design document as stored, its scheduled faults left out. */
  readonly document: DesignDocument;
  readonly seed?: number;
  /** Simulated ms per wall ms, 1 to 100. */
  readonly speed: number;
  /** Wall ms between snapshots, 100 to 1000. */
  readonly intervalMs: number;
}

/** What the server asks of a running live worker. */
export type LiveCommand =
  | LiveStart
  | { readonly type: 'inject'; readonly id: string; readonly fault: Readonly<Record<string, unknown>> }
  | { readonly type: 'heal'; readonly id: string }
  | { readonly type: 'halt' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'score'; readonly request: number };

/** What a live simulation shows at one instant. */
export interface LiveFrame {
  /** Simulated ms now. */
  readonly t: number;
  /** Seconds closed since the previous frame, oldest first. */
  readonly seconds: readonly Second[];
  /** Breaker changes since the previous frame. */
  readonly transitions: readonly Transition[];
  /** The state of every breaker, by edge. */
  readonly breakers: Readonly<Record<string, string>>;
  /** Wall ms the simulation lags behind its pace (it could not keep up with the speed). */
  readonly lagMs: number;
}

/** What a live worker reports. */
export type LiveWorkerMessage =
  | { readonly type: 'ready' }
  | ({ readonly type: 'frame' } & LiveFrame)
  /** A fault is in (t: simulated ms it started) or out (healed by hand, by halt, or its duration ended). */
  | { readonly type: 'injected'; readonly id: string; readonly t: number }
  | { readonly type: 'healed'; readonly id: string; readonly t: number }
  | { readonly type: 'rejected'; readonly id: string; readonly message: string }
  | { readonly type: 'score'; readonly request: number; readonly score: unknown }
  | { readonly type: 'failed'; readonly message: string };
