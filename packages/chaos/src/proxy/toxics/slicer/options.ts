import { childPath, readNumber, readObject, type Issues } from '@faultline/core';

/** Toxiproxy's slicer attributes. */
export type SlicerAttributes = {
  /** Average size of a slice, in bytes. */
  average_size: number;
  /** Slices vary by ± this many bytes; less than average_size. */
  size_variation: number;
  /** Pause between slices, in microseconds (Toxiproxy's unit). */
  delay: number;
};

export const SLICER_DEFAULTS: SlicerAttributes = { average_size: 0, size_variation: 0, delay: 0 };

/** Reads slicer attributes over `base`; a slicer needs an average_size of at least one byte. */
export function readSlicer(
  input: Record<string, unknown>,
  base: SlicerAttributes,
  issues: Issues,
  path: string,
): SlicerAttributes {
  readObject(input, path, issues, ['average_size', 'size_variation', 'delay']);
  const whole = { min: 0, integer: true };
  const attributes = {
    average_size: readNumber(input, 'average_size', path, issues, base.average_size, whole),
    size_variation: readNumber(input, 'size_variation', path, issues, base.size_variation, whole),
    delay: readNumber(input, 'delay', path, issues, base.delay, { min: 0 }),
  };
  if (attributes.average_size < 1)
    issues.add(
      childPath(path, 'average_size'),
      `expected a slice size of at least 1 byte, got ${attributes.average_size}`,
    );
  else if (attributes.size_variation >= attributes.average_size)
    issues.add(
      childPath(path, 'size_variation'),
      `expected less than average_size (${attributes.average_size}), got ${attributes.size_variation}`,
    );
  return attributes;
}
