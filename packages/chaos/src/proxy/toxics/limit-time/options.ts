import { readDuration, readObject, type Issues } from '@faultline/core';

/** limit_time's attribute (in Toxiproxy forks, not in 2.x itself). */
export type LimitTimeAttributes = {
  /** Ms a connection may live, from when the toxic joined it, before it is closed. */
  time: number;
};

export const LIMIT_TIME_DEFAULTS: LimitTimeAttributes = { time: 0 };

/** Reads limit_time attributes over `base`. */
export function readLimitTime(
  input: Record<string, unknown>,
  base: LimitTimeAttributes,
  issues: Issues,
  path: string,
): LimitTimeAttributes {
  readObject(input, path, issues, ['time']);
  return { time: readDuration(input, 'time', path, issues, base.time) };
}
