import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { describeEachBackend } from './test-support/backends.js';
import { startScript } from './test-support/child.js';

interface Written {
  designId: string;
  runId: string;
  status: 'running' | 'succeeded';
  payload: number;
}

/**
 * The acceptance test: kill -9 a process while it writes designs and runs, start again:
 * designs intact, the runs it left running marked interrupted, the audit chain verifies.
 * Three rounds on the same database, so each restart also reads what earlier ones left.
 */
describeEachBackend('a writer killed with SIGKILL', (harness) => {
  it('leaves designs intact, its running runs interruptible and the audit chain whole', async () => {
    const options = await harness.fresh();
    const everything: Written[] = [];
    for (let round = 0; round < 3; round++) {
      const writer = startScript('./crash-writer.ts', [JSON.stringify(options)]);
      await writer.waitFor((messages) => messages.length >= 12);
      writer.child.kill('SIGKILL');
      expect((await writer.exited).signal).toBe('SIGKILL');
      const written = writer.messages as Written[];
      everything.push(...written);

      if (harness.backend === 'sqlite') {
        const raw = new BetterSqlite3(options.path!);
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        raw.close();
      }
      const store = await harness.open(options);
      for (const { designId, payload } of everything) {
        const design = await store.designs.get(designId);
        expect(design.version).toBe(2);
        expect((design.document.payload as string).length).toBe(payload);
        expect((await store.designs.versions(designId)).total).toBe(2);
      }
      const unfinished = (await store.runs.list({ status: ['queued', 'running'] })).total;
      // Every run this round reported running, and perhaps one it had not reported yet.
      const reportedRunning = written.filter((w) => w.status === 'running').length;
      expect(unfinished).toBeGreaterThanOrEqual(reportedRunning);
      expect(unfinished).toBeLessThanOrEqual(reportedRunning + 1);
      expect(await store.markInterrupted()).toEqual({ runs: unfinished, liveSessions: 0 });
      for (const { runId, status } of everything) {
        const run = await store.runs.get(runId);
        expect(run.status).toBe(status === 'running' ? 'interrupted' : 'succeeded');
        expect(run.hasResult).toBe(status === 'succeeded');
      }
      expect((await store.runs.list({ status: ['queued', 'running'] })).total).toBe(0);
      const verification = await store.audit.verify();
      expect(verification.ok).toBe(true);
      expect(verification.entries).toBeGreaterThanOrEqual(everything.length * 4);
      await store.close();
    }
  }, 120_000);
});
