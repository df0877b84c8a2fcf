import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from '@faultline/store';
import { buildServer, type BuildServerOptions } from '../build-server.js';

export const POSTGRES_TEST_URL =
  process.env['FAULTLINE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A server on a fresh database, closed after the test. */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly storeOptions: OpenStoreOptions;
}

const directory = mkdtempSync(join(tmpdir(), 'faultline-server-'));
const open: TestServer[] = [];
const schemas: string[] = [];
let files = 0;

afterEach(async () => {
  for (const server of open.splice(0)) {
    await server.app.close();
    await server.store.close();
  }
});

afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

/** Options that open a brand-new database: a SQLite file, or a fresh PostgreSQL schema. */
export async function freshDatabase(backend: 'sqlite' | 'postgres' = 'sqlite'): Promise<OpenStoreOptions> {
  if (backend === 'sqlite') return { path: join(directory, `server-${++files}.db`) };
  const schema = `faultline_server_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return { url: POSTGRES_TEST_URL, schema, poolSize: 8 };
}

/** A server (one run worker, no process metrics) on a fresh database. */
export async function testServer(
  options: Partial<BuildServerOptions> & { backend?: 'sqlite' | 'postgres' } = {},
): Promise<TestServer> {
  const { backend, ...rest } = options;
  const storeOptions = await freshDatabase(backend);
  const store = await openStore(storeOptions);
  const app = await buildServer({ store, workers: 1, processMetrics: false, ...rest });
  const server = { app, store, storeOptions };
  open.push(server);
  return server;
}

/** Everything the store holds that a request could change: compared before and after a refused one. */
export async function contentsOf(store: Store): Promise<unknown> {
  const designs = await store.designs.list({ includeDeleted: true, limit: 500 });
  const versions = await Promise.all(
    designs.items.map(async (design) => {
      const list = await store.designs.versions(design.id, { includeDeleted: true, limit: 500 });
      return Promise.all(
        list.items.map((v) => store.designs.get(design.id, { version: v.version, includeDeleted: true })),
      );
    }),
  );
  const runs = await store.runs.list({ limit: 500 });
  const live = await store.live.list({ limit: 500 });
  const audit = await store.audit.verify();
  return { designs: designs.items, versions, runs: runs.items, live: live.items, audit };
}
