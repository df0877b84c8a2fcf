import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The server's worker entries, next to this file. */
export type WorkerEntry = 'run-worker' | 'live-worker';

/**
 * Starts one of the server's workers. Built, the entry is `dist/workers/<name>.js` and loads the
 * built @faultline/sim. From source (vitest, tsx), a worker cannot load TypeScript by itself: a
 * two-line bootstrap registers tsx inside the worker first, and the `@faultline/source`
 * condition makes its imports resolve to the other packages' sources, as the tests' do.
 */
export function spawnWorker(entry: WorkerEntry, options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${entry}.js`, import.meta.url), options);
  const source = new URL(`./${entry}.ts`, import.meta.url).href;
  const tsx = tsxApiUrl();
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, {
    ...options,
    eval: true,
    execArgv: [...(options.execArgv ?? []), '--conditions=@faultline/source'],
  });
}

/** tsx's ESM API (`tsx/esm/api` under the `import` condition), located through its package.json. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}
