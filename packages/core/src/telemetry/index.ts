export type { TelemetryOptions, InstrumentedPolicy, MeterLike, TraceLike } from './telemetry.js';
export { instrument, TELEMETRY_METRICS, BREAKER_SPAN_EVENT } from './telemetry.js';
