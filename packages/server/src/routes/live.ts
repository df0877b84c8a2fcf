import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { LIVE_SESSION_STATUSES, type LiveSessionStatus } from '@faultline/store';
import type { RouteOptions } from '../context.js';
import { actorOf } from '../http/actor.js';
import type { FaultRequest as FaultRequestValue } from '../live/prepare-fault.js';
import { Id, IdParams, Page, errors } from '../schemas/common.js';
import {
  FaultRequest,
  InjectedFault,
  LiveReport,
  LiveSessionView,
  Speed,
  StartLiveBody,
} from '../schemas/live.js';
import { emptyBodyIsEmptyObject } from './empty-body.js';
import { followLive } from './live-stream.js';

const FaultParams = Type.Object({ id: Id, faultId: Id }, { additionalProperties: false });
const ListQuery = Type.Object(
  {
    design: Type.Optional(Id),
    status: Type.Optional(Type.Union(LIVE_SESSION_STATUSES.map((status) => Type.Literal(status)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
const SpeedBody = Type.Object({ speed: Speed }, { additionalProperties: false });
const StoredSession = Type.Omit(LiveSessionView, ['now']);

/** Live sessions: a design simulated at the pace of the wall clock, faults injected and healed by hand. */
export const liveRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { live, store } = ctx;
  const tags = ['live'];
  const session = { params: IdParams, response: { 200: LiveSessionView, ...errors(404, 409) } };

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof StartLiveBody> }>(
    '/designs/:id/live',
    {
      schema: {
        tags,
        summary: 'Start a live session of a design (its scheduled faults left out: inject them by hand)',
        params: IdParams,
        body: StartLiveBody,
        response: { 201: LiveSessionView, ...errors(404, 422, 429, 503) },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const view = await live.start({
        designId: request.params.id,
        version: body.version,
        name: body.name,
        speed: body.speed ?? 1,
        seed: body.seed,
        intervalMs: body.intervalMs,
        actor: actorOf(request),
      });
      return reply.status(201).header('location', `/api/v1/live/${view.id}`).send(view);
    },
  );

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/live',
    {
      schema: {
        tags,
        summary: 'List live sessions, newest first',
        querystring: ListQuery,
        response: { 200: Page(StoredSession), ...errors() },
      },
    },
    async (request) => {
      const { design, status, ...page } = request.query;
      return store.live.list({ ...page, designId: design, status: status as LiveSessionStatus | undefined });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/live/:id',
    { schema: { tags, summary: 'A live session, with what it shows now while it runs', ...session } },
    async (request) => live.get(request.params.id),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: FaultRequestValue }>(
    '/live/:id/faults',
    {
      schema: {
        tags,
        summary: 'Inject a fault now, with an intensity and an optional duration',
        params: IdParams,
        body: FaultRequest,
        response: { 201: InjectedFault, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await live.inject(request.params.id, request.body)),
  );

  app.delete<{ Params: Static<typeof FaultParams> }>(
    '/live/:id/faults/:faultId',
    {
      schema: {
        tags,
        summary: 'Heal one injected fault',
        params: FaultParams,
        response: { 200: InjectedFault, ...errors(404, 409) },
      },
    },
    async (request) => live.heal(request.params.id, request.params.faultId),
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/live/:id/halt',
    {
      schema: {
        tags,
        summary: 'Heal every active fault at once (the emergency stop)',
        params: IdParams,
        response: { 200: Type.Object({ healed: Type.Array(InjectedFault) }), ...errors(404, 409) },
      },
    },
    async (request) => ({ healed: await live.halt(request.params.id) }),
  );

  for (const [verb, status] of [
    ['pause', 'paused'],
    ['resume', 'running'],
  ] as const)
    app.post<{ Params: Static<typeof IdParams> }>(
      `/live/:id/${verb}`,
      { schema: { tags, summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} the session`, ...session } },
      async (request) => live.setStatus(request.params.id, status, actorOf(request)),
    );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/live/:id/stop',
    { schema: { tags, summary: 'Stop the session for good; its final report is saved', ...session } },
    async (request) => live.stop(request.params.id, actorOf(request)),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof SpeedBody> }>(
    '/live/:id/speed',
    { schema: { tags, summary: 'Change the pace, 1× to 100×', body: SpeedBody, ...session } },
    async (request) => live.setSpeed(request.params.id, request.body.speed),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/live/:id/report',
    {
      schema: {
        tags,
        summary: 'The resilience score, and for each fault: time to detection, to breaker open, to recovered',
        params: IdParams,
        response: { 200: LiveReport, ...errors(404) },
      },
    },
    async (request) => live.report(request.params.id),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/live/:id/stream',
    {
      websocket: true,
      schema: {
        tags,
        summary: 'WebSocket: snapshots every interval, fault and status events (see the README)',
        params: IdParams,
      },
    },
    (socket, request) => followLive(socket, request.params.id, { live, log: request.log }),
  );
};
