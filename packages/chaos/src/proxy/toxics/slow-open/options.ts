import { readDuration, readObject, type Issues } from '@faultline/core';

/** slow_open's attribute (in Toxiproxy forks, not in 2.x itself). */
export type SlowOpenAttributes = {
  /** Ms added before the first bytes of a new connection. */
  delay: number;
};

export const SLOW_OPEN_DEFAULTS: SlowOpenAttributes = { delay: 0 };

/** Reads slow_open attributes over `base`. */
export function readSlowOpen(
  input: Record<string, unknown>,
  base: SlowOpenAttributes,
  issues: Issues,
  path: string,
): SlowOpenAttributes {
  readObject(input, path, issues, ['delay']);
  return { delay: readDuration(input, 'delay', path, issues, base.delay) };
}
