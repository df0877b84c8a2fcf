import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a loopback client saw: a response, or the error code its connection failed with. */
export type Seen =
  | { status: number; body: string; contentType: string | undefined; ms: number }
  | { error: string; ms: number };

/** Starts `server` on 127.0.0.1 on a free port and returns the port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Stops `server`, dropping any connection still open. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** One request over a fresh connection; resolves with what came back, never rejects. */
export function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Seen> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
        agent: false,
        signal: options.signal,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            contentType: res.headers['content-type'],
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.name, ms: performance.now() - started }),
    );
    req.end();
  });
}

/** Resolves on the next event of `subscribe`, e.g. the next injection. */
export function nextEvent<T>(subscribe: (listener: (event: T) => void) => { dispose(): void }): Promise<T> {
  return new Promise((resolve) => {
    const subscription = subscribe((event) => {
      subscription.dispose();
      resolve(event);
    });
  });
}
