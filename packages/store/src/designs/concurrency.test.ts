import { expect, it } from 'vitest';
import { VersionConflictError, type Store } from '../index.js';
import { describeEachBackend } from '../test-support/backends.js';
import { startScript } from '../test-support/child.js';

/**
 * On PostgreSQL the store's pool has 8 connections, so the updates truly race on the row.
 * On SQLite five stores (five connections) share the file; a test below also races separate
 * processes.
 */
describeEachBackend('concurrent design saves', (harness) => {
  async function racers(): Promise<{ stores: Store[]; designId: string }> {
    const options = await harness.fresh();
    const first = await harness.open(options);
    const stores = [first];
    if (harness.backend === 'sqlite') {
      for (let i = 0; i < 4; i++) stores.push(await harness.open(options));
    }
    const { id } = await first.designs.create({ document: { name: 'contended' }, actor: 'setup' });
    return { stores, designId: id };
  }

  it('of the same version: exactly one of 50 succeeds, 49 conflict, the design is at version 2', async () => {
    const { stores, designId } = await racers();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        stores[i % stores.length]!.designs.update({
          id: designId,
          expectedVersion: 1,
          document: { name: 'contended', writer: i },
          actor: `writer-${i}`,
        }),
      ),
    );
    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const failed = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
    );
    expect(succeeded).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const error of failed) {
      expect(error).toBeInstanceOf(VersionConflictError);
      expect(error).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    }
    const latest = await stores[0]!.designs.get(designId);
    expect(latest.version).toBe(2);
    const winner = (succeeded[0] as PromiseFulfilledResult<{ document: unknown }>).value;
    expect(latest.document).toEqual(winner.document);
    expect((await stores[0]!.designs.versions(designId)).total).toBe(2);
    // One create and one update audited, the chain in one piece.
    expect(await stores[0]!.audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('modified without a version: none of 30 read-modify-writes is lost', async () => {
    const { stores, designId } = await racers();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        stores[i % stores.length]!.designs.modify({
          id: designId,
          actor: `writer-${i}`,
          change: ({ document }) => ({
            ...document,
            faults: [...((document.faults as unknown[] | undefined) ?? []), { writer: i }],
          }),
        }),
      ),
    );
    const latest = await stores[0]!.designs.get(designId);
    expect(latest.version).toBe(31);
    expect(
      (latest.document.faults as { writer: number }[]).map((f) => f.writer).sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(await stores[0]!.audit.verify()).toMatchObject({ ok: true, entries: 31 });
  });

  it('of different designs at once: all succeed and the audit chain never forks', async () => {
    const { stores } = await racers();
    const designs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores[i % stores.length]!.designs.create({ document: { name: `d${i}` }, actor: 'ann' }),
      ),
    );
    await Promise.all(
      designs.map((design, i) =>
        stores[i % stores.length]!.designs.update({
          id: design.id,
          expectedVersion: 1,
          document: { name: `d${i}`, changed: true },
          actor: 'bob',
        }),
      ),
    );
    const verification = await stores[0]!.audit.verify();
    expect(verification).toMatchObject({ ok: true, entries: 41 });
    const seqs = (await stores[0]!.audit.list({ limit: 100 })).items.map((entry) => entry.seq);
    expect(seqs).toEqual(Array.from({ length: 41 }, (_, i) => 41 - i));
  });

  if (harness.backend === 'sqlite') {
    it('from five processes on one file: exactly one of 50 succeeds', async () => {
      const options = await harness.fresh();
      const store = await harness.open(options);
      const { id } = await store.designs.create({ document: { name: 'contended' }, actor: 'setup' });
      const processes = Array.from({ length: 5 }, () =>
        startScript('./race-writer.ts', [options.path!, id, '10']),
      );
      await Promise.all(processes.map((p) => p.waitFor((messages) => messages.length >= 1)));
      for (const p of processes) p.send('go');
      await Promise.all(processes.map((p) => p.waitFor((messages) => messages.length >= 2)));
      const results = processes.map(
        (p) => p.messages[1] as { ok: number; conflicts: number; other: string[] },
      );
      expect(results.flatMap((r) => r.other)).toEqual([]);
      expect(results.reduce((sum, r) => sum + r.ok, 0)).toBe(1);
      expect(results.reduce((sum, r) => sum + r.conflicts, 0)).toBe(49);
      await Promise.all(processes.map((p) => p.exited));
      expect((await store.designs.get(id)).version).toBe(2);
      expect(await store.audit.verify()).toMatchObject({ ok: true, entries: 2 });
    }, 60_000);
  }
});
