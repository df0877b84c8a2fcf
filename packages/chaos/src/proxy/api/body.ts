import type { IncomingMessage } from 'node:http';
import { ProxyApiError, apiErrors } from '../model/api-error.js';

/** Reads a request body as JSON, refusing more than `limit` bytes. Go's decoder says "EOF" for an empty body, so do we. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw apiErrors.badRequestBody('EOF');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw apiErrors.badRequestBody((error as Error).message);
  }
}

/** Reads and discards a body nobody needs, so the connection can be reused. */
export function discardBody(request: IncomingMessage): void {
  request.resume();
}

function tooLarge(limit: number): ProxyApiError {
  return new ProxyApiError(413, `request body too large: the limit is ${limit} bytes (option bodyLimit)`);
}
