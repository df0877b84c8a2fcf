import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ProxyApiError } from '../model/api-error.js';

/**
 * Who may use the API. Browsers are refused, as Toxiproxy does (a web page must not be able to
 * reconfigure proxies through the user's browser); with a token, every request must carry it.
 */
export function checkAccess(request: IncomingMessage, token: string | undefined): ProxyApiError | undefined {
  if ((request.headers['user-agent'] ?? '').startsWith('Mozilla/'))
    return new ProxyApiError(403, 'User agent not allowed');
  if (token === undefined) return undefined;
  const given = /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '')?.[1] ?? '';
  if (sameSecret(given, token)) return undefined;
  return new ProxyApiError(
    401,
    'missing or wrong access token: send "Authorization: Bearer <token>" with the token in FAULTLINE_TOKEN',
  );
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
