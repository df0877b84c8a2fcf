import { describe, Issues } from '@faultline/core';
import { forShare, forUpdate, write, type StoreContext } from '../context.js';
import { InvalidStateError, NotFoundError } from '../errors.js';
import { failIfAny, newId, readActor, readId, readText, readVersion, toJson } from '../input.js';
import { loadRun } from './read.js';
import { splitResult, type StoredResult } from './result.js';
import { FINAL_RUN_STATUSES, RUN_TRANSITIONS, RUN_VERBS } from './transitions.js';
import type { CreateRun, Run, RunStatus, SetRunProgress, SetRunStatus } from './types.js';

/** Queues a run of a design version (the latest when none is named). */
export async function createRun(ctx: StoreContext, args: CreateRun): Promise<Run> {
  const issues = new Issues();
  const designId = readId(args.designId, 'designId', issues);
  const designVersion =
    args.designVersion === undefined ? undefined : readVersion(args.designVersion, 'designVersion', issues);
  const actor = readActor(args.actor, issues, ctx.limits);
  failIfAny(issues);
  const params = toJson(args.params ?? {}, 'params', 'paramsBytes', ctx.limits);
  const id = newId();
  return write(ctx, async (trx, at) => {
    // FOR SHARE: a delete of the design waits until this run is in (PostgreSQL).
    const design = await forShare(
      ctx,
      trx
        .selectFrom('designs')
        .select(['version'])
        .where('id', '=', designId)
        .where('deleted_at', 'is', null),
    ).executeTakeFirst();
    if (!design) throw new NotFoundError('design', designId);
    const version = designVersion ?? design.version;
    if (version > design.version) throw new NotFoundError('design', designId, version);
    await trx
      .insertInto('runs')
      .values({
        id,
        design_id: designId,
        design_version: version,
        status: 'queued',
        params: params.text,
        progress: 0,
        error: null,
        owner: null,
        created_at: at,
        created_by: actor,
        started_at: null,
        finished_at: null,
        updated_at: at,
      })
      .execute();
    return {
      value: await loadRun(trx, id),
      audit: [
        {
          actor,
          action: 'run.create',
          subjectType: 'run',
          subjectId: id,
          data: { designId, designVersion: version, params: JSON.parse(params.text) as unknown },
        },
      ],
    };
  });
}

/**
 * Moves a run to another status, if its current one allows it (see RUN_TRANSITIONS), saving
 * its error and result with it in one transaction. The run's row is locked while deciding
 * (PostgreSQL), so two workers cannot both start the same queued run.
 */
export async function setRunStatus(ctx: StoreContext, args: SetRunStatus): Promise<Run> {
  const issues = new Issues();
  const id = readId(args.id, 'id', issues);
  const actor = readActor(args.actor, issues, ctx.limits);
  const status = args.status;
  const from = RUN_TRANSITIONS[status as keyof typeof RUN_TRANSITIONS] as readonly RunStatus[] | undefined;
  if (from === undefined) {
    issues.add(
      'status',
      `expected one of ${Object.keys(RUN_TRANSITIONS).join(', ')}, got ${describe(status)}`,
    );
  }
  const final = FINAL_RUN_STATUSES.includes(status);
  const owner =
    args.owner === undefined ? undefined : readText(args.owner, 'owner', issues, ctx.limits.actorLength);
  if (owner !== undefined && status !== 'running')
    issues.add('owner', 'an owner is set when a run starts (status "running")');
  if (args.error !== undefined && typeof args.error !== 'string') {
    issues.add('error', `expected a message, got ${describe(args.error)}`);
  }
  if (args.error !== undefined && !final) issues.add('error', 'an error is recorded when a run ends');
  if (args.result !== undefined && !final) issues.add('result', 'a result is saved when a run ends');
  failIfAny(issues);
  const error = typeof args.error === 'string' ? cut(args.error, ctx.limits.errorLength) : undefined;
  const result: StoredResult | undefined =
    args.result === undefined ? undefined : splitResult(args.result, ctx.limits);

  return write(ctx, async (trx, at) => {
    const current = await forUpdate(
      ctx,
      trx.selectFrom('runs').select(['status']).where('id', '=', id),
    ).executeTakeFirst();
    if (!current) throw new NotFoundError('run', id);
    const was = current.status as RunStatus;
    if (!from!.includes(was)) throw new InvalidStateError('run', id, was, RUN_VERBS[status], from!);
    await trx
      .updateTable('runs')
      .set({
        status,
        updated_at: at,
        ...(status === 'running' ? { started_at: at, owner: owner ?? null } : {}),
        ...(final ? { finished_at: at } : {}),
        ...(status === 'succeeded' ? { progress: 1 } : {}),
        ...(error !== undefined ? { error } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', was)
      .execute();
    if (result) {
      await trx
        .insertInto('run_results')
        .values({
          run_id: id,
          summary: result.summary,
          timeline: result.timeline,
          result_bytes: result.bytes,
          created_at: at,
        })
        .execute();
    }
    return {
      value: await loadRun(trx, id),
      audit: [
        {
          actor,
          action: 'run.status',
          subjectType: 'run',
          subjectId: id,
          data: {
            from: was,
            to: status,
            owner,
            error: error === undefined ? undefined : cut(error, 200),
            resultBytes: result?.bytes,
          },
        },
      ],
    };
  });
}

/** Records progress of a running run. */
export async function setRunProgress(ctx: StoreContext, args: SetRunProgress): Promise<void> {
  const issues = new Issues();
  const id = readId(args.id, 'id', issues);
  const { progress } = args;
  if (typeof progress !== 'number' || !(progress >= 0 && progress <= 1)) {
    issues.add('progress', `expected a number from 0 to 1, got ${describe(progress)}`);
  }
  failIfAny(issues);
  // A transaction even for one statement: on SQLite that is what queues it behind this
  // process's other writers (sqlite/file-lock.ts).
  await write(ctx, async (trx, at) => {
    const updated = await trx
      .updateTable('runs')
      .set({ progress, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      const run = await trx.selectFrom('runs').select('status').where('id', '=', id).executeTakeFirst();
      if (!run) throw new NotFoundError('run', id);
      throw new InvalidStateError('run', id, run.status, 'report progress of', ['running']);
    }
    return { value: undefined, audit: [] };
  });
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
