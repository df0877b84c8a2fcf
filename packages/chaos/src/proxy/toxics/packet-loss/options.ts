import { readNumber, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's packet_loss attributes (#739). */
export type PacketLossAttributes = {
  /** Probability that a chunk is dropped. */
  loss_rate: number;
  /** Extra probability of dropping a chunk right after a dropped one (bursts of loss). */
  correlation: number;
};

export const PACKET_LOSS_DEFAULTS: PacketLossAttributes = { loss_rate: 0.1, correlation: 0 };

/** Reads packet_loss attributes over `base`. */
export function readPacketLoss(
  input: Record<string, unknown>,
  base: PacketLossAttributes,
  issues: Issues,
  path: string,
): PacketLossAttributes {
  readObject(input, path, issues, ['loss_rate', 'correlation']);
  const probability = { min: 0, max: 1 };
  return {
    loss_rate: readNumber(input, 'loss_rate', path, issues, base.loss_rate, probability),
    correlation: readNumber(input, 'correlation', path, issues, base.correlation, probability),
  };
}
