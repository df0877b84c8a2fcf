import type { LiveFault } from '../api/live.js';

/** One service as the dashboard shows it. */
export interface ServiceView {
  readonly health: 'healthy' | 'degraded' | 'down';
  /** Responses over the last simulated second. */
  readonly throughput: number;
  /** 0 to 1. */
  readonly errorRate: number;
  readonly p99: number | null;
  readonly instancesUp: number | undefined;
  readonly instances: number | undefined;
}

/** What the dashboard draws from one snapshot. */
export interface LiveView {
  readonly status: string;
  readonly speed: number;
  readonly t: number;
  readonly services: Readonly<Record<string, ServiceView>>;
  /** Breaker state per call edge that has a breaker. */
  readonly breakers: Readonly<Record<string, string>>;
  readonly faults: readonly LiveFault[];
}

const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const HEALTH = new Set(['healthy', 'degraded', 'down']);

/**
 * Reads a live snapshot as the server sends it. Accepts the fields by either of the names the
 * server and the simulator use (`throughput` or `requestsPerSec`; breakers as a map, or each
 * edge's `breakerState`), so the dashboard keeps working while those shapes settle.
 */
export function viewOf(raw: Readonly<Record<string, unknown>>): LiveView {
  const services: Record<string, ServiceView> = {};
  for (const [name, value] of Object.entries(
    (raw['services'] ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    const errorRate = num(value['errorRate']);
    const instancesUp = typeof value['instancesUp'] === 'number' ? value['instancesUp'] : undefined;
    const health = String(value['health']);
    services[name] = {
      health: HEALTH.has(health)
        ? (health as ServiceView['health'])
        : instancesUp === 0 || errorRate >= 0.5
          ? 'down'
          : errorRate > 0.01
            ? 'degraded'
            : 'healthy',
      throughput: num(value['throughput'] ?? value['requestsPerSec']),
      errorRate,
      p99: typeof value['p99'] === 'number' ? value['p99'] : null,
      instancesUp,
      instances: typeof value['instances'] === 'number' ? value['instances'] : undefined,
    };
  }
  const breakers: Record<string, string> = {};
  const map = raw['breakers'];
  if (map && typeof map === 'object' && !Array.isArray(map)) {
    for (const [edge, state] of Object.entries(map as Record<string, unknown>))
      breakers[edge] = String(state);
  }
  for (const [edge, value] of Object.entries(
    (raw['edges'] ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    const state = value['breakerState'];
    if (typeof state === 'string') breakers[edge] = state;
  }
  return {
    status: String(raw['status'] ?? 'running'),
    speed: num(raw['speed'], 1),
    t: num(raw['t']),
    services,
    breakers,
    faults: Array.isArray(raw['faults']) ? (raw['faults'] as LiveFault[]) : [],
  };
}
