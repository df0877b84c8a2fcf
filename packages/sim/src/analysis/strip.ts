import {
  RESILIENCE_KEYS,
  callsOf,
  type Call,
  type Design,
  type ResilienceKey,
  type Step,
} from '../model/index.js';

/** The resilience patterns some call of the design uses, in the order they compose (outermost first). */
export function patternsOf(design: Design): ResilienceKey[] {
  const used = new Set<ResilienceKey>();
  for (const service of Object.values(design.services))
    for (const call of callsOf(service))
      for (const key of RESILIENCE_KEYS) if (call.resilience[key] !== undefined) used.add(key);
  return RESILIENCE_KEYS.filter((key) => used.has(key));
}

/** The same design with the `removed` patterns taken off every call; the design itself is left as it was. */
export function withoutPatterns(design: Design, removed: readonly ResilienceKey[]): Design {
  const services: Design['services'] = Object.fromEntries(
    Object.entries(design.services).map(([name, service]) => [
      name,
      { ...service, steps: service.steps.map((step) => stripStep(step, removed)) },
    ]),
  );
  return { ...design, services };
}

function stripStep(step: Step, removed: readonly ResilienceKey[]): Step {
  if (step.kind === 'call') return { kind: 'call', call: stripCall(step.call, removed) };
  return { kind: 'parallel', calls: step.calls.map((call) => stripCall(call, removed)) };
}

function stripCall(call: Call, removed: readonly ResilienceKey[]): Call {
  const resilience = Object.fromEntries(
    Object.entries(call.resilience).filter(([key]) => !removed.includes(key as ResilienceKey)),
  );
  return { ...call, resilience };
}
