import { expect, it } from 'vitest';
import {
  InvalidStateError,
  LimitExceededError,
  NotFoundError,
  ValidationError,
  type Store,
} from '../index.js';
import { describeEachBackend } from '../test-support/backends.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** A result shaped like DESIGN.md's, with a timeline of `seconds` entries. */
function resultOf(seconds: number): Record<string, unknown> {
  return {
    design: 'shop',
    seed: 42,
    simulatedMs: seconds * 1000,
    services: { gateway: { requests: 24000, ok: 23900, failed: 100 } },
    timeline: Array.from({ length: seconds }, (_, t) => ({
      t: t * 1000,
      services: { gateway: { ok: 199, failed: t % 7, p99: 30 + (t % 13) } },
    })),
    score: { value: 87 },
  };
}

describeEachBackend('runs', (harness) => {
  async function withDesign(): Promise<{ store: Store; designId: string }> {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: { name: 'shop' }, actor: 'ann' });
    await store.designs.update({ id, expectedVersion: 1, document: { name: 'shop', seed: 2 }, actor: 'ann' });
    return { store, designId: id };
  }

  it('queues a run of the latest design version, or of the version asked for', async () => {
    const { store, designId } = await withDesign();
    const run = await store.runs.create({ designId, params: { seed: 7, duration: '60s' }, actor: 'ann' });
    expect(run).toMatchObject({
      designId,
      designVersion: 2,
      status: 'queued',
      params: { seed: 7, duration: '60s' },
      progress: 0,
      error: null,
      hasResult: false,
      createdBy: 'ann',
      startedAt: null,
      finishedAt: null,
    });
    expect(await store.runs.get(run.id)).toEqual(run);
    expect((await store.runs.create({ designId, designVersion: 1, actor: 'ann' })).designVersion).toBe(1);
    await expect(store.runs.create({ designId, designVersion: 3, actor: 'ann' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(store.runs.create({ designId: MISSING, actor: 'ann' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(store.runs.get(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.runs.get('run-1')).rejects.toBeInstanceOf(ValidationError);
  });

  it('goes queued → running → succeeded, saving the result with the status', async () => {
    const { store, designId } = await withDesign();
    const { id } = await store.runs.create({ designId, actor: 'ann' });
    const running = await store.runs.setStatus({ id, status: 'running', actor: 'system', owner: 'server-1' });
    expect(running).toMatchObject({ status: 'running', owner: 'server-1' });
    expect(running.startedAt).not.toBeNull();
    await store.runs.setProgress({ id, progress: 0.25 });
    expect((await store.runs.get(id)).progress).toBe(0.25);
    const result = resultOf(120);
    const done = await store.runs.setStatus({ id, status: 'succeeded', actor: 'system', result });
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, hasResult: true });
    expect(done.finishedAt).not.toBeNull();
    expect(await store.runs.getResult(id)).toEqual(result);
    const { timeline, ...summary } = result;
    expect(await store.runs.getResult(id, { timeline: false })).toEqual(summary);
    expect(await store.runs.getTimeline(id)).toEqual(timeline);
    expect(JSON.parse((await store.runs.getResultJson(id))!)).toEqual(result);
  });

  it('refuses moves its status does not allow, and changes nothing', async () => {
    const { store, designId } = await withDesign();
    const { id } = await store.runs.create({ designId, actor: 'ann' });
    const early = store.runs.setStatus({ id, status: 'succeeded', actor: 'system' });
    await expect(early).rejects.toBeInstanceOf(InvalidStateError);
    await expect(early).rejects.toThrow(
      `Cannot complete run ${id}: it is queued, and only a run that is running can`,
    );
    await expect(store.runs.setProgress({ id, progress: 0.5 })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    await store.runs.setStatus({ id, status: 'running', actor: 'system' });
    await expect(store.runs.setStatus({ id, status: 'running', actor: 'system' })).rejects.toBeInstanceOf(
      InvalidStateError,
    );
    await store.runs.setStatus({ id, status: 'failed', actor: 'system', error: 'design invalid' });
    for (const status of ['running', 'succeeded', 'cancelled', 'interrupted'] as const) {
      await expect(store.runs.setStatus({ id, status, actor: 'system' })).rejects.toMatchObject({
        state: 'failed',
      });
    }
    expect(await store.runs.get(id)).toMatchObject({ status: 'failed', error: 'design invalid' });
    await expect(store.runs.setStatus({ id, status: 'queued' as never, actor: 'x' })).rejects.toThrow(
      /status: expected one of running, succeeded, failed, cancelled, interrupted, got "queued"/,
    );
    await expect(store.runs.setStatus({ id: MISSING, status: 'running', actor: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('cancels a queued run, and saves a failed run partial result and error', async () => {
    const { store, designId } = await withDesign();
    const queued = await store.runs.create({ designId, actor: 'ann' });
    expect((await store.runs.setStatus({ id: queued.id, status: 'cancelled', actor: 'ann' })).status).toBe(
      'cancelled',
    );
    const other = await store.runs.create({ designId, actor: 'ann' });
    await store.runs.setStatus({ id: other.id, status: 'running', actor: 'system' });
    const failed = await store.runs.setStatus({
      id: other.id,
      status: 'failed',
      actor: 'system',
      error: 'x'.repeat(20_000),
      result: { design: 'shop', partial: true },
    });
    expect(failed.error).toHaveLength(10_000);
    expect(failed.error!.endsWith('…')).toBe(true);
    expect(await store.runs.getResult(other.id)).toEqual({ design: 'shop', partial: true });
    expect(await store.runs.getTimeline(other.id)).toBeNull();
    expect(await store.runs.getResult(queued.id)).toBeNull();
    await expect(
      store.runs.setStatus({ id: queued.id, status: 'running', actor: 'a', error: 'no' }),
    ).rejects.toThrow(/error: an error is recorded when a run ends/);
  });

  it('stores a result of several megabytes, refuses one over the limit whole', async () => {
    const { store, designId } = await withDesign();
    const { id } = await store.runs.create({ designId, actor: 'ann' });
    await store.runs.setStatus({ id, status: 'running', actor: 'system' });
    const big = resultOf(50_000); // ~3.4 MB, mostly timeline
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(3_000_000);
    await store.runs.setStatus({ id, status: 'succeeded', actor: 'system', result: big });
    expect(await store.runs.getResult(id)).toEqual(big);
    const listed = await store.runs.list({ designId });
    expect(listed.items[0]).toMatchObject({ id, hasResult: true });
    expect(JSON.stringify(listed).length).toBeLessThan(2000); // no result in lists

    const small = await harness.open({ ...(await harness.fresh()), limits: { resultBytes: 10_000 } });
    const design = await small.designs.create({ document: { name: 'shop' }, actor: 'ann' });
    const run = await small.runs.create({ designId: design.id, actor: 'ann' });
    await small.runs.setStatus({ id: run.id, status: 'running', actor: 'system' });
    await expect(
      small.runs.setStatus({ id: run.id, status: 'succeeded', actor: 'system', result: resultOf(1000) }),
    ).rejects.toBeInstanceOf(LimitExceededError);
    expect(await small.runs.get(run.id)).toMatchObject({ status: 'running', hasResult: false });
  });

  it('lists newest first, by design and status, with paging', async () => {
    const { store, designId } = await withDesign();
    const other = await store.designs.create({ document: { name: 'other' }, actor: 'ann' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.runs.create({ designId, actor: 'ann' })).id);
    await store.runs.create({ designId: other.id, actor: 'ann' });
    await store.runs.setStatus({ id: ids[1]!, status: 'running', actor: 'system' });

    const all = await store.runs.list({ designId });
    expect(all.items.map((r) => r.id)).toEqual([...ids].reverse());
    expect(all.total).toBe(5);
    expect((await store.runs.list()).total).toBe(6);
    const running = await store.runs.list({ status: 'running' });
    expect(running.items.map((r) => r.id)).toEqual([ids[1]]);
    expect((await store.runs.list({ status: ['queued', 'running'], designId })).total).toBe(5);

    const first = await store.runs.list({ designId, limit: 2 });
    const second = await store.runs.list({ designId, limit: 2, cursor: first.nextCursor! });
    const third = await store.runs.list({ designId, limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((r) => r.id)).toEqual([...ids].reverse());
    expect(third.nextCursor).toBeNull();
    await expect(store.runs.list({ status: 'done' as never })).rejects.toThrow(
      /status: expected one or more of/,
    );
  });

  it('keeps runs readable after their design is deleted, and queues no new ones', async () => {
    const { store, designId } = await withDesign();
    const { id } = await store.runs.create({ designId, actor: 'ann' });
    await store.designs.delete({ id: designId, actor: 'ann' });
    expect((await store.runs.get(id)).designId).toBe(designId);
    expect((await store.runs.list({ designId })).total).toBe(1);
    await expect(store.runs.create({ designId, actor: 'ann' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('marks every unfinished run interrupted, once', async () => {
    const { store, designId } = await withDesign();
    const queued = await store.runs.create({ designId, actor: 'ann' });
    const running = await store.runs.create({ designId, actor: 'ann' });
    const done = await store.runs.create({ designId, actor: 'ann' });
    await store.runs.setStatus({ id: running.id, status: 'running', actor: 'system' });
    await store.runs.setStatus({ id: done.id, status: 'running', actor: 'system' });
    await store.runs.setStatus({ id: done.id, status: 'succeeded', actor: 'system' });

    expect(await store.markInterrupted()).toEqual({ runs: 2, liveSessions: 0 });
    for (const id of [queued.id, running.id]) {
      const run = await store.runs.get(id);
      expect(run.status).toBe('interrupted');
      expect(run.error).toMatch(/^Interrupted: the server stopped/);
      expect(run.finishedAt).not.toBeNull();
    }
    expect((await store.runs.get(done.id)).status).toBe('succeeded');
    expect(await store.markInterrupted()).toEqual({ runs: 0, liveSessions: 0 });
    const audit = await store.audit.list({ subjectId: running.id });
    expect(audit.items[0]).toMatchObject({
      action: 'run.status',
      actor: 'system',
      data: { from: 'running', to: 'interrupted', reason: 'restart' },
    });
  });

  it('with an owner, marks only that process runs', async () => {
    const { store, designId } = await withDesign();
    const mine = await store.runs.create({ designId, actor: 'ann' });
    const theirs = await store.runs.create({ designId, actor: 'ann' });
    const queued = await store.runs.create({ designId, actor: 'ann' });
    await store.runs.setStatus({ id: mine.id, status: 'running', actor: 'system', owner: 'server-a' });
    await store.runs.setStatus({ id: theirs.id, status: 'running', actor: 'system', owner: 'server-b' });
    expect(await store.markInterrupted({ owner: 'server-a' })).toEqual({ runs: 1, liveSessions: 0 });
    expect((await store.runs.get(mine.id)).status).toBe('interrupted');
    expect((await store.runs.get(theirs.id)).status).toBe('running');
    expect((await store.runs.get(queued.id)).status).toBe('queued');
  });
});
