import { readDuration, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's reset_peer attribute. */
export type ResetPeerAttributes = {
  /** Ms between the first bytes reaching the toxic and the reset; 0 resets at once. */
  timeout: number;
};

export const RESET_PEER_DEFAULTS: ResetPeerAttributes = { timeout: 0 };

/** Reads reset_peer attributes over `base`. */
export function readResetPeer(
  input: Record<string, unknown>,
  base: ResetPeerAttributes,
  issues: Issues,
  path: string,
): ResetPeerAttributes {
  readObject(input, path, issues, ['timeout']);
  return { timeout: readDuration(input, 'timeout', path, issues, base.timeout) };
}
