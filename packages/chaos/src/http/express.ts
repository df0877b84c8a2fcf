import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpFaults, HttpFaultsOptions } from './faults.js';
import { nodeHttpFaults } from './node.js';
import type { HttpFaultRule } from './rules.js';

/**
 * Express middleware, `(req, res, next)`. Typed structurally (an Express request and response
 * are node's), so this package needs no Express types.
 */
export type ExpressFaultsMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * HTTP faults for Express: `app.use(expressFaults(rules))`. Paths are matched as Express routes
 * see them: relative to where the middleware is mounted.
 */
export function expressFaults(
  rules: readonly HttpFaultRule[] | HttpFaults,
  options?: HttpFaultsOptions,
): ExpressFaultsMiddleware {
  const middleware = nodeHttpFaults(rules, options);
  return (req, res, next) => middleware(req, res, next);
}
