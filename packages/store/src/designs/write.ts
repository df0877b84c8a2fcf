import { Issues } from '@faultline/core';
import { forUpdate, write, type StoreContext } from '../context.js';
import { NotFoundError, VersionConflictError } from '../errors.js';
import { failIfAny, fromJson, newId, readActor, readId, readOptionalText, readVersion } from '../input.js';
import {
  checkDocument,
  conflictOrMissing,
  designOf,
  insertVersion,
  saveNextVersion,
} from './save-version.js';
import type { CreateDesign, DeleteDesign, Design, ModifyDesign, UpdateDesign } from './types.js';

/** Saves a new design as version 1. */
export async function createDesign(ctx: StoreContext, args: CreateDesign): Promise<Design> {
  const issues = new Issues();
  const actor = readActor(args.actor, issues, ctx.limits);
  const message = readOptionalText(args.message, 'message', issues, ctx.limits.messageLength);
  failIfAny(issues);
  const checked = checkDocument(ctx, args.document);
  const id = newId();
  return write(ctx, async (trx, at) => {
    await trx
      .insertInto('designs')
      .values({
        id,
        name: checked.name,
        search_name: checked.name.toLowerCase(),
        version: 1,
        created_at: at,
        created_by: actor,
        updated_at: at,
        updated_by: actor,
        deleted_at: null,
        deleted_by: null,
      })
      .execute();
    await insertVersion(trx, { id, version: 1, checked, at, actor, message });
    return {
      value: designOf({ id, version: 1, checked, message, at, actor, createdAt: at, createdBy: actor }),
      audit: [
        {
          actor,
          action: 'design.create',
          subjectType: 'design',
          subjectId: id,
          data: { name: checked.name, version: 1, bytes: checked.json.bytes, message },
        },
      ],
    };
  });
}

/**
 * Saves the next version if `expectedVersion` is still the latest. The check and the write are
 * one conditional UPDATE (… WHERE version = expected): of any number of concurrent saves of the
 * same version, exactly one changes a row; on PostgreSQL the others wait for its row lock, then
 * find the version moved on and change nothing.
 */
export async function updateDesign(ctx: StoreContext, args: UpdateDesign): Promise<Design> {
  const issues = new Issues();
  const id = readId(args.id, 'id', issues);
  const expectedVersion = readVersion(args.expectedVersion, 'expectedVersion', issues);
  const actor = readActor(args.actor, issues, ctx.limits);
  const message = readOptionalText(args.message, 'message', issues, ctx.limits.messageLength);
  failIfAny(issues);
  const checked = checkDocument(ctx, args.document);
  return write(ctx, async (trx, at) => {
    const saved = await saveNextVersion(trx, {
      id,
      fromVersion: expectedVersion,
      checked,
      at,
      actor,
      message,
    });
    if (!saved) throw await conflictOrMissing(trx, id, expectedVersion);
    return saved;
  });
}

/**
 * Saves the next version computed from the latest one. The design's row is locked first
 * (SELECT … FOR UPDATE on PostgreSQL; SQLite's write lock is already held), so no other save
 * can slip in between reading the document and writing the new one.
 */
export async function modifyDesign(ctx: StoreContext, args: ModifyDesign): Promise<Design> {
  const issues = new Issues();
  const id = readId(args.id, 'id', issues);
  const expectedVersion =
    args.expectedVersion === undefined
      ? undefined
      : readVersion(args.expectedVersion, 'expectedVersion', issues);
  const actor = readActor(args.actor, issues, ctx.limits);
  const message = readOptionalText(args.message, 'message', issues, ctx.limits.messageLength);
  if (typeof args.change !== 'function')
    issues.add('change', 'expected a function that returns the new document');
  failIfAny(issues);
  return write(ctx, async (trx, at) => {
    const head = await forUpdate(
      ctx,
      trx.selectFrom('designs').select(['version']).where('id', '=', id).where('deleted_at', 'is', null),
    ).executeTakeFirst();
    if (!head) throw new NotFoundError('design', id);
    if (expectedVersion !== undefined && head.version !== expectedVersion) {
      throw new VersionConflictError(id, expectedVersion, head.version);
    }
    const latest = await trx
      .selectFrom('design_versions')
      .select('document')
      .where('design_id', '=', id)
      .where('version', '=', head.version)
      .executeTakeFirstOrThrow();
    const changed = args.change({ document: fromJson(latest.document), version: head.version });
    const checked = checkDocument(ctx, changed);
    const saved = await saveNextVersion(trx, { id, fromVersion: head.version, checked, at, actor, message });
    if (!saved) throw await conflictOrMissing(trx, id, head.version);
    return saved;
  });
}

/**
 * Marks the design deleted. Its versions, runs and live sessions stay: runs keep pointing at the
 * exact version they ran, and the audit log keeps naming it.
 */
export async function deleteDesign(ctx: StoreContext, args: DeleteDesign): Promise<void> {
  const issues = new Issues();
  const id = readId(args.id, 'id', issues);
  const expectedVersion =
    args.expectedVersion === undefined
      ? undefined
      : readVersion(args.expectedVersion, 'expectedVersion', issues);
  const actor = readActor(args.actor, issues, ctx.limits);
  failIfAny(issues);
  await write(ctx, async (trx, at) => {
    const deleted = await trx
      .updateTable('designs')
      .set({ deleted_at: at, deleted_by: actor })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .$call((query) =>
        expectedVersion === undefined ? query : query.where('version', '=', expectedVersion),
      )
      .returning(['version', 'name'])
      .executeTakeFirst();
    if (!deleted) throw await conflictOrMissing(trx, id, expectedVersion);
    return {
      value: undefined,
      audit: [
        {
          actor,
          action: 'design.delete',
          subjectType: 'design',
          subjectId: id,
          data: { name: deleted.name, version: deleted.version },
        },
      ],
    };
  });
}
