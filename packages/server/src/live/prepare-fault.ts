import { DesignError, parseDesign, type Design } from '@faultline/sim';
import { ApiError } from '../http/api-error.js';
import { FAULT_CATALOG, FULL_INTENSITY_DELAY_MS } from '../fault-types/catalog.js';

/** A fault to inject now: a design-file fault without `at`, and an optional intensity. */
export type FaultRequest = Readonly<Record<string, unknown>> & {
  readonly type: string;
  readonly intensity?: number;
};

/**
 * Turns an injection request into a design-file fault: the intensity (0 to 1) sets the fault's
 * scale parameter when it is not given itself (the catalog says which), then the design model
 * checks it against the session's design. A mistake is a 422 naming the field, as written in the
 * request (`target`, not `faults[0].target`).
 */
export function prepareFault(
  request: FaultRequest,
  document: Readonly<Record<string, unknown>>,
  design: Design,
): Record<string, unknown> {
  const { intensity, at, ...fault } = request as Record<string, unknown>;
  if (at !== undefined)
    throw new ApiError(422, {
      code: 'invalid_fault',
      message: 'at: a live fault starts now; leave out at',
      path: 'at',
    });
  const scale = FAULT_CATALOG.find((info) => info.type === fault['type'])?.intensity;
  if (typeof intensity === 'number' && scale && fault[scale.parameter] === undefined)
    fault[scale.parameter] = scaled(fault, scale.parameter, intensity, design);
  try {
    parseDesign({ ...document, faults: [{ ...fault, at: 0 }] });
  } catch (error) {
    if (!(error instanceof DesignError)) throw error;
    const issues = error.issues.map((issue) => ({
      path: issue.path.replace(/^faults\[0\]\.?/, ''),
      message: issue.message,
    }));
    const first = issues[0]!;
    throw new ApiError(422, {
      code: 'invalid_fault',
      message: first.path ? `${first.path}: ${first.message}` : first.message,
      path: first.path,
      issues,
    });
  }
  return fault;
}

function scaled(
  fault: Record<string, unknown>,
  parameter: string,
  intensity: number,
  design: Design,
): unknown {
  switch (parameter) {
    case 'instances': {
      const instances = design.services[String(fault['target'])]?.instances ?? 1;
      return Math.max(1, Math.ceil(intensity * instances));
    }
    case 'delay':
      return `${Math.max(1, Math.round(intensity * FULL_INTENSITY_DELAY_MS))}ms`;
    default:
      return intensity;
  }
}

/** The services a fault hits, and a partition's sides. */
export function targetsOf(fault: Readonly<Record<string, unknown>>): {
  targets: string[];
  sides?: string[][];
} {
  if (fault['type'] === 'partition') {
    const sides = (fault['between'] as unknown[]).map((side) => (side as unknown[]).map(String));
    return { targets: sides.flat(), sides };
  }
  if (fault['type'] === 'packet-loss') return { targets: [String(fault['to'])] };
  return { targets: [String(fault['target'])] };
}
