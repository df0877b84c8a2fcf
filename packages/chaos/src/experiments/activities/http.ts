import { elapsedMs, type ProviderArgs } from './context.js';
import type { ProbeOutput } from '../tolerance/tolerance.js';

/** Longest response body kept in the output (and the journal). */
const MAX_BODY_CHARS = 64 * 1024;

/** An HTTP request; output `value` is the status, `text` the body, `body` the parsed JSON when it is JSON. */
export async function runHttp({ provider, signal, clock }: ProviderArgs): Promise<ProbeOutput> {
  if (provider.type !== 'http') throw new TypeError(`runHttp got a ${provider.type} provider`);
  const started = clock.now();
  const body =
    provider.body === undefined || typeof provider.body === 'string'
      ? provider.body
      : JSON.stringify(provider.body);
  const headers: Record<string, string> = { ...provider.headers };
  if (typeof provider.body === 'object') headers['content-type'] ??= 'application/json';
  const response = await fetch(provider.url, { method: provider.method, headers, body, signal });
  const text = (await response.text()).slice(0, MAX_BODY_CHARS);
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  return {
    value: response.status,
    text,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: parsed,
    durationMs: elapsedMs(clock, started),
  };
}
