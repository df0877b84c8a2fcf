import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { haltExperiments, isHalted, releaseHalt } from '@faultline/chaos';
import type { RouteOptions } from '../context.js';
import { actorOf } from '../http/actor.js';
import { errors } from '../schemas/common.js';
import { HaltBody, HaltResult, HaltStatus, ReleaseResult } from '../schemas/experiments.js';
import { emptyBodyIsEmptyObject } from './empty-body.js';

/** Where the emergency stop of chaos experiments is, fixed by the server's configuration. */
export interface ExperimentSettings {
  /** The halt file every experiment runner watches (@faultline/chaos' `defaultHaltFile()`). */
  readonly haltFile: string;
  /** Proxy APIs cleaned by a halt that names none. */
  readonly proxyApis: readonly string[];
}

/**
 * The emergency stop of chaos experiments over the API (issue #6): the same as `faultline
 * experiment halt`. The halt file comes from the server's configuration only: a request cannot
 * make the server write a file of its choosing. The store's audit log takes only its own actions,
 * so halts and releases are logged (warn) with the actor.
 */
export const experimentRoutes: FastifyPluginAsync<
  RouteOptions & { experiments: ExperimentSettings }
> = async (app, { experiments }) => {
  const tags = ['experiments'];
  const { haltFile } = experiments;

  app.get(
    '/experiments/halt',
    {
      schema: {
        tags,
        summary: 'Whether the emergency stop of chaos experiments is on',
        response: { 200: HaltStatus, ...errors() },
      },
    },
    async () => ({ halted: isHalted(haltFile), haltFile }),
  );

  app.post<{ Body: Static<typeof HaltBody> }>(
    '/experiments/halt',
    {
      schema: {
        tags,
        summary: "Emergency stop: turn the halt file on and remove every experiment's toxics",
        body: HaltBody,
        response: { 200: HaltResult, ...errors() },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request) => {
      const actor = actorOf(request);
      const apis = request.body?.proxyApis ?? experiments.proxyApis;
      const reason = request.body?.reason ?? `halted over the API by ${actor}`;
      const result = await haltExperiments({ haltFile, apis, reason });
      request.log.warn(
        { actor, haltFile, apis, removed: result.removed, errors: result.errors },
        'experiments: halted (emergency stop on)',
      );
      return { halted: true as const, haltFile, removed: [...result.removed], errors: [...result.errors] };
    },
  );

  app.post(
    '/experiments/release',
    {
      schema: {
        tags,
        summary: 'Release the emergency stop so experiments may run again',
        response: { 200: ReleaseResult, ...errors() },
      },
    },
    async (request) => {
      const wasHalted = await releaseHalt(haltFile);
      request.log.warn({ actor: actorOf(request), haltFile, wasHalted }, 'experiments: halt released');
      return { halted: false as const, haltFile, wasHalted };
    },
  );
};
