/**
 * A resolved probability distribution of a duration, every value in milliseconds. This is what a
 * design file's `{ dist: ... }` (or a bare duration) becomes after validation.
 */
export type Distribution =
  | ConstantDistribution
  | UniformDistribution
  | ExponentialDistribution
  | NormalDistribution
  | LognormalDistribution;

/** Always `value`. A bare duration such as `5ms` in a design file means this. */
export interface ConstantDistribution {
  readonly dist: 'constant';
  readonly value: number;
}

/** Any value from `min` to `max`, equally likely. */
export interface UniformDistribution {
  readonly dist: 'uniform';
  readonly min: number;
  readonly max: number;
}

/** Memoryless, with the given `mean`: the classic model of service and inter-arrival times. */
export interface ExponentialDistribution {
  readonly dist: 'exponential';
  readonly mean: number;
}

/**
 * Bell curve around `mean`, truncated at 0: a negative draw is drawn again, so when `stddev` is
 * large next to `mean` the values average a little above `mean`.
 */
export interface NormalDistribution {
  readonly dist: 'normal';
  readonly mean: number;
  readonly stddev: number;
}

/**
 * Long-tailed, as real latencies are: given by the `median` and `p99` people read off dashboards.
 * `mu` and `sigma` are the parameters of the underlying normal, derived from those two.
 */
export interface LognormalDistribution {
  readonly dist: 'lognormal';
  readonly median: number;
  readonly p99: number;
  readonly mu: number;
  readonly sigma: number;
}

/** The kinds of distribution, as written after `dist:`. */
export const DISTRIBUTION_KINDS = ['constant', 'uniform', 'exponential', 'normal', 'lognormal'] as const;

/** z such that P(Z ≤ z) = 0.99 for a standard normal Z: links a lognormal's p99 to its sigma. */
export const Z_99 = 2.3263478740408408;

/** A lognormal from the median and p99 people measure: mu = ln(median), sigma = (ln(p99) − mu) / z₀.₉₉. */
export function lognormal(median: number, p99: number): LognormalDistribution {
  const mu = Math.log(median);
  return { dist: 'lognormal', median, p99, mu, sigma: (Math.log(p99) - mu) / Z_99 };
}
