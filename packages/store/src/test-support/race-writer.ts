/**
 * A separate process racing others to save the same design version. Usage:
 *   race-writer.ts DB_FILE DESIGN_ID COUNT
 * Prints {"ready":true} once open, waits for a "go" line on stdin, then fires COUNT saves of
 * version 1 at once and prints {"ok", "conflicts", "other"}.
 */
import { createInterface } from 'node:readline';
import { openStore, VersionConflictError } from '../index.js';

const [path, designId, count] = process.argv.slice(2);
const store = await openStore({ path: path! });
console.log(JSON.stringify({ ready: true }));
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const outcomes = await Promise.allSettled(
  Array.from({ length: Number(count) }, (_, i) =>
    store.designs.update({
      id: designId!,
      expectedVersion: 1,
      document: { name: 'contended', writer: `${process.pid}-${i}` },
      actor: `process-${process.pid}`,
    }),
  ),
);
const rejected = outcomes.flatMap((outcome) =>
  outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
);
console.log(
  JSON.stringify({
    ok: outcomes.length - rejected.length,
    conflicts: rejected.filter((error) => error instanceof VersionConflictError).length,
    other: rejected.filter((error) => !(error instanceof VersionConflictError)).map(String),
  }),
);
await store.close();
process.exit(0);
