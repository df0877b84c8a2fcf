import { expect, it } from 'vitest';
import { InvalidStateError, NotFoundError } from '../index.js';
import { describeEachBackend } from '../test-support/backends.js';

describeEachBackend('live sessions', (harness) => {
  it('creates a running session, pauses, resumes and stops it with its report', async () => {
    const store = await harness.openFresh();
    const design = await store.designs.create({ document: { name: 'shop' }, actor: 'ann' });
    const session = await store.live.create({
      name: 'checkout under load',
      designId: design.id,
      config: { target: 'http://127.0.0.1:8080', faults: [{ type: 'latency', delay: '200ms' }] },
      owner: 'server-1',
      actor: 'ann',
    });
    expect(session).toMatchObject({
      name: 'checkout under load',
      designId: design.id,
      designVersion: 1,
      status: 'running',
      owner: 'server-1',
      hasReport: false,
      stoppedAt: null,
    });
    expect(session.config).toEqual({
      target: 'http://127.0.0.1:8080',
      faults: [{ type: 'latency', delay: '200ms' }],
    });
    expect((await store.live.setStatus({ id: session.id, status: 'paused', actor: 'ann' })).status).toBe(
      'paused',
    );
    expect((await store.live.setStatus({ id: session.id, status: 'running', actor: 'ann' })).status).toBe(
      'running',
    );
    const report = { availability: 99.2, breakerOpenings: 3, timeline: [{ t: 0, ok: 10 }] };
    const stopped = await store.live.setStatus({ id: session.id, status: 'stopped', actor: 'ann', report });
    expect(stopped).toMatchObject({ status: 'stopped', hasReport: true });
    expect(stopped.stoppedAt).not.toBeNull();
    expect(await store.live.getReport(session.id)).toEqual(report);
    expect(await store.live.get(session.id)).toEqual(stopped);
  });

  it('refuses changes to a stopped session and unknown ids', async () => {
    const store = await harness.openFresh();
    const session = await store.live.create({ name: 'probe', actor: 'ann' });
    expect(session.designId).toBeNull();
    await expect(store.live.setStatus({ id: session.id, status: 'running', actor: 'ann' })).rejects.toThrow(
      /Cannot resume live session .*: it is running, and only a live session that is paused can/,
    );
    await expect(
      store.live.setStatus({ id: session.id, status: 'paused', actor: 'ann', report: {} }),
    ).rejects.toThrow(/report: a report is saved when a session stops/);
    await store.live.setStatus({ id: session.id, status: 'stopped', actor: 'ann' });
    await expect(
      store.live.setStatus({ id: session.id, status: 'running', actor: 'ann' }),
    ).rejects.toBeInstanceOf(InvalidStateError);
    expect(await store.live.getReport(session.id)).toBeNull();
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(store.live.get(missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.live.create({ name: 'x', designId: missing, actor: 'ann' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(store.live.create({ name: '', actor: 'ann' })).rejects.toThrow(
      /name: expected a session name/,
    );
  });

  it('lists newest first, by status, and interrupts the unfinished ones at restart', async () => {
    const store = await harness.openFresh();
    const a = await store.live.create({ name: 'a', actor: 'ann', owner: 'server-1' });
    const b = await store.live.create({ name: 'b', actor: 'ann', owner: 'server-2' });
    const c = await store.live.create({ name: 'c', actor: 'ann', owner: 'server-1' });
    await store.live.setStatus({ id: b.id, status: 'paused', actor: 'ann' });
    await store.live.setStatus({ id: c.id, status: 'stopped', actor: 'ann' });
    expect((await store.live.list()).items.map((s) => s.name)).toEqual(['c', 'b', 'a']);
    expect((await store.live.list({ status: ['running', 'paused'] })).items.map((s) => s.name)).toEqual([
      'b',
      'a',
    ]);
    const page = await store.live.list({ limit: 2 });
    expect((await store.live.list({ limit: 2, cursor: page.nextCursor! })).items.map((s) => s.name)).toEqual([
      'a',
    ]);

    expect(await store.markInterrupted({ owner: 'server-1' })).toEqual({ runs: 0, liveSessions: 1 });
    expect((await store.live.get(a.id)).status).toBe('interrupted');
    expect((await store.live.get(b.id)).status).toBe('paused');
    expect(await store.markInterrupted()).toEqual({ runs: 0, liveSessions: 1 });
    expect((await store.live.get(b.id)).status).toBe('interrupted');
    expect((await store.live.get(c.id)).status).toBe('stopped');
  });
});
