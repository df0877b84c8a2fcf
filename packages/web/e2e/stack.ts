import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@faultline/server';
import { build, preview } from 'vite';

const WEB = fileURLToPath(new URL('..', import.meta.url));

/** A real `faultline` server on a fresh SQLite file, and the built UI in front of it. */
export interface Stack {
  /** Where the UI is: the API is under it at /api/v1, as behind `faultline serve`. */
  readonly url: string;
  /** The API server itself. */
  readonly apiUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the API server (examples loaded into a new database) and serves packages/web/dist with
 * Vite's preview server, forwarding /api (HTTP and WebSocket) to it. Builds the UI first
 * (FAULTLINE_WEB_BUILD=0 reuses dist/).
 */
export async function startStack(): Promise<Stack> {
  // Built every time unless told not to: a stale dist/ would test yesterday's UI.
  if (!existsSync(join(WEB, 'dist/index.html')) || process.env['FAULTLINE_WEB_BUILD'] !== '0') {
    await build({ root: WEB, logLevel: 'warn' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'faultline-web-e2e-'));
  // The server logs with pino at LOG_LEVEL: the e2e output should show the test, not every request.
  process.env['LOG_LEVEL'] ??= 'warn';
  const api = await startServer({ port: 0, db: join(dir, 'studio.db') });
  const ui = await preview({
    root: WEB,
    logLevel: 'warn',
    // The server refuses a WebSocket from another origin: the proxy presents the API's own.
    preview: {
      port: 0,
      host: '127.0.0.1',
      proxy: { '/api': { target: api.url, ws: true, changeOrigin: true, headers: { origin: api.url } } },
    },
  });
  const address = ui.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    apiUrl: api.url,
    async close() {
      await new Promise<void>((resolve) => ui.httpServer.close(() => resolve()));
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
