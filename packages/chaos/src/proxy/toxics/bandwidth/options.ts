import { readNumber, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's bandwidth attribute. */
export type BandwidthAttributes = {
  /** KB/s, where a KB is 1000 bytes (Toxiproxy's unit); 0 means no limit. */
  rate: number;
};

export const BANDWIDTH_DEFAULTS: BandwidthAttributes = { rate: 0 };

/** Reads bandwidth attributes over `base`. */
export function readBandwidth(
  input: Record<string, unknown>,
  base: BandwidthAttributes,
  issues: Issues,
  path: string,
): BandwidthAttributes {
  readObject(input, path, issues, ['rate']);
  return { rate: readNumber(input, 'rate', path, issues, base.rate, { min: 0 }) };
}
