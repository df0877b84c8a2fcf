import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { toMilliseconds } from '@faultline/core';
import { parseDesign, renderReport, type Comparison, type RunResult } from '@faultline/sim';
import { FINAL_RUN_STATUSES, type RunStatus } from '@faultline/store';
import type { RouteOptions } from '../context.js';
import { notFound, unprocessable } from '../http/api-error.js';
import { actorOf } from '../http/actor.js';
import { IdParams, Page, errors } from '../schemas/common.js';
import { Run, RunListQuery, RunWithResult, StartRunBody } from '../schemas/runs.js';
import { emptyBodyIsEmptyObject } from './empty-body.js';
import { followRun } from './run-stream.js';

const ReportQuery = Type.Object(
  { format: Type.Optional(Type.Literal('html', { description: 'the only format: html' })) },
  { additionalProperties: false },
);

/** Runs: start one of a design, follow it, read its result, cancel it. */
export const runRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store, runs } = ctx;
  const tags = ['runs'];

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof StartRunBody> }>(
    '/designs/:id/runs',
    {
      schema: {
        tags,
        summary: 'Start a run of a design: queued in the worker pool, 202 with the run',
        params: IdParams,
        body: StartRunBody,
        response: { 202: Run, ...errors(404, 422, 429) },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request, reply) => {
      const { seed, duration, compare = false, version } = request.body ?? {};
      let durationMs: number | undefined;
      if (duration !== undefined) {
        durationMs = toMilliseconds(duration);
        if (durationMs === undefined || durationMs <= 0)
          throw unprocessable(
            'invalid_request',
            'duration',
            `expected a duration like "60s" above zero, got ${JSON.stringify(duration)}`,
          );
      }
      const run = await runs.start({
        designId: request.params.id,
        version,
        seed,
        durationMs,
        compare,
        actor: actorOf(request),
      });
      return reply.status(202).header('location', `/api/v1/runs/${run.id}`).send(run);
    },
  );

  app.get<{ Querystring: Static<typeof RunListQuery> }>(
    '/runs',
    {
      schema: {
        tags,
        summary: 'List runs, newest first: ?design=ID, ?status=',
        querystring: RunListQuery,
        response: { 200: Page(Run), ...errors() },
      },
    },
    async (request) => {
      const { design, status, ...page } = request.query;
      return store.runs.list({ ...page, designId: design, status: status as RunStatus | undefined });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/runs/:id',
    {
      schema: {
        tags,
        summary: 'A run: status, progress, and its result (without the timeline) once it succeeded',
        params: IdParams,
        response: { 200: RunWithResult, ...errors(404) },
      },
    },
    async (request) => {
      const run = await store.runs.get(request.params.id);
      const result = run.hasResult ? await store.runs.getResult(run.id, { timeline: false }) : null;
      return { ...run, result };
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/runs/:id/timeline',
    {
      schema: {
        tags,
        summary: "The run result's timeline: one bucket per simulated second (404 until there is a result)",
        params: IdParams,
        response: { 200: Type.Array(Type.Unknown()), ...errors(404) },
      },
    },
    async (request) => {
      const timeline = await store.runs.getTimeline(request.params.id);
      if (timeline === null) throw notFound('This run has no result yet: wait for it to succeed');
      return timeline;
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof ReportQuery> }>(
    '/runs/:id/report',
    {
      schema: {
        tags,
        summary: "The run's self-contained HTML report (charts inlined): 404 until it succeeded",
        params: IdParams,
        querystring: ReportQuery,
        produces: ['text/html'],
        response: { 200: Type.String(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const run = await store.runs.get(request.params.id);
      const result = run.hasResult ? await store.runs.getResult(run.id) : null;
      if (result === null) throw notFound('This run has no result yet: wait for it to succeed');
      const stored = await store.designs.get(run.designId, {
        version: run.designVersion,
        includeDeleted: true,
      });
      const { comparison, ...runResult } = result as { comparison?: Comparison } & Record<string, unknown>;
      const html = renderReport(runResult as unknown as RunResult, {
        design: parseDesign(stored.document).design,
        ...(comparison ? { comparison } : {}),
      });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/runs/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a queued or running run (409 once it has ended)',
        params: IdParams,
        response: { 200: Run, ...errors(404, 409) },
      },
    },
    async (request) => runs.cancel(request.params.id, actorOf(request)),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/runs/:id/stream',
    {
      websocket: true,
      schema: {
        tags,
        summary: "WebSocket: the run's status, progress and timeline as they happen (see the README)",
        params: IdParams,
      },
    },
    (socket, request) =>
      followRun(socket, request.params.id, { store, runs, final: FINAL_RUN_STATUSES, log: request.log }),
  );
};
