import { readNumber, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's limit_data attribute. */
export type LimitDataAttributes = {
  /** Bytes the connection may carry this way before it is closed. */
  bytes: number;
};

export const LIMIT_DATA_DEFAULTS: LimitDataAttributes = { bytes: 0 };

/** Reads limit_data attributes over `base`. */
export function readLimitData(
  input: Record<string, unknown>,
  base: LimitDataAttributes,
  issues: Issues,
  path: string,
): LimitDataAttributes {
  readObject(input, path, issues, ['bytes']);
  return { bytes: readNumber(input, 'bytes', path, issues, base.bytes, { min: 0, integer: true }) };
}
