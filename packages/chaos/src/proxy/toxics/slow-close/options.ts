import { readDuration, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's slow_close attribute. */
export type SlowCloseAttributes = {
  /** How long the end of the stream is held back, in ms. */
  delay: number;
};

export const SLOW_CLOSE_DEFAULTS: SlowCloseAttributes = { delay: 0 };

/** Reads slow_close attributes over `base`. */
export function readSlowClose(
  input: Record<string, unknown>,
  base: SlowCloseAttributes,
  issues: Issues,
  path: string,
): SlowCloseAttributes {
  readObject(input, path, issues, ['delay']);
  return { delay: readDuration(input, 'delay', path, issues, base.delay) };
}
