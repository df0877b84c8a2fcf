import type { LiveFault } from '../api/live.js';
import type { LiveView } from './normalize.js';

/** How many snapshots of history the sparklines keep. */
export const HISTORY = 120;

/** Per service, the last values of a measure, oldest first. */
export type Histories = Record<string, { throughput: number[]; errors: number[] }>;

/** Adds a snapshot to the histories, dropping the oldest past HISTORY. */
export function appendHistory(histories: Histories, snapshot: Pick<LiveView, 'services'>): Histories {
  const next: Histories = {};
  for (const [name, s] of Object.entries(snapshot.services)) {
    const old = histories[name] ?? { throughput: [], errors: [] };
    next[name] = {
      throughput: [...old.throughput, s.throughput].slice(-HISTORY),
      errors: [...old.errors, s.errorRate * 100].slice(-HISTORY),
    };
  }
  return next;
}

/**
 * Instances up, from the design's count less those active crash faults hold down: the stream
 * does not carry instance counts, and a crash is the only fault that takes an instance down.
 */
export function instancesUp(args: {
  instances: number;
  service: string;
  faults: readonly LiveFault[];
}): number {
  let down = 0;
  for (const f of args.faults) {
    if (f.type !== 'crash' || f.healedAt !== null || !f.targets.includes(args.service)) continue;
    const n = f.fault['instances'];
    down += typeof n === 'number' ? n : args.instances;
  }
  return Math.max(0, args.instances - down);
}
