import { request } from './client.js';
import type { BreakerState, FaultType } from './types.js';

/** A live session: the design simulated paced to the wall clock, faults injected by hand. */
export interface LiveSession {
  readonly id: string;
  readonly name?: string;
  readonly designId: string | null;
  readonly status: 'running' | 'paused' | 'stopped' | 'interrupted';
}

/** One service in a live snapshot. */
export interface LiveService {
  readonly requestsPerSecond: number;
  /** 0 to 1. */
  readonly errorRate: number;
  readonly p99: number | null;
  readonly instancesUp: number;
  readonly instances: number;
  /** `healthy`, `degraded` or `down`, as the server judges it against the design's SLO. */
  readonly health?: 'healthy' | 'degraded' | 'down';
}

/** A fault injected into a live session, active until it ends or is healed. */
export interface LiveFault {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly at: number;
  readonly until: number | null;
}

/** What the live stream sends, every 100 ms to 1 s. Times are simulated ms from the start. */
export interface LiveSnapshot {
  readonly t: number;
  readonly speed: number;
  readonly status: LiveSession['status'];
  readonly services: Readonly<Record<string, LiveService>>;
  readonly breakers: Readonly<Record<string, BreakerState>>;
  readonly transitions?: readonly { t: number; edge: string; state: BreakerState }[];
  readonly faults: readonly LiveFault[];
  readonly score?: number | null;
}

/** One phase of the recovery from an injected fault, with the simulated time it was reached. */
export interface RecoveryStep {
  readonly step: 'injected' | 'detected' | 'breakerOpen' | 'fallback' | 'healed' | 'recovered';
  readonly t: number | null;
}

/** The live report: the score, each fault's recovery, what each side of a partition could serve. */
export interface LiveReport {
  readonly score?: { value: number; availability: number; recoveryMs: number; blastRadius: number } | null;
  readonly faults: readonly {
    id: string;
    type: string;
    target: string;
    injectedAt: number;
    detectedAt?: number | null;
    breakerOpenAt?: number | null;
    fallbackAt?: number | null;
    healedAt?: number | null;
    recoveredAt?: number | null;
    partition?: {
      sides: readonly { services: readonly string[]; availability: number; served: readonly string[] }[];
    };
  }[];
}

/** What to inject now: a type, a target, how hard (0 to 1) and for how long. */
export interface InjectFault {
  readonly type: string;
  readonly target?: string;
  readonly between?: readonly (readonly string[])[];
  readonly intensity: number;
  readonly duration: string;
}

const live = (id: string) => `/live/${encodeURIComponent(id)}`;

/** Every fault type the server can inject, with its parameters. */
export function listFaultTypes() {
  return request<readonly FaultType[]>('/fault-types');
}

/** Starts a live session of a design at `speed` × the wall clock. */
export function startLive(args: { designId: string; speed: number }) {
  return request<LiveSession>(`/designs/${encodeURIComponent(args.designId)}/live`, {
    method: 'POST',
    body: { speed: args.speed },
  });
}

/** Injects a fault now. */
export function injectFault(args: { sessionId: string; fault: InjectFault }) {
  return request<LiveFault>(`${live(args.sessionId)}/faults`, { method: 'POST', body: args.fault });
}

/** Heals one injected fault. */
export function healFault(args: { sessionId: string; faultId: string }) {
  return request<void>(`${live(args.sessionId)}/faults/${encodeURIComponent(args.faultId)}`, {
    method: 'DELETE',
  });
}

/** Heals every injected fault at once. */
export function haltFaults(sessionId: string) {
  return request<void>(`${live(sessionId)}/halt`, { method: 'POST' });
}

/** Pauses, resumes or stops the session. */
export function controlLive(args: { sessionId: string; action: 'pause' | 'resume' | 'stop' }) {
  return request<LiveSession>(`${live(args.sessionId)}/${args.action}`, { method: 'POST' });
}

/** Changes the pace, 1× to 100× the wall clock. */
export function setLiveSpeed(args: { sessionId: string; speed: number }) {
  return request<LiveSession>(`${live(args.sessionId)}/speed`, {
    method: 'POST',
    body: { speed: args.speed },
  });
}

/** The live report so far. */
export function liveReport(sessionId: string) {
  return request<LiveReport>(`${live(sessionId)}/report`);
}
