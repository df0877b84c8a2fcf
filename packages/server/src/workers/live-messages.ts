import type { DesignDocument } from '@faultline/store';
import type { EngineFrame } from './live-engine.js';

/** Starts a live worker's simulation. */
export interface LiveStart {
  readonly type: 'start';
  /** The design document as stored, its scheduled faults left out. */
  readonly document: DesignDocument;
  readonly seed?: number;
  /** Simulated ms per wall ms, 1 to 100. */
  readonly speed: number;
  /** Wall ms between frames, 100 to 1000. */
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
  /** End the simulation and send its run result. */
  | { readonly type: 'finish' };

/** What a live simulation shows after one tick. */
export interface LiveFrame extends EngineFrame {
  /** Simulated ms now. */
  readonly t: number;
  /** Wall ms the last step took beyond its interval: the simulation cannot keep up with the speed. */
  readonly lagMs: number;
}

/** What a live worker reports. */
export type LiveWorkerMessage =
  | { readonly type: 'ready' }
  | ({ readonly type: 'frame' } & LiveFrame)
  /** A fault is in force (t: simulated ms it started). */
  | { readonly type: 'injected'; readonly id: string; readonly t: number }
  /** A fault is lifted: healed by hand, by halt, or its duration ended. */
  | { readonly type: 'healed'; readonly id: string; readonly t: number }
  | { readonly type: 'rejected'; readonly id: string; readonly message: string }
  | { readonly type: 'finished'; readonly result: Record<string, unknown> }
  | { readonly type: 'failed'; readonly message: string };
