import type { Distribution } from '../../distributions/index.js';
import type { Call, Service, Step } from '../design.js';
import type { CallSpec, ServiceSpec, StepSpec } from '../schema/service.js';

/** Where each call of a service is written, for errors: `services.a.calls[1].parallel[0]`. */
export interface PlacedCall {
  readonly spec: CallSpec;
  readonly path: string;
}

/** Every call of a service (of its steps that are valid), parallel ones included, in file order, with its path. */
export function placedCalls(name: string, steps: readonly (StepSpec | undefined)[]): PlacedCall[] {
  const placed: PlacedCall[] = [];
  steps.forEach((step, index) => {
    const path = `services.${name}.calls[${index}]`;
    if (step === undefined) return;
    if (step.kind === 'call') placed.push({ spec: step.call, path });
    else
      step.calls.forEach((call, member) => placed.push({ spec: call, path: `${path}.parallel[${member}]` }));
  });
  return placed;
}

/** A parsed service with its calls resolved: `from`, edge names, and the network latency default. */
export function resolveService(
  name: string,
  spec: ServiceSpec,
  stepSpecs: readonly StepSpec[],
  networkLatency: Distribution,
): Service {
  const resolveCall = (call: CallSpec, path: string): Call => ({
    from: name,
    to: call.to,
    edge: `${name}->${call.to}`,
    path,
    latency: call.latency ?? networkLatency,
    resilience: call.resilience,
  });
  const steps = stepSpecs.map((step, index): Step => {
    const path = `services.${name}.calls[${index}]`;
    if (step.kind === 'call') return { kind: 'call', call: resolveCall(step.call, path) };
    return {
      kind: 'parallel',
      calls: step.calls.map((call, member) => resolveCall(call, `${path}.parallel[${member}]`)),
    };
  });
  const { instances, workers, queueLimit, latency, errorRate, loadBalancer } = spec;
  return { name, instances, workers, queueLimit, latency, errorRate, loadBalancer, steps };
}

/** Every call of a resolved service, parallel ones included, in file order. */
export function callsOf(service: Service): Call[] {
  return service.steps.flatMap((step) => (step.kind === 'call' ? [step.call] : step.calls));
}
