import { relativePath, type FieldErrors } from '../api/errors.js';
import type { CallRef } from './document.js';
import type { Selection } from './graph/ServiceGraph.js';

/** The editor's side panels. */
export type Tab = 'selection' | 'workload' | 'faults';

/** Keeps only the messages under `prefix`, with paths relative to it. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const rel = relativePath(path, prefix);
    if (rel) out[rel.replace(/^\./, '')] = message;
  }
  return out;
}

/** Where the editor shows the field a server path names: the call, the service, or the tab. */
export function placeOf(
  path: string,
  design: { calls: readonly CallRef[]; names: readonly string[] },
): { selection?: Selection; tab: Tab } | undefined {
  const call = /^services\.[^.[]+\.calls\[\d+\](?:\.parallel\[\d+\])?/.exec(path)?.[0];
  const service = /^services\.([^.[]+)/.exec(path)?.[1];
  if (call && design.calls.some((c) => c.path === call))
    return { selection: { kind: 'call', path: call }, tab: 'selection' };
  if (service && design.names.includes(service))
    return { selection: { kind: 'service', name: service }, tab: 'selection' };
  if (path.startsWith('faults')) return { tab: 'faults' };
  if (/^(workload|name|seed|duration)\b/.test(path)) return { tab: 'workload' };
  return undefined;
}
