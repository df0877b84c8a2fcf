import { RESILIENCE_KEYS } from '@faultline/sim';
import { notFound } from '../http/api-error.js';

type Record_ = Record<string, unknown>;

/** One call of a service to another, where it is written in the design file. */
export interface CallEdge {
  readonly to: string;
  readonly edge: string;
  /** e.g. `services.gateway.calls[1].parallel[0]`. */
  readonly path: string;
  /** Its resilience keys as written (timeout, retry, circuitBreaker, …). */
  readonly resilience: Record_;
}

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The service's entry in the document; 404 naming the path when there is none. */
export function serviceOf(document: Readonly<Record_>, service: string): Record_ {
  const services = document['services'];
  const entry = isRecord(services) && Object.hasOwn(services, service) ? services[service] : undefined;
  if (!isRecord(entry))
    throw notFound(`No service ${JSON.stringify(service)} in this design`, `services.${service}`);
  return entry;
}

/** Every call the service makes, parallel groups opened up, in file order. */
export function callEdgesOf(document: Readonly<Record_>, service: string): CallEdge[] {
  const entry = serviceOf(document, service);
  const steps = Array.isArray(entry['calls']) ? entry['calls'] : [];
  const edges: CallEdge[] = [];
  steps.forEach((step, index) => {
    const path = `services.${service}.calls[${index}]`;
    if (isRecord(step) && Array.isArray(step['parallel'])) {
      step['parallel'].forEach((call, inner) => {
        if (isRecord(call)) edges.push(edgeOf(service, call, `${path}.parallel[${inner}]`));
      });
    } else if (isRecord(step)) {
      edges.push(edgeOf(service, step, path));
    }
  });
  return edges;
}

function edgeOf(service: string, call: Record_, path: string): CallEdge {
  const to = String(call['to']);
  const resilience: Record_ = {};
  for (const key of RESILIENCE_KEYS) if (call[key] !== undefined) resilience[key] = call[key];
  return { to, edge: `${service}->${to}`, path, resilience };
}

/**
 * A copy of the document in which every call of `service` to `to` has exactly the resilience
 * keys given (the others removed). 404 when the service makes no such call.
 */
export function withResilience(
  document: Readonly<Record_>,
  service: string,
  to: string,
  resilience: Readonly<Record_>,
): Record_ {
  const copy = structuredClone(document) as Record_;
  const entry = serviceOf(copy, service);
  const steps = Array.isArray(entry['calls']) ? entry['calls'] : [];
  let found = 0;
  const apply = (call: unknown): void => {
    if (!isRecord(call) || call['to'] !== to) return;
    found += 1;
    for (const key of RESILIENCE_KEYS) delete call[key];
    Object.assign(call, resilience);
  };
  for (const step of steps) {
    if (isRecord(step) && Array.isArray(step['parallel'])) step['parallel'].forEach(apply);
    else apply(step);
  }
  if (found === 0)
    throw notFound(
      `Service ${JSON.stringify(service)} makes no call to ${JSON.stringify(to)}`,
      `services.${service}.calls`,
    );
  return copy;
}
