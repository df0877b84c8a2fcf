import { seededRandom, type Random } from '@faultline/core';

/**
 * The seed of the random stream called `name` in a run seeded with `seed`: a pure function of
 * the two, so a stream never depends on which other streams exist or in what order they were made.
 *
 * FNV-1a over the seed (as a 32-bit unsigned integer, as core's `seededRandom` reads it) and then
 * the name's UTF-16 code units, finished with MurmurHash3's fmix32 so that names differing in one
 * character give unrelated seeds.
 */
export function deriveSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5;
  const word = seed >>> 0;
  for (let shift = 0; shift < 32; shift += 8) hash = Math.imul(hash ^ ((word >>> shift) & 0xff), 0x01000193);
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    hash = Math.imul(hash ^ (unit & 0xff), 0x01000193);
    hash = Math.imul(hash ^ (unit >>> 8), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Independent, named random streams of one run: one per service, per workload, per fault, so
 * that adding a service does not shift the numbers every other component draws.
 */
export class RandomStreams {
  private readonly streams = new Map<string, Random>();

  constructor(private readonly seed: number) {}

  /** The stream called `name`; asking again for the same name returns the same stream, not a copy. */
  get(name: string): Random {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = seededRandom(deriveSeed(this.seed, name));
      this.streams.set(name, stream);
    }
    return stream;
  }
}
