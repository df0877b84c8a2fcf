import type { LiveService, LiveSnapshot } from '../api/live.js';

export type Health = 'healthy' | 'degraded' | 'down';

/** The server's judgement when it gives one; else: down when no instance is up or most requests fail, degraded past 5 % errors. */
export function healthOf(service: LiveService): Health {
  if (service.health) return service.health;
  if (service.instancesUp === 0 || service.errorRate >= 0.5) return 'down';
  if (service.errorRate > 0.05) return 'degraded';
  return 'healthy';
}

/** How many snapshots of history the sparklines keep. */
export const HISTORY = 120;

/** Per service, the last values of a measure, oldest first. */
export type Histories = Record<string, { rps: number[]; errors: number[]; p99: number[] }>;

/** Adds a snapshot to the histories, dropping the oldest past HISTORY. */
export function appendHistory(histories: Histories, snapshot: LiveSnapshot): Histories {
  const next: Histories = {};
  for (const [name, s] of Object.entries(snapshot.services)) {
    const old = histories[name] ?? { rps: [], errors: [], p99: [] };
    next[name] = {
      rps: [...old.rps, s.requestsPerSecond].slice(-HISTORY),
      errors: [...old.errors, s.errorRate * 100].slice(-HISTORY),
      p99: [...old.p99, s.p99 ?? 0].slice(-HISTORY),
    };
  }
  return next;
}
