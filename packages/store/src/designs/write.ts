import { Issues } from '@faultline/core';
import type { Transaction } from 'kysely';
import { forUpdate, write, type Mutation, type StoreContext } from '../context.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../errors.js';
import {
  failIfAny,
  fromJson,
  newId,
  readActor,
  readId,
  readOptionalText,
  readVersion,
  toJson,
  type Json,
} from '../input.js';
import type { Database } from '../schema.js';
import { isoTime } from '../time.js';
import type {
  CreateDesign,
  DeleteDesign,
  Design,
  DesignDocument,
  ModifyDesign,
  UpdateDesign,
} from './types.js';

/** A document checked and serialized for saving. */
interface CheckedDocument {
  readonly json: Json;
  readonly name: string;
}

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

/** Checks a document: a JSON object with a usable `name`, within the size limit. */
function checkDocument(ctx: StoreContext, document: unknown): CheckedDocument {
  const json = toJson(document, 'document', 'documentBytes', ctx.limits);
  const issues = new Issues();
  const name = (document as Record<string, unknown>).name;
  const checkedName = readOptionalText(name, 'document.name', issues, ctx.limits.nameLength, 'a design name');
  if (checkedName === null) issues.add('document.name', 'expected a design name, got nothing');
  if (!issues.ok) throw new ValidationError(issues.list);
  return { json, name: checkedName ?? '' };
}

interface NextVersion {
  readonly id: string;
  readonly fromVersion: number;
  readonly checked: CheckedDocument;
  readonly at: number;
  readonly actor: string;
  readonly message: string | null;
}

/** The conditional write behind update and modify; undefined when `fromVersion` is not the latest. */
async function saveNextVersion(
  trx: Transaction<Database>,
  next: NextVersion,
): Promise<Mutation<Design> | undefined> {
  const { id, fromVersion, checked, at, actor, message } = next;
  const version = fromVersion + 1;
  const head = await trx
    .updateTable('designs')
    .set({
      version,
      name: checked.name,
      search_name: checked.name.toLowerCase(),
      updated_at: at,
      updated_by: actor,
    })
    .where('id', '=', id)
    .where('version', '=', fromVersion)
    .where('deleted_at', 'is', null)
    .returning(['created_at', 'created_by'])
    .executeTakeFirst();
  if (!head) return undefined;
  await insertVersion(trx, { id, version, checked, at, actor, message });
  return {
    value: designOf({
      id,
      version,
      checked,
      message,
      at,
      actor,
      createdAt: head.created_at,
      createdBy: head.created_by,
    }),
    audit: [
      {
        actor,
        action: 'design.update',
        subjectType: 'design',
        subjectId: id,
        data: { name: checked.name, version, bytes: checked.json.bytes, message },
      },
    ],
  };
}

async function insertVersion(
  trx: Transaction<Database>,
  args: {
    id: string;
    version: number;
    checked: CheckedDocument;
    at: number;
    actor: string;
    message: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('design_versions')
    .values({
      design_id: args.id,
      version: args.version,
      name: args.checked.name,
      document: args.checked.json.text,
      document_bytes: args.checked.json.bytes,
      created_at: args.at,
      created_by: args.actor,
      message: args.message,
    })
    .execute();
}

/** Why a conditional write changed nothing: the design is gone, or it is at another version. */
async function conflictOrMissing(
  trx: Transaction<Database>,
  id: string,
  expectedVersion: number | undefined,
): Promise<Error> {
  const current = await trx
    .selectFrom('designs')
    .select(['version'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!current || expectedVersion === undefined) return new NotFoundError('design', id);
  return new VersionConflictError(id, expectedVersion, current.version);
}

function designOf(args: {
  id: string;
  version: number;
  checked: CheckedDocument;
  message: string | null;
  at: number;
  actor: string;
  createdAt: number;
  createdBy: string;
}): Design {
  return {
    id: args.id,
    name: args.checked.name,
    version: args.version,
    latestVersion: args.version,
    // A copy as it was stored, so the caller's object is not shared and reads look the same.
    document: fromJson<DesignDocument>(args.checked.json.text),
    message: args.message,
    savedAt: isoTime(args.at),
    savedBy: args.actor,
    createdAt: isoTime(args.createdAt),
    createdBy: args.createdBy,
    deletedAt: null,
  };
}
