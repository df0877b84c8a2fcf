/**
 * Writes to a store as fast as it can until it is killed: a stand-in for a server busy with
 * runs. Usage: crash-writer.ts OPTIONS_JSON (the openStore options).
 * After each design it prints what is committed: {"designId","runId","status","payload"}.
 */
import { openStore } from '../index.js';

const store = await openStore(JSON.parse(process.argv[2]!) as Parameters<typeof openStore>[0]);
const payload = 'x'.repeat(20_000);
const timeline = Array.from({ length: 2000 }, (_, t) => ({ t, ok: 100, failed: t % 3 }));
for (let i = 0; ; i++) {
  const design = await store.designs.create({ document: { name: `design-${i}`, payload }, actor: 'writer' });
  await store.designs.update({
    id: design.id,
    expectedVersion: 1,
    document: { name: `design-${i}`, payload, revision: 2 },
    actor: 'writer',
  });
  const run = await store.runs.create({ designId: design.id, params: { seed: i }, actor: 'writer' });
  await store.runs.setStatus({ id: run.id, status: 'running', actor: 'worker', owner: 'crash-writer' });
  let status = 'running';
  if (i % 3 === 0) {
    await store.runs.setStatus({ id: run.id, status: 'succeeded', actor: 'worker', result: { i, timeline } });
    status = 'succeeded';
  }
  console.log(JSON.stringify({ designId: design.id, runId: run.id, status, payload: payload.length }));
  if (status === 'running') await store.runs.setProgress({ id: run.id, progress: 0.5 });
}
