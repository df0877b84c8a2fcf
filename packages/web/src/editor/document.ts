import type { DesignDocument } from '../api/types.js';

// Pure changes to a design document: each returns a new document and leaves the old one as it
// was, so undo is keeping the old one.

export type Call = Record<string, unknown> & { to: string };
export type Service = Record<string, unknown> & { calls?: unknown[] };

/** A call as the graph shows it: an edge, with where it is written in the document. */
export interface CallRef {
  readonly from: string;
  readonly to: string;
  /** `services.gateway.calls[0]` or `services.gateway.calls[1].parallel[0]`: the server's error paths. */
  readonly path: string;
  readonly call: Call;
}

/** The services of a document, in the order written. */
export function servicesOf(doc: DesignDocument): Record<string, Service> {
  const services = doc['services'];
  return services !== null && typeof services === 'object' ? (services as Record<string, Service>) : {};
}

/** The service names, in order. */
export function serviceNames(doc: DesignDocument): string[] {
  return Object.keys(servicesOf(doc));
}

/** Every call of every service, parallel groups flattened. */
export function callsOf(doc: DesignDocument): CallRef[] {
  const out: CallRef[] = [];
  for (const [from, service] of Object.entries(servicesOf(doc))) {
    (service.calls ?? []).forEach((step, i) => {
      const s = step as Record<string, unknown>;
      if (Array.isArray(s['parallel'])) {
        (s['parallel'] as Call[]).forEach((call, j) =>
          out.push({ from, to: String(call.to), path: `services.${from}.calls[${i}].parallel[${j}]`, call }),
        );
      } else if (typeof s['to'] === 'string') {
        out.push({ from, to: s['to'], path: `services.${from}.calls[${i}]`, call: s as Call });
      }
    });
  }
  return out;
}

function withServices(doc: DesignDocument, services: Record<string, Service>): DesignDocument {
  return { ...doc, services };
}

/** A name no service has yet: `service`, `service-2`, … */
export function freshName(doc: DesignDocument, base = 'service'): string {
  const names = new Set(serviceNames(doc));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Adds a service with the design file's defaults made visible. */
export function addService(doc: DesignDocument, name: string): DesignDocument {
  return withServices(doc, { ...servicesOf(doc), [name]: { instances: 1, workers: 10, latency: '5ms' } });
}

/** Removes a service and everything that names it: calls to it, its workloads and faults. */
export function removeService(doc: DesignDocument, name: string): DesignDocument {
  const services: Record<string, Service> = {};
  for (const [key, service] of Object.entries(servicesOf(doc))) {
    if (key === name) continue;
    services[key] = mapCalls(service, (call) => (call.to === name ? undefined : call));
  }
  const workload = listOf(doc, 'workload').filter((w) => w['target'] !== name);
  const faults = listOf(doc, 'faults').filter((f) => !faultNames(f, name));
  return { ...doc, services, workload, faults };
}

/** Renames a service everywhere it is named. */
export function renameService(doc: DesignDocument, from: string, to: string): DesignDocument {
  if (from === to) return doc;
  const services: Record<string, Service> = {};
  for (const [key, service] of Object.entries(servicesOf(doc))) {
    services[key === from ? to : key] = mapCalls(service, (call) =>
      call.to === from ? { ...call, to } : call,
    );
  }
  const rename = (v: unknown) => (v === from ? to : v);
  const workload = listOf(doc, 'workload').map((w) => ({ ...w, target: rename(w['target']) }));
  const faults = listOf(doc, 'faults').map((f) => {
    const next: Record<string, unknown> = { ...f };
    for (const key of ['target', 'from', 'to']) if (key in next) next[key] = rename(next[key]);
    if (Array.isArray(next['between']))
      next['between'] = (next['between'] as unknown[][]).map((g) => g.map(rename));
    return next;
  });
  return { ...doc, services, workload, faults };
}

/** Replaces a service's own settings, keeping its calls. */
export function setService(
  doc: DesignDocument,
  name: string,
  settings: Record<string, unknown>,
): DesignDocument {
  const current = servicesOf(doc)[name] ?? {};
  const next: Service = { ...settings };
  delete next.calls;
  if (current.calls) next.calls = current.calls;
  return withServices(doc, { ...servicesOf(doc), [name]: next });
}

/** Why a call from → to cannot be drawn, or undefined when it can. */
export function callProblem(doc: DesignDocument, from: string, to: string): string | undefined {
  if (from === to) return `${from} cannot call itself`;
  if (callsOf(doc).some((c) => c.from === from && c.to === to)) return `${from} already calls ${to}`;
  if (reaches(doc, to, from)) return `${to} already reaches ${from}: a call back would form a cycle`;
  return undefined;
}

function reaches(doc: DesignDocument, start: string, goal: string): boolean {
  const calls = callsOf(doc);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const at = stack.pop() as string;
    if (at === goal) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const c of calls) if (c.from === at) stack.push(c.to);
  }
  return false;
}

