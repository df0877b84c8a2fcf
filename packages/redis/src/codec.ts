import { Issues, readSnapshot, type CircuitBreakerSnapshot } from '@faultline/core';
import { CorruptSnapshotError } from './errors.js';

/** A snapshot as stored and published: plain JSON, so any tool can read it. */
export function encodeSnapshot(snapshot: CircuitBreakerSnapshot): string {
  return JSON.stringify(snapshot);
}

/** Reads a stored or published value back into a snapshot; throws CorruptSnapshotError when it is not one. */
export function decodeSnapshot(raw: string, redisKey: string): CircuitBreakerSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new CorruptSnapshotError(redisKey, [
      { path: 'snapshot', message: `expected JSON, got ${JSON.stringify(raw.slice(0, 40))}` },
    ]);
  }
  const issues = new Issues();
  const snapshot = readSnapshot(value, 'snapshot', issues);
  if (!snapshot || !issues.ok) throw new CorruptSnapshotError(redisKey, issues.list);
  return snapshot;
}
