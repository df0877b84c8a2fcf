import { Issues } from '@faultline/core';
import type { Transaction } from 'kysely';
import type { Mutation, StoreContext } from '../context.js';
import { NotFoundError, VersionConflictError } from '../errors.js';
import { failIfAny, fromJson, readText, toJson, type Json } from '../input.js';
import type { Database } from '../schema.js';
import { isoTime } from '../time.js';
import type { Design, DesignDocument } from './types.js';

// What every save of a design shares: checking the document and writing it as the next version.

/** A document checked and serialized for saving. */
export interface CheckedDocument {
  readonly json: Json;
  readonly name: string;
}

/** Checks a document: a JSON object with a usable `name`, within the size limit. */
export function checkDocument(ctx: StoreContext, document: unknown): CheckedDocument {
  const json = toJson(document, 'document', 'documentBytes', ctx.limits);
  const issues = new Issues();
  const { name } = document as Record<string, unknown>;
  if (name === undefined) issues.add('document.name', 'expected a design name, got nothing');
  else readText(name, 'document.name', issues, ctx.limits.nameLength, 'a design name');
  failIfAny(issues);
  return { json, name: name as string };
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
export async function saveNextVersion(
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

export async function insertVersion(
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
export async function conflictOrMissing(
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

export function designOf(args: {
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
