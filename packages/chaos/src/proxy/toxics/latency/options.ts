import { readDuration, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's latency attributes, in milliseconds. */
export type LatencyAttributes = {
  /** Added to every chunk. */
  latency: number;
  /** The delay is drawn uniformly from latency ± jitter, per chunk. */
  jitter: number;
};

export const LATENCY_DEFAULTS: LatencyAttributes = { latency: 0, jitter: 0 };

/** Reads latency attributes over `base`; durations may be numbers of ms or strings like "250ms". */
export function readLatency(
  input: Record<string, unknown>,
  base: LatencyAttributes,
  issues: Issues,
  path: string,
): LatencyAttributes {
  readObject(input, path, issues, ['latency', 'jitter']);
  return {
    latency: readDuration(input, 'latency', path, issues, base.latency),
    jitter: readDuration(input, 'jitter', path, issues, base.jitter),
  };
}
