import { notFound } from '../http/api-error.js';

type Document = Record<string, unknown>;

/** The design's faults list (empty when it has none). */
export function faultsOf(document: Readonly<Document>): unknown[] {
  const faults = document['faults'];
  return Array.isArray(faults) ? faults : [];
}

/** A copy of the document with its faults replaced (the key keeps its place in the file). */
export function withFaults(document: Readonly<Document>, faults: readonly unknown[]): Document {
  return { ...document, faults: [...faults] };
}

/** 404 unless `index` names a fault of the list. */
export function checkFaultIndex(faults: readonly unknown[], index: number): void {
  if (index >= faults.length)
    throw notFound(
      `No fault at index ${index}: the design has ${faults.length} fault${faults.length === 1 ? '' : 's'}`,
      `faults[${index}]`,
    );
}
