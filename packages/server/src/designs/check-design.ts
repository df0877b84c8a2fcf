import { callsOf, parseDesign, type Design, type DesignIssue } from '@faultline/sim';
import { ApiError } from '../http/api-error.js';
import type { ServerLimits } from '../limits.js';

/** A design document that passed the model and the server's limits. */
export interface CheckedDesign {
  readonly design: Design;
  readonly warnings: readonly DesignIssue[];
}

/**
 * Validates a design document with @faultline/sim's model (a DesignError, answered 422 with
 * every issue and its path), then against the server's size limits (422 naming the limit).
 */
export function checkDesign(document: unknown, limits: ServerLimits): CheckedDesign {
  const { design, warnings } = parseDesign(document);
  const services = Object.values(design.services);
  if (services.length > limits.services)
    throw tooBig('services', 'services', `${services.length} services`, limits.services);
  const calls = services.reduce((sum, service) => sum + callsOf(service).length, 0);
  if (calls > limits.calls) throw tooBig('services', 'calls', `${calls} calls`, limits.calls);
  if (design.duration > limits.durationMs)
    throw tooBig('duration', 'durationMs', `${design.duration} ms`, limits.durationMs, 'ms');
  return { design, warnings };
}

/** 422 `limit_exceeded` naming the server limit. */
export function tooBig(
  path: string,
  limit: keyof ServerLimits,
  got: string,
  max: number,
  unit = '',
): ApiError {
  return new ApiError(422, {
    code: 'limit_exceeded',
    message: `${path}: expected at most ${max}${unit ? ` ${unit}` : ''} (server limit ${limit}), got ${got}`,
    path,
    limit,
  });
}
