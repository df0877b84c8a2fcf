import { mathRandom, seededRandom, type Random } from '@faultline/core';

/**
 * The random source of one toxic on one connection. With a seed, each (proxy, connection number,
 * toxic) gets its own stream, so what a connection draws does not depend on how its traffic
 * interleaves with other connections': the same seed and the same sequence of connections give
 * the same toxicity draws, jitter, slices and losses.
 */
export function randomFor(
  seed: number | undefined,
  proxy: string,
  connection: number,
  toxic: string,
): Random {
  if (seed === undefined) return mathRandom;
  return seededRandom(fnv1a(`${seed}\u0000${proxy}\u0000${connection}\u0000${toxic}`));
}

/** 32-bit FNV-1a over UTF-16 code units: small, fast and well spread for short keys. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
