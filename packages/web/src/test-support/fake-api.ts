import { vi } from 'vitest';

/** One request the fake API received. */
export interface Received {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (args: {
  method: string;
  path: string;
  body: unknown;
}) => { status: number; body?: unknown } | undefined;

/**
 * Replaces fetch with a fake API: each handler may answer a request; the first that does wins.
 * Unanswered requests get 404 in the server's error shape. Returns what was received.
 */
export function fakeApi(...handlers: Handler[]): Received[] {
  const received: Received[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const path = new URL(url, 'http://localhost').pathname.replace(/^\/api\/v1/, '');
      const body =
        typeof init.body === 'string' && init.body.startsWith('{') ? JSON.parse(init.body) : init.body;
      received.push({ method, path, body });
      for (const handler of handlers) {
        const answer = handler({ method, path, body });
        if (answer) {
          return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
            status: answer.status,
            headers: { 'content-type': 'application/json' },
          });
        }
      }
      return new Response(
        JSON.stringify({ error: { code: 'not_found', message: `no fake for ${method} ${path}` } }),
        {
          status: 404,
        },
      );
    }),
  );
  return received;
}

/** A handler for one method and path. */
export function on(
  method: string,
  path: string,
  answer: (body: unknown) => { status: number; body?: unknown },
): Handler {
  return (request) => (request.method === method && request.path === path ? answer(request.body) : undefined);
}

/** A stored design as the API returns it. */
export function designOf(document: Record<string, unknown>, version = 1, id = 'd1') {
  return {
    id,
    name: String(document['name']),
    version,
    latestVersion: version,
    document,
    message: null,
    savedAt: '2026-01-01T00:00:00Z',
    savedBy: 'test',
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'test',
    deletedAt: null,
  };
}
