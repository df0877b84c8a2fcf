import { STATUS_CODES } from 'node:http';
import type { HttpRequestHead } from './request-head.js';

/** Everything an injected response needs. */
export interface InjectedResponse {
  readonly request: HttpRequestHead;
  readonly status: number;
  /** Sent as text/plain; empty means the status line's reason. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the proxy closes the connection after it (announced with `Connection: close`). */
  readonly close: boolean;
}

/** The bytes of a complete HTTP/1.1 response answered by the proxy in place of the server. */
export function responseBytes(response: InjectedResponse): Buffer {
  const reason = STATUS_CODES[response.status] ?? 'Unknown';
  const body = Buffer.from(response.body === '' ? `${response.status} ${reason}\n` : response.body, 'utf8');
  const noBody = response.request.method === 'HEAD' || response.status === 204 || response.status === 304;
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'x-faultline-toxic': 'http_status',
  };
  for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = value;
  if (response.status !== 204 && response.status !== 304) headers['content-length'] = String(body.length);
  headers['connection'] = response.close ? 'close' : 'keep-alive';
  let head = `HTTP/1.1 ${response.status} ${reason}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  return noBody ? Buffer.from(head, 'latin1') : Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