/** Appends a call from → to (throws when callProblem names a reason). */
export function addCall(doc: DesignDocument, from: string, to: string): DesignDocument {
  const problem = callProblem(doc, from, to);
  if (problem) throw new Error(problem);
  const service = servicesOf(doc)[from] ?? {};
  return withServices(doc, {
    ...servicesOf(doc),
    [from]: { ...service, calls: [...(service.calls ?? []), { to }] },
  });
}

/** Replaces (or with undefined removes) the call written at `path`. */
export function setCall(doc: DesignDocument, path: string, call: Call | undefined): DesignDocument {
  const match = /^services\.([^.[]+)\.calls\[(\d+)\](?:\.parallel\[(\d+)\])?$/.exec(path);
  if (!match) throw new Error(`not a call path: ${path}`);
  const [, from, i, j] = match as unknown as [string, string, string, string | undefined];
  const service = servicesOf(doc)[from] ?? {};
  const calls = [...(service.calls ?? [])];
  const index = Number(i);
  if (j === undefined) {
    if (call) calls[index] = call;
    else calls.splice(index, 1);
  } else {
    const group = [...(((calls[index] as Record<string, unknown>)['parallel'] as Call[]) ?? [])];
    if (call) group[Number(j)] = call;
    else group.splice(Number(j), 1);
    if (group.length) calls[index] = { parallel: group };
    else calls.splice(index, 1);
  }
  return withServices(doc, { ...servicesOf(doc), [from]: { ...service, calls } });
}

/** The top-level run settings a form edits; a key left out is removed, so its default applies. */
export const SETTINGS_KEYS = ['name', 'seed', 'duration'] as const;

/** Replaces the run settings (name, seed, duration), keeping every key where it was written. */
export function setSettings(
  doc: DesignDocument,
  settings: Readonly<Record<string, unknown>>,
): DesignDocument {
  const next: DesignDocument = { ...doc };
  for (const key of SETTINGS_KEYS) {
    if (settings[key] === undefined) delete next[key];
    else next[key] = settings[key];
  }
  return next;
}

/** A list at the top level (`workload`, `faults`), empty when missing. */
export function listOf(doc: DesignDocument, key: 'workload' | 'faults'): Record<string, unknown>[] {
  const list = doc[key];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

/** Replaces a top-level list. */
export function setList(
  doc: DesignDocument,
  key: 'workload' | 'faults',
  list: Record<string, unknown>[],
): DesignDocument {
  return { ...doc, [key]: list };
}

function faultNames(fault: Record<string, unknown>, name: string): boolean {
  if (fault['target'] === name || fault['from'] === name || fault['to'] === name) return true;
  const between = fault['between'];
  return Array.isArray(between) && between.some((g) => Array.isArray(g) && g.includes(name));
}

function mapCalls(service: Service, map: (call: Call) => Call | undefined): Service {
  if (!service.calls) return service;
  const calls: unknown[] = [];
  for (const step of service.calls) {
    const s = step as Record<string, unknown>;
    if (Array.isArray(s['parallel'])) {
      const group = (s['parallel'] as Call[]).map(map).filter((c): c is Call => c !== undefined);
      if (group.length) calls.push({ ...s, parallel: group });
    } else {
      const mapped = map(s as Call);
      if (mapped) calls.push(mapped);
    }
  }
  return { ...service, calls };
}

/** A new, valid design: two services, one call, a workload. */
export function starterDocument(name: string): DesignDocument {
  return {
    name,
    seed: 42,
    duration: '60s',
    services: {
      gateway: { instances: 2, workers: 32, latency: '5ms', calls: [{ to: 'backend', timeout: '1s' }] },
      backend: { instances: 2, workers: 16, latency: { dist: 'lognormal', median: '20ms', p99: '120ms' } },
    },
    workload: [{ target: 'gateway', rate: 100 }],
    faults: [],
  };
}
