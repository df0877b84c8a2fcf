import type { CallRef } from '../document.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Places services in columns by call depth (callers left of callees), keeping positions already known. */
export function layout(args: {
  services: readonly string[];
  calls: readonly CallRef[];
  known: Readonly<Record<string, Point>>;
}): Record<string, Point> {
  const depth: Record<string, number> = {};
  for (const name of args.services) depth[name] = 0;
  // Longest path from a caller: a DAG has at most services − 1 levels, so this settles.
  for (let round = 0; round < args.services.length; round++) {
    let changed = false;
    for (const call of args.calls) {
      const next = (depth[call.from] ?? 0) + 1;
      if ((depth[call.to] ?? 0) < next && next < args.services.length) {
        depth[call.to] = next;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows: Record<number, number> = {};
  const out: Record<string, Point> = {};
  for (const name of args.services) {
    const d = depth[name] ?? 0;
    const row = rows[d] ?? 0;
    rows[d] = row + 1;
    out[name] = args.known[name] ?? { x: 40 + d * 240, y: 40 + row * 130 };
  }
  return out;
}

const key = (designId: string) => `faultline.layout.${designId}`;

/** Where the user put each service in this design, remembered in this browser (the design file has no place for it). */
export function loadPositions(designId: string): Record<string, Point> {
  try {
    return JSON.parse(localStorage.getItem(key(designId)) ?? '{}') as Record<string, Point>;
  } catch {
    return {};
  }
}

/** Remembers where the services are. */
export function savePositions(designId: string, positions: Readonly<Record<string, Point>>): void {
  try {
    localStorage.setItem(key(designId), JSON.stringify(positions));
  } catch {
    // Not remembered: the layout is recomputed next time.
  }
}
