import type { Random } from '@faultline/core';
import type { Distribution } from './distribution.js';

/**
 * Returns a function that draws from `distribution` using `random`. The simulator draws once per
 * simulated request, so each draw allocates nothing and calls `random` as few times as it can.
 */
export function sampler(distribution: Distribution, random: Random): () => number {
  switch (distribution.dist) {
    case 'constant': {
      const { value } = distribution;
      return () => value;
    }
    case 'uniform': {
      const { min } = distribution;
      const width = distribution.max - min;
      return () => min + width * random.next();
    }
    case 'exponential': {
      const { mean } = distribution;
      // 1 − u is in (0, 1], so the logarithm is always finite.
      return () => -mean * Math.log(1 - random.next());
    }
    case 'normal': {
      const { mean, stddev } = distribution;
      if (stddev === 0) return () => mean;
      const standard = standardNormal(random);
      return () => {
        // Truncated at 0 by drawing again: mean ≥ 0, so at least half the draws are kept.
        for (;;) {
          const value = mean + stddev * standard();
          if (value >= 0) return value;
        }
      };
    }
    case 'lognormal': {
      const { mu, sigma } = distribution;
      const standard = standardNormal(random);
      return () => Math.exp(mu + sigma * standard());
    }
  }
}

/**
 * Standard normal draws by Marsaglia's polar method, which yields two independent values per
 * accepted pair: the second is kept for the next call instead of being thrown away.
 */
function standardNormal(random: Random): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * random.next() - 1;
      v = 2 * random.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * scale;
    hasSpare = true;
    return u * scale;
  };
}
