import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@faultline/server';
import { build } from 'vite';

const WEB = fileURLToPath(new URL('..', import.meta.url));

/** A real `faultline` server on a fresh SQLite file, serving the built UI at `/`. */
export interface Stack {
  /** The UI, and the API under it at /api/v1. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the UI into dist/ (FAULTLINE_WEB_BUILD=0 reuses it: a stale dist/ would test yesterday's
 * UI), then starts the server as `faultline serve` does, on port 0 with a temporary database into
 * which the example designs are loaded. The server serves dist/ at `/`.
 */
export async function startStack(): Promise<Stack> {
  if (!existsSync(join(WEB, 'dist/index.html')) || process.env['FAULTLINE_WEB_BUILD'] !== '0') {
    await build({ root: WEB, logLevel: 'warn' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'faultline-web-e2e-'));
  // The server logs with pino at LOG_LEVEL: the e2e output should show the test, not every request.
  process.env['LOG_LEVEL'] ??= 'warn';
  const server = await startServer({ port: 0, db: join(dir, 'studio.db'), webRoot: join(WEB, 'dist') });
  return {
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
