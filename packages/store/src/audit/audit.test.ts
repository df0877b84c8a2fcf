import { expect, it } from 'vitest';
import { GENESIS_HASH, VersionConflictError, type OpenStoreOptions, type Store } from '../index.js';
import { describeEachBackend } from '../test-support/backends.js';
import { entryHash } from './hash.js';

describeEachBackend('audit log', (harness) => {
  /** A store with one of every audited change: 10 entries. */
  async function busyStore(): Promise<{ store: Store; options: OpenStoreOptions }> {
    const options = await harness.fresh();
    const store = await harness.open(options);
    const design = await store.designs.create({ document: { name: 'shop' }, actor: 'ann' });
    await store.designs.update({
      id: design.id,
      expectedVersion: 1,
      document: { name: 'shop', seed: 1 },
      actor: 'bob',
    });
    const run = await store.runs.create({ designId: design.id, params: { seed: 1 }, actor: 'ann' });
    await store.runs.setStatus({ id: run.id, status: 'running', actor: 'worker' });
    await store.runs.setProgress({ id: run.id, progress: 0.5 }); // not audited
    await store.runs.setStatus({ id: run.id, status: 'succeeded', actor: 'worker', result: { ok: 1 } });
    const live = await store.live.create({ name: 'live', designId: design.id, actor: 'ann' });
    await store.live.setStatus({ id: live.id, status: 'stopped', actor: 'ann', report: { ok: true } });
    await store.designs.modify({
      id: design.id,
      actor: 'cy',
      change: ({ document }) => ({ ...document, faults: [] }),
    });
    await store.runs.create({ designId: design.id, actor: 'ann' });
    await store.designs.delete({ id: design.id, actor: 'ann' });
    return { store, options };
  }

  it('records every change, in order, chained from the genesis hash', async () => {
    const { store } = await busyStore();
    const { items, total } = await store.audit.list();
    expect(total).toBe(10);
    const entries = [...items].reverse();
    expect(entries.map((e) => [e.seq, e.action, e.actor])).toEqual([
      [1, 'design.create', 'ann'],
      [2, 'design.update', 'bob'],
      [3, 'run.create', 'ann'],
      [4, 'run.status', 'worker'],
      [5, 'run.status', 'worker'],
      [6, 'live.create', 'ann'],
      [7, 'live.status', 'ann'],
      [8, 'design.update', 'cy'],
      [9, 'run.create', 'ann'],
      [10, 'design.delete', 'ann'],
    ]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(entries[1]!.data).toEqual({ name: 'shop', version: 2, bytes: 24, message: null });
    expect(entries[4]!.data).toEqual({ from: 'running', to: 'succeeded', resultBytes: 8 });
    expect(await store.audit.verify()).toEqual({
      ok: true,
      entries: 10,
      head: { seq: 10, hash: items[0]!.hash },
    });
    expect((await store.audit.list({ action: 'run.create' })).total).toBe(2);
  });

  it('writes nothing for a change that failed', async () => {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: { name: 'shop' }, actor: 'ann' });
    await store.designs.update({ id, expectedVersion: 1, document: { name: 'shop' }, actor: 'ann' });
    await expect(
      store.designs.update({ id, expectedVersion: 1, document: { name: 'shop' }, actor: 'bob' }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.audit.list()).total).toBe(2);
  });

  it('verifies an empty log', async () => {
    const store = await harness.openFresh();
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 0, head: null });
  });

  it('names an entry whose contents were changed in SQL', async () => {
    const { store, options } = await busyStore();
    await harness.exec(options, `update audit_log set actor = 'mallory' where seq = 4`);
    expect(await store.audit.verify()).toEqual({
      ok: false,
      entries: 3,
      head: { seq: 3, hash: expect.any(String) },
      firstBroken: {
        seq: 4,
        reason: "hash does not match the entry's contents: the entry was changed after it was written",
      },
    });
  });

  it('names an entry whose data was changed in SQL', async () => {
    const { store, options } = await busyStore();
    await harness.exec(options, `update audit_log set data = ? where seq = 7`, [
      '{"from":"running","to":"running"}',
    ]);
    expect((await store.audit.verify()).firstBroken?.seq).toBe(7);
  });

  it('names an entry whose hash was overwritten', async () => {
    const { store, options } = await busyStore();
    await harness.exec(options, `update audit_log set hash = ? where seq = 5`, ['a'.repeat(64)]);
    expect((await store.audit.verify()).firstBroken?.seq).toBe(5);
  });

  it('names the next link when an entry was rewritten with a hash that matches its new contents', async () => {
    const { store, options } = await busyStore();
    const entry = (await store.audit.list({ limit: 1, offset: 5 })).items[0]!;
    expect(entry.seq).toBe(5);
    const forged = entryHash(entry.prevHash, { ...entry, at: Date.parse(entry.at), actor: 'mallory' });
    await harness.exec(options, `update audit_log set actor = 'mallory', hash = ? where seq = 5`, [forged]);
    expect((await store.audit.verify()).firstBroken).toEqual({
      seq: 6,
      reason: 'prev_hash does not match the hash of entry 5: one of the two was rewritten',
    });
  });

  it('names the first missing entry when one was deleted', async () => {
    const { store, options } = await busyStore();
    await harness.exec(options, `delete from audit_log where seq = 6`);
    expect((await store.audit.verify()).firstBroken).toEqual({
      seq: 6,
      reason: 'entry 6 is missing: the next entry is 7',
    });
  });

  it('names the entry whose link to the one before was cut', async () => {
    const { store, options } = await busyStore();
    await harness.exec(options, `update audit_log set prev_hash = ? where seq = 2`, [GENESIS_HASH]);
    const { firstBroken } = await store.audit.verify();
    expect(firstBroken?.seq).toBe(2);
    expect(firstBroken?.reason).toMatch(/^prev_hash does not match the hash of entry 1/);
  });

  it('with an anchor, sees entries cut off the end', async () => {
    const { store, options } = await busyStore();
    const { head } = await store.audit.verify();
    await harness.exec(options, `delete from audit_log where seq >= 9`);
    expect(await store.audit.verify()).toMatchObject({ ok: true, entries: 8 });
    expect((await store.audit.verify({ anchor: head! })).firstBroken).toEqual({
      seq: 9,
      reason: 'the log ends at entry 8, but an anchor was recorded at entry 10: entries were removed',
    });
  });

  it('with an anchor, sees a log rewritten with every hash recomputed', async () => {
    const { store, options } = await busyStore();
    const anchor = (await store.audit.verify()).head!;
    // Rewrite entry 3 and re-chain everything after it, as someone with write access could.
    const entries = [...(await store.audit.list()).items].reverse();
    let prevHash = entries[1]!.hash;
    for (const entry of entries.slice(2)) {
      const actor = entry.seq === 3 ? 'mallory' : entry.actor;
      const hash = entryHash(prevHash, { ...entry, at: Date.parse(entry.at), actor });
      await harness.exec(options, `update audit_log set actor = ?, prev_hash = ?, hash = ? where seq = ?`, [
        actor,
        prevHash,
        hash,
        entry.seq,
      ]);
      prevHash = hash;
    }
    expect((await store.audit.verify()).ok).toBe(true);
    expect((await store.audit.verify({ anchor })).firstBroken).toEqual({
      seq: 10,
      reason:
        'hash differs from the anchor recorded for this entry: the log was rewritten from here or before',
    });
    await expect(store.audit.verify({ anchor: { seq: 0, hash: 'x' } })).rejects.toThrow(
      /anchor\.seq: expected/,
    );
  });

  it('keeps chaining after the store is reopened', async () => {
    const { store, options } = await busyStore();
    await store.close();
    const reopened = await harness.open(options);
    await reopened.designs.create({ document: { name: 'again' }, actor: 'ann' });
    expect(await reopened.audit.verify()).toMatchObject({ ok: true, entries: 11 });
  });
});
