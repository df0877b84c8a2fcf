import type { Store } from '@faultline/store';
import type { ServerLimits } from './limits.js';
import type { LiveSessions } from './live/live-sessions.js';
import type { ServerMetrics } from './metrics/metrics.js';
import type { RunService } from './runs/run-service.js';

/** What every route plugin works with: one per server instance. */
export interface ServerContext {
  readonly store: Store;
  readonly limits: ServerLimits;
  readonly runs: RunService;
  readonly live: LiveSessions;
  readonly metrics: ServerMetrics;
}

/** The options a route plugin is registered with. */
export interface RouteOptions {
  readonly ctx: ServerContext;
}
