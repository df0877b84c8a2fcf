import { expect, it } from 'vitest';
import {
  LimitExceededError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
  type DesignDocument,
} from '../index.js';
import { describeEachBackend } from '../test-support/backends.js';

const shop: DesignDocument = {
  name: 'shop',
  seed: 42,
  duration: '120s',
  services: { gateway: { instances: 2 } },
  faults: [{ type: 'crash', target: 'orders', at: '30s' }],
};
const MISSING = '00000000-0000-4000-8000-000000000000';

describeEachBackend('designs', (harness) => {
  it('creates version 1 and reads back the document exactly', async () => {
    const store = await harness.openFresh();
    const created = await store.designs.create({ document: shop, actor: 'ann', message: 'first draft' });
    expect(created).toMatchObject({
      name: 'shop',
      version: 1,
      latestVersion: 1,
      savedBy: 'ann',
      message: 'first draft',
    });
    const read = await store.designs.get(created.id);
    expect(read.document).toEqual(shop);
    expect(JSON.stringify(read.document)).toBe(JSON.stringify(shop)); // key order kept, too
    expect(read).toEqual(created);
  });

  it('keeps every version, and reads any of them', async () => {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: shop, actor: 'ann' });
    const second = await store.designs.update({
      id,
      expectedVersion: 1,
      document: { ...shop, name: 'shop v2', seed: 7 },
      actor: 'bob',
      message: 'new seed',
    });
    expect(second).toMatchObject({ version: 2, name: 'shop v2', savedBy: 'bob', createdBy: 'ann' });
    expect((await store.designs.get(id)).document).toMatchObject({ seed: 7 });
    const first = await store.designs.get(id, { version: 1 });
    expect(first).toMatchObject({ version: 1, latestVersion: 2, name: 'shop', savedBy: 'ann' });
    expect(first.document).toEqual(shop);
    const versions = await store.designs.versions(id);
    expect(versions.total).toBe(2);
    expect(versions.items.map((v) => [v.version, v.savedBy, v.message])).toEqual([
      [2, 'bob', 'new seed'],
      [1, 'ann', null],
    ]);
    expect(versions.items[1]!.bytes).toBe(Buffer.byteLength(JSON.stringify(shop)));
  });

  it('refuses a save based on an old version and saves nothing', async () => {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: shop, actor: 'ann' });
    await store.designs.update({ id, expectedVersion: 1, document: { ...shop, seed: 1 }, actor: 'ann' });
    const stale = store.designs.update({
      id,
      expectedVersion: 1,
      document: { ...shop, seed: 2 },
      actor: 'bob',
    });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({
      code: 'version_conflict',
      expectedVersion: 1,
      currentVersion: 2,
    });
    const latest = await store.designs.get(id);
    expect(latest.version).toBe(2);
    expect(latest.document).toMatchObject({ seed: 1 });
    expect((await store.designs.versions(id)).total).toBe(2);
  });

  it('treats an expected version from the future as a conflict', async () => {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: shop, actor: 'ann' });
    await expect(
      store.designs.update({ id, expectedVersion: 5, document: shop, actor: 'ann' }),
    ).rejects.toMatchObject({
      currentVersion: 1,
    });
  });

  it('answers NotFoundError for unknown ids and versions', async () => {
    const store = await harness.openFresh();
    await expect(store.designs.get(MISSING)).rejects.toBeInstanceOf(NotFoundError);
    const { id } = await store.designs.create({ document: shop, actor: 'ann' });
    await expect(store.designs.get(id, { version: 2 })).rejects.toMatchObject({
      code: 'not_found',
      version: 2,
    });
    await expect(
      store.designs.update({ id: MISSING, expectedVersion: 1, document: shop, actor: 'ann' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.designs.versions(MISSING)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects bad input with every problem named, before writing anything', async () => {
    const store = await harness.openFresh();
    const error = await store.designs
      .update({ id: 'nope', expectedVersion: 0, document: shop, actor: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'id',
      'expectedVersion',
      'actor',
    ]);
    expect((error as ValidationError).message).toMatch(/^id: expected an id like/);
    await expect(store.designs.create({ document: [] as never, actor: 'ann' })).rejects.toThrow(
      /document: expected a JSON object, got an array/,
    );
    await expect(store.designs.create({ document: { seed: 1 }, actor: 'ann' })).rejects.toThrow(
      /document\.name: expected a design name, got nothing/,
    );
    await expect(store.designs.create({ document: { name: 'x'.repeat(201) }, actor: 'ann' })).rejects.toThrow(
      /document\.name: expected a design name of 1 to 200 characters, got a string of 201 characters/,
    );
    await expect(
      store.designs.create({ document: { name: 'big', n: 10n } as never, actor: 'ann' }),
    ).rejects.toThrow(/document: expected JSON/);
    expect((await store.designs.list()).total).toBe(0);
    expect((await store.audit.verify()).entries).toBe(0);
  });

  it('refuses a document over the size limit, naming the limit', async () => {
    const store = await harness.openFresh({ limits: { documentBytes: 1000 } });
    const error = await store.designs
      .create({ document: { name: 'big', blob: 'x'.repeat(2000) }, actor: 'ann' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ code: 'limit_exceeded', limit: 'documentBytes', max: 1000 });
    expect((error as Error).message).toMatch(
      /^document: expected at most 1000 bytes \(limit documentBytes\), got 2\d{3} bytes$/,
    );
  });

  it('modifies one part of the latest version atomically', async () => {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: shop, actor: 'ann' });
    const changed = await store.designs.modify({
      id,
      actor: 'bob',
      message: 'no faults',
      change: ({ document, version }) => {
        expect(version).toBe(1);
        return { ...document, faults: [] };
      },
    });
    expect(changed).toMatchObject({ version: 2, message: 'no faults' });
    expect(changed.document).toEqual({ ...shop, faults: [] });
    await expect(
      store.designs.modify({ id, expectedVersion: 1, actor: 'bob', change: ({ document }) => document }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await expect(
      store.designs.modify({
        id,
        actor: 'bob',
        change: () => {
          throw new Error('the change failed');
        },
      }),
    ).rejects.toThrow('the change failed');
    await expect(
      store.designs.modify({ id, actor: 'bob', change: () => ({ seed: 1 }) }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await store.designs.get(id)).version).toBe(2);
  });

  it('deletes softly: gone from get and list, its versions kept for its runs', async () => {
    const store = await harness.openFresh();
    const { id } = await store.designs.create({ document: shop, actor: 'ann' });
    await store.designs.update({ id, expectedVersion: 1, document: shop, actor: 'ann' });
    await expect(store.designs.delete({ id, actor: 'bob', expectedVersion: 1 })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await store.designs.delete({ id, actor: 'bob', expectedVersion: 2 });
    await expect(store.designs.get(id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.designs.delete({ id, actor: 'bob' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      store.designs.update({ id, expectedVersion: 2, document: shop, actor: 'ann' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await store.designs.list()).total).toBe(0);
    const kept = await store.designs.get(id, { version: 1, includeDeleted: true });
    expect(kept.deletedAt).not.toBeNull();
    expect(kept.document).toEqual(shop);
    expect((await store.designs.list({ includeDeleted: true })).total).toBe(1);
    expect((await store.designs.versions(id, { includeDeleted: true })).total).toBe(2);
  });

  it('lists by last update or by name, with search, offsets and cursors', async () => {
    const store = await harness.openFresh();
    const names = ['Checkout', 'orders', 'Payments', 'search', 'checkout-v2', '50%_off'];
    const ids: Record<string, string> = {};
    for (const name of names)
      ids[name] = (await store.designs.create({ document: { name }, actor: 'ann' })).id;
    await store.designs.update({
      id: ids.orders!,
      expectedVersion: 1,
      document: { name: 'orders' },
      actor: 'ann',
    });

    const byUpdate = await store.designs.list();
    expect(byUpdate.total).toBe(6);
    expect(byUpdate.items.map((d) => d.name)).toEqual([
      'orders',
      '50%_off',
      'checkout-v2',
      'search',
      'Payments',
      'Checkout',
    ]);
    expect(byUpdate.nextCursor).toBeNull();

    const byName = await store.designs.list({ sort: 'name' });
    expect(byName.items.map((d) => d.name)).toEqual([
      '50%_off',
      'Checkout',
      'checkout-v2',
      'orders',
      'Payments',
      'search',
    ]);

    const search = await store.designs.list({ search: 'CHECK' });
    expect(search.items.map((d) => d.name).sort()).toEqual(['Checkout', 'checkout-v2']);
    expect(search.total).toBe(2);
    expect((await store.designs.list({ search: '%' })).items.map((d) => d.name)).toEqual(['50%_off']);
    expect((await store.designs.list({ search: '_' })).items.map((d) => d.name)).toEqual(['50%_off']);

    const first = await store.designs.list({ sort: 'name', limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.total).toBe(6);
    const second = await store.designs.list({ sort: 'name', limit: 4, cursor: first.nextCursor! });
    expect(second.items.map((d) => d.name)).toEqual(['Payments', 'search']);
    expect(second.nextCursor).toBeNull();
    const offset = await store.designs.list({ sort: 'name', limit: 2, offset: 4 });
    expect(offset.items.map((d) => d.name)).toEqual(['Payments', 'search']);

    // A cursor stays put when a design is added before it.
    const top = await store.designs.list({ limit: 3 });
    await store.designs.create({ document: { name: 'newest' }, actor: 'ann' });
    const rest = await store.designs.list({ limit: 3, cursor: top.nextCursor! });
    expect(rest.items.map((d) => d.name)).toEqual(['search', 'Payments', 'Checkout']);

    await expect(store.designs.list({ sort: 'updated', cursor: first.nextCursor! })).rejects.toThrow(
      /cursor: expected the nextCursor of a previous page of designs by update/,
    );
    await expect(store.designs.list({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.designs.list({ limit: 0 })).rejects.toThrow(
      /limit: expected a whole number from 1 to 500, got 0/,
    );
    await expect(store.designs.list({ limit: 10, offset: 1, cursor: top.nextCursor! })).rejects.toThrow(
      /cursor: give either cursor or offset/,
    );
  });
});
