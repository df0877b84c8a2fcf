import type { Design, Slo } from '../model/index.js';
import type { RunResult, ServiceResult, SloResult } from '../result.js';

/** One service's figures against the SLO's objectives. */
export interface ServiceSlo {
  readonly met: boolean;
  readonly availability: { target: number; actual: number; met: boolean };
  readonly latencyP99?: { targetMs: number; actualMs: number; met: boolean };
}

/**
 * The run against the design's SLO: the users' figures (the services the workload sends
 * requests to, taken together) in `availability` and `latencyP99`, and every service's own.
 */
export interface SloCheck extends SloResult {
  /** The services whose requests are the users': the workload's targets. */
  readonly entry: readonly string[];
  readonly services: Readonly<Record<string, ServiceSlo>>;
}

/** Where the users' requests arrive. */
export interface CheckSloOptions {
  /**
   * The services the workload sends requests to (`entryServices(design)`). By default, every
   * service that answered requests and that no other service calls.
   */
  readonly entry?: readonly string[];
}

/**
 * Checks each service's availability (percent of answered requests that succeeded) and p99
 * against `slo`, and the users' figures: their availability over all the entry services'
 * responses, their p99 the highest of the entry services' (exact when there is one entry).
 */
export function checkSlo(result: RunResult, slo: Slo, options: CheckSloOptions = {}): SloCheck {
  const entry = options.entry ?? servicesNobodyCalls(result);
  const services: Record<string, ServiceSlo> = {};
  for (const [name, service] of Object.entries(result.services)) services[name] = serviceSlo(service, slo);

  const users = entry.map((name) => result.services[name]).filter((service) => service !== undefined);
  const ok = users.reduce((sum, service) => sum + service.ok, 0);
  const failed = users.reduce((sum, service) => sum + service.failed, 0);
  const requests = users.reduce((sum, service) => sum + service.requests, 0);
  const availability = objective(availabilityOf(ok, failed, requests), slo.availability);
  let met = availability.met;
  let latencyP99: SloResult['latencyP99'];
  if (slo.latencyP99 !== undefined) {
    const actualMs = Math.max(0, ...users.map((service) => service.latencyMs.p99));
    latencyP99 = { targetMs: slo.latencyP99, actualMs, met: actualMs <= slo.latencyP99 };
    met &&= latencyP99.met;
  }
  return { met, availability, ...(latencyP99 && { latencyP99 }), entry, services };
}

/** The services the workload sends requests to, in the design's order. */
export function entryServices(design: Design): string[] {
  const targets = new Set(design.workload.map((workload) => workload.target));
  return Object.keys(design.services).filter((name) => targets.has(name));
}

/**
 * Percent of answered requests that succeeded. Nothing answered is 100 when nothing was asked
 * and 0 when requests were left waiting.
 */
export function availabilityOf(ok: number, failed: number, requests = ok + failed): number {
  const answered = ok + failed;
  if (answered === 0) return requests === 0 ? 100 : 0;
  return (ok / answered) * 100;
}

/** A percentage as results carry it: 4 decimals, enough to tell 99.99 from 99.999. */
export function roundPercent(percent: number): number {
  return Math.round(percent * 10_000) / 10_000;
}

// Judged on the exact figure, reported rounded.
function objective(actual: number, target: number): { target: number; actual: number; met: boolean } {
  return { target, actual: roundPercent(actual), met: actual >= target };
}

function serviceSlo(service: ServiceResult, slo: Slo): ServiceSlo {
  const availability = objective(
    availabilityOf(service.ok, service.failed, service.requests),
    slo.availability,
  );
  if (slo.latencyP99 === undefined) return { met: availability.met, availability };
  const actualMs = service.latencyMs.p99;
  const latencyP99 = { targetMs: slo.latencyP99, actualMs, met: actualMs <= slo.latencyP99 };
  return { met: availability.met && latencyP99.met, availability, latencyP99 };
}

/** The services that answered requests and that no other service calls: the users' services, as far as a result alone tells. */
export function servicesNobodyCalls(result: RunResult): string[] {
  const called = new Set(Object.keys(result.calls).map((edge) => edge.slice(edge.indexOf('->') + 2)));
  return Object.entries(result.services)
    .filter(([name, service]) => !called.has(name) && service.requests > 0)
    .map(([name]) => name);
}
