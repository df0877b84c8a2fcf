/* global fetch */
/**
 * Load test of the studio server with autocannon: design reads, the design list, and run
 * creation, against `faultline serve` running in its own process (the built CLI) on a fresh
 * SQLite file, as a user runs it.
 *
 *   npm run build && node bench/server/load.mjs [seconds per scenario, default 10]
 *
 * Prints a Markdown table (throughput, p50/p99 latency, errors) for bench/server/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 32;
const CLI = fileURLToPath(new URL('../../packages/cli/bin/faultline.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));

/** A small design: four services, one call chain with policies. Runs of it take a few ms. */
const design = (name) => ({
  name,
  duration: '1s',
  services: {
    gateway: { instances: 2, calls: [{ to: 'orders', timeout: '500ms', retry: { maxAttempts: 2 } }] },
    orders: {
      instances: 2,
      calls: [
        { to: 'payments', timeout: '300ms' },
        { to: 'stock', timeout: '300ms' },
      ],
    },
    payments: { latency: '5ms' },
    stock: { latency: '2ms' },
  },
  workload: [{ target: 'gateway', rate: 20 }],
});

function start() {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--db', join(dir, 'bench.db'), '--max-runs', '1000000'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn', FAULTLINE_TOKEN: '' },
    },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /studio on (http:\/\/\S+) /.exec(text);
      if (match) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

function run(name, options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => {
      if (error) return reject(error);
      resolve({ name, result });
    });
  });
}

const { child, url } = await start();
try {
  const ids = [];
  for (let i = 0; i < 50; i++) {
    const created = await json(`${url}/api/v1/designs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ document: design(`bench-${i}`) }),
    });
    ids.push(created.id);
  }
  let next = 0;
  const pick = () => ids[next++ % ids.length];
  const scenarios = [
    await run('GET /api/v1/designs/:id (one design with its document)', {
      url,
      requests: [{ setupRequest: (request) => ({ ...request, path: `/api/v1/designs/${pick()}` }) }],
    }),
    await run('GET /api/v1/designs?limit=50 (a page of the list)', { url: `${url}/api/v1/designs?limit=50` }),
    await run('POST /api/v1/designs/:id/runs (queue a run: 202)', {
      url,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, path: `/api/v1/designs/${pick()}/runs`, body: '{}' }),
        },
      ],
    }),
  ];
  const health = await json(`${url}/api/v1/health/ready`);
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB`,
  );
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per scenario; server: SQLite, ${health.workers.size} run worker(s), runs queued at the end: ${health.workers.queued}\n`,
  );
  console.log('| scenario | requests/s (mean) | p50 ms | p99 ms | max ms | non-2xx | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { name, result } of scenarios)
    console.log(
      `| ${name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result.non2xx} | ${result.errors + result.timeouts} |`,
    );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
