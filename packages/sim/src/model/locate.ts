import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A 1-based place in a text file. */
export interface Place {
  readonly line: number;
  readonly column: number;
}

/**
 * Finds where a design path (`services.orders.calls[0].timeout`) is written in a parsed YAML or
 * JSON document: the deepest part of the path that exists, so a missing key points at its parent
 * (or nowhere, when it belongs at the top level).
 */
export function locate(document: Document, lines: LineCounter, path: string): Place | undefined {
  let node: unknown = document.contents;
  // Nothing of the path is written (a missing top-level key): the whole file is no useful place.
  let found: Node | null = null;
  for (const segment of segmentsOf(path)) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) break;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
    } else break;
    found = node as Node;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

// `a.b[2].c` → ['a', 'b', 2, 'c'].
function segmentsOf(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[1]!);
  }
  return segments;
}
