import { request } from './client.js';
import type { FaultType } from './types.js';

/** A live session: the design simulated paced to the wall clock, faults injected by hand. */
export interface LiveSession {
  readonly id: string;
  readonly name: string;
  readonly designId: string | null;
  readonly designVersion: number | null;
  readonly status: 'running' | 'paused' | 'stopped' | 'interrupted';
  readonly hasReport: boolean;
  /** What it shows now (read it with the dashboard's `viewOf`: its fields are still settling). */
  readonly now: Readonly<Record<string, unknown>> | null;
}

/** A fault injected into a live session. */
export interface LiveFault {
  readonly id: string;
  readonly type: string;
  readonly targets: readonly string[];
  readonly sides?: readonly (readonly string[])[];
  readonly injectedAt: number;
  readonly healedAt: number | null;
  /** The fault as the design file writes it. */
  readonly fault: Readonly<Record<string, unknown>>;
}

/** What the live stream sends. */
export type LiveEvent =
  | ({ readonly type: 'snapshot' } & Readonly<Record<string, unknown>>)
  | { readonly type: 'fault'; readonly event: 'injected' | 'healed'; readonly fault: LiveFault }
  | { readonly type: 'status'; readonly session: LiveSession }
  | { readonly type: 'error'; readonly error: { code: string; message: string } };

/** How the session met one injected fault; times after injection, ms (null: not yet, or never). */
export interface FaultOutcome {
  readonly id: string;
  readonly type: string;
  readonly targets: readonly string[];
  readonly injectedAt: number;
  readonly healedAt: number | null;
  readonly detectedAfterMs: number | null;
  readonly breakerOpenAfterMs: number | null;
  readonly breakerEdge: string | null;
  readonly recoveredAfterMs: number | null;
  readonly sides?: readonly {
    services: readonly string[];
    ok: number;
    failed: number;
    availability: number | null;
    healthy: readonly string[];
  }[];
}

/** The live report: the score so far and how each injected fault was met. */
export interface LiveReport {
  readonly sessionId: string;
  readonly simulatedMs: number;
  readonly score: { value: number; availability?: number; recoveryMs?: number; blastRadius?: number } | null;
  readonly slo: { availability: number; latencyP99?: number | null };
  readonly faults: readonly FaultOutcome[];
  readonly error?: string;
}

/** What to inject now: a fault of the design file without `at`, and how hard (0 to 1). */
export type InjectFault = Readonly<Record<string, unknown>> & {
  readonly type: string;
  readonly intensity?: number;
};

const live = (id: string) => `/live/${encodeURIComponent(id)}`;

/** Every fault type the server can inject, with its parameters. */
export async function listFaultTypes(): Promise<readonly FaultType[]> {
  return (await request<{ items: readonly FaultType[] }>('/fault-types')).items;
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
