import type { Random } from '@faultline/core';

/**
 * Where to cut `length` bytes into slices of about `averageSize` ± `sizeVariation`: the ends of
 * the slices, in order. Halves recursively as Toxiproxy does (2.4+), so slices vary evenly with
 * no tendency to a small first or last slice. Needs 0 ≤ sizeVariation < averageSize.
 */
export function sliceEnds(
  length: number,
  averageSize: number,
  sizeVariation: number,
  random: Random,
): number[] {
  const ends: number[] = [];
  const cut = (start: number, end: number): void => {
    if (end - start - averageSize <= sizeVariation) {
      ends.push(end);
      return;
    }
    let middle = start + Math.floor((end - start) / 2);
    if (sizeVariation > 0) middle += Math.floor(random.next() * sizeVariation * 2) - sizeVariation;
    cut(start, middle);
    cut(middle, end);
  };
  if (length > 0) cut(0, length);
  return ends;
}
