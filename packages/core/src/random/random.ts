/** A source of uniform numbers in [0, 1). Injected wherever a policy draws a random number. */
export interface Random {
  next(): number;
}

/** `Math.random`, for production jitter where reproducibility is not wanted. */
export const mathRandom: Random = { next: Math.random };

/**
 * A fast seeded PRNG (sfc32, seeded through splitmix32): the same seed gives the same sequence
 * on every platform, which is what makes simulations and failing tests replayable.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const random: Random = {
    next(): number {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    },
  };
  // Discard the first outputs: sfc32 mixes its state in over its first dozen rounds.
  for (let i = 0; i < 12; i++) random.next();
  return random;
}
