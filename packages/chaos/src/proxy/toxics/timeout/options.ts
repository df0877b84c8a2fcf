import { readDuration, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's timeout attribute. */
export type TimeoutAttributes = {
  /** After this many ms the connection is closed; 0 keeps it open, a black hole, until the toxic goes. */
  timeout: number;
};

export const TIMEOUT_DEFAULTS: TimeoutAttributes = { timeout: 0 };

/** Reads timeout attributes over `base`. */
export function readTimeout(
  input: Record<string, unknown>,
  base: TimeoutAttributes,
  issues: Issues,
  path: string,
): TimeoutAttributes {
  readObject(input, path, issues, ['timeout']);
  return { timeout: readDuration(input, 'timeout', path, issues, base.timeout) };
}
