import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterDelay, resetConnection } from './apply.js';
import { HttpFaults, httpFaults, type HttpFaultsOptions } from './faults.js';
import { pathOf } from './request.js';
import type { HttpFaultDecision, HttpFaultRule } from './rules.js';

/** A node:http request listener. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Connect-style middleware that injects HTTP faults; see {@link nodeHttpFaults}. */
export interface NodeHttpFaults {
  /** Injects the faults chosen for this request; calls `next` (if given) when the request goes on. */
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /** The decisions behind it: events, `reset()`. */
  readonly faults: HttpFaults;
  /** Wraps a request listener: requests reach it after their delay, unless aborted. */
  wrap(listener: NodeRequestListener): NodeRequestListener;
}

/**
 * HTTP faults for node:http: `http.createServer(nodeHttpFaults(rules).wrap(handler))`, or as
 * `(req, res, next)` middleware. An abort answers with its status and body, or resets the
 * connection; a delay holds the request on the clock first. Takes rules or shared HttpFaults.
 */
export function nodeHttpFaults(
  rules: readonly HttpFaultRule[] | HttpFaults,
  options?: HttpFaultsOptions,
): NodeHttpFaults {
  const faults = rules instanceof HttpFaults ? rules : httpFaults(rules, options);
  const middleware = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const decision = faults.decide({
      method: req.method ?? 'GET',
      path: pathOf(req.url),
      headers: req.headers,
    });
    if (decision === undefined) {
      next?.();
      return;
    }
    afterDelay(faults, decision.delay, res, () => finish(decision, req, res, next));
  };
  return Object.assign(middleware, {
    faults,
    wrap: (listener: NodeRequestListener): NodeRequestListener => {
      return (req, res) => middleware(req, res, () => listener(req, res));
    },
  });
}

function finish(
  decision: HttpFaultDecision,
  req: IncomingMessage,
  res: ServerResponse,
  next: ((error?: unknown) => void) | undefined,
): void {
  const abort = decision.abort;
  if (abort === undefined) {
    next?.();
    return;
  }
  if (abort.status === 'reset') {
    resetConnection(req.socket);
    return;
  }
  res.writeHead(abort.status, {
    'content-type': abort.contentType,
    'content-length': Buffer.byteLength(abort.body),
  });
  res.end(abort.body);
}
