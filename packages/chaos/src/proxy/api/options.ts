import { Issues, childPath, describe, readNumber, readObject, readString, type Clock } from '@faultline/core';
import {
  DEFAULT_API_HOST,
  DEFAULT_API_PORT,
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_BUFFERED_BYTES,
} from '../constants.js';
import { isLoopback } from './access.js';

/** Options of the fault proxy server. */
export interface ProxyServerOptions {
  /** Where the API listens. Default 127.0.0.1; any other host needs `token`. */
  host?: string;
  /** The API port. Default 8474 (Toxiproxy's); 0 picks a free one. */
  port?: number;
  /** Makes toxicity and every random toxic reproducible. Default: unseeded. */
  seed?: number;
  /** Required in `Authorization: Bearer` on every request. Default: FAULTLINE_TOKEN, if set. */
  token?: string;
  /** A JSON file in the populate format (proxies, each with optional toxics) to start with. */
  config?: string;
  /** Largest API request body, in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Per link, bytes held by toxics and queued for the destination before reading stops. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Where timers are set. Default: the system clock. */
  clock?: Clock;
}

/** Options checked and defaulted. */
export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  readonly seed: number | undefined;
  readonly token: string | undefined;
  readonly config: string | undefined;
  readonly bodyLimit: number;
  readonly maxBufferedBytes: number;
}

const KNOWN = ['host', 'port', 'seed', 'token', 'config', 'bodyLimit', 'maxBufferedBytes', 'clock'];

/** Checks the options, throwing a ConfigError that lists every problem. */
export function readServerOptions(options: ProxyServerOptions): ServerSettings {
  const issues = new Issues();
  const record = readObject(options, '', issues, KNOWN) ?? {};
  const host = readString(record, 'host', '', issues, DEFAULT_API_HOST);
  const port = readNumber(record, 'port', '', issues, DEFAULT_API_PORT, {
    min: 0,
    max: 65535,
    integer: true,
  });
  const seed =
    record['seed'] === undefined ? undefined : readNumber(record, 'seed', '', issues, 0, { integer: true });
  const token = readToken(record['token'] ?? process.env['FAULTLINE_TOKEN'], issues);
  const config = record['config'] === undefined ? undefined : readString(record, 'config', '', issues, '');
  const bodyLimit = readNumber(record, 'bodyLimit', '', issues, DEFAULT_BODY_LIMIT, {
    min: 1,
    integer: true,
  });
  const maxBufferedBytes = readNumber(record, 'maxBufferedBytes', '', issues, DEFAULT_MAX_BUFFERED_BYTES, {
    min: 1024,
    integer: true,
  });
  if (!isLoopback(host) && token === undefined)
    issues.add(
      'host',
      `refusing to serve the proxy API on ${host} without an access token: set FAULTLINE_TOKEN (clients then send "Authorization: Bearer <token>"), or listen on 127.0.0.1`,
    );
  issues.throwIfAny();
  return { host, port, seed, token, config, bodyLimit, maxBufferedBytes };
}

function readToken(value: unknown, issues: Issues): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && value.length >= 16) return value;
  issues.add(
    childPath('', 'token'),
    `expected a secret of at least 16 characters, got ${typeof value === 'string' ? `${value.length} characters` : describe(value)}`,
  );
  return undefined;
}
