import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Design as StoredDesign } from '@faultline/store';
import type { RouteOptions } from '../context.js';
import { checkDesign } from '../designs/check-design.js';
import { documentFromYaml, documentToYaml } from '../designs/yaml.js';
import { actorOf } from '../http/actor.js';
import { IdParams, Page, PageQuery, errors } from '../schemas/common.js';
import {
  CreateDesignBody,
  Design,
  DesignSummary,
  DesignVersion,
  UpdateDesignBody,
} from '../schemas/designs.js';

const ListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name, any case' })),
    sort: Type.Optional(Type.Union([Type.Literal('updated'), Type.Literal('name')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);
const VersionQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the latest' })) },
  { additionalProperties: false },
);
const DeleteQuery = Type.Object(
  { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
const ImportQuery = Type.Object(
  { message: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/** Designs: list, create, read, update with the expected version, delete, versions, YAML in and out. */
export const designRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store, limits } = ctx;
  const tags = ['designs'];
  app.addContentTypeParser(
    YAML_TYPES,
    { parseAs: 'string', bodyLimit: limits.bodyBytes },
    (_request, body, done) => done(null, body),
  );

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/designs',
    {
      schema: {
        tags,
        summary: 'List designs (latest versions, without documents)',
        querystring: ListQuery,
        response: { 200: Page(DesignSummary), ...errors() },
      },
    },
    async (request) => store.designs.list(request.query),
  );

  app.post<{ Body: Static<typeof CreateDesignBody> }>(
    '/designs',
    {
      schema: {
        tags,
        summary: 'Create a design (version 1), validated by the design model',
        body: CreateDesignBody,
        response: { 201: Design, ...errors(413, 422) },
      },
    },
    async (request, reply) => {
      const { warnings } = checkDesign(request.body.document, limits);
      const design = await store.designs.create({
        document: request.body.document,
        message: request.body.message,
        actor: actorOf(request),
      });
      return reply
        .status(201)
        .header('location', `/api/v1/designs/${design.id}`)
        .send(withWarnings(design, warnings));
    },
  );

  app.post<{ Querystring: Static<typeof ImportQuery>; Body: string }>(
    '/designs/import',
    {
      schema: {
        tags,
        summary:
          'Create a design from a YAML (or JSON) file sent as the body (Content-Type: application/yaml)',
        querystring: ImportQuery,
        body: Type.String({ description: 'the design file' }),
        consumes: YAML_TYPES,
        response: { 201: Design, ...errors(413, 415, 422) },
      },
    },
    async (request, reply) => {
      const document = documentFromYaml(request.body);
      const { warnings } = checkDesign(document, limits);
      const design = await store.designs.create({
        document,
        message: request.query.message,
        actor: actorOf(request),
      });
      return reply
        .status(201)
        .header('location', `/api/v1/designs/${design.id}`)
        .send(withWarnings(design, warnings));
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof VersionQuery> }>(
    '/designs/:id',
    {
      schema: {
        tags,
        summary: 'Read a design: the latest version, or ?version=N',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: Design, ...errors(404) },
      },
    },
    async (request) => store.designs.get(request.params.id, { version: request.query.version }),
  );

  app.put<{ Params: Static<typeof IdParams>; Body: Static<typeof UpdateDesignBody> }>(
    '/designs/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version, if expectedVersion is still the latest (else 409 with currentVersion)',
        params: IdParams,
        body: UpdateDesignBody,
        response: { 200: Design, ...errors(404, 409, 413, 422) },
      },
    },
    async (request) => {
      const { warnings } = checkDesign(request.body.document, limits);
      const design = await store.designs.update({
        id: request.params.id,
        expectedVersion: request.body.expectedVersion,
        document: request.body.document,
        message: request.body.message,
        actor: actorOf(request),
      });
      return withWarnings(design, warnings);
    },
  );

  app.delete<{ Params: Static<typeof IdParams>; Querystring: Static<typeof DeleteQuery> }>(
    '/designs/:id',
    {
      schema: {
        tags,
        summary: 'Delete a design (its versions and runs stay readable)',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 204: Type.Null(), ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      await store.designs.delete({
        id: request.params.id,
        expectedVersion: request.query.expectedVersion,
        actor: actorOf(request),
      });
      return reply.status(204).send();
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof PageQueryOnly> }>(
    '/designs/:id/versions',
    {
      schema: {
        tags,
        summary: "A design's versions, newest first",
        params: IdParams,
        querystring: PageQueryOnly,
        response: { 200: Page(DesignVersion), ...errors(404) },
      },
    },
    async (request) => store.designs.versions(request.params.id, request.query),
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof VersionQuery> }>(
    '/designs/:id/export',
    {
      schema: {
        tags,
        summary: 'The design as a YAML file (comments of an imported file are not kept)',
        params: IdParams,
        querystring: VersionQuery,
        produces: ['application/yaml'],
        response: { 200: Type.String(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const design = await store.designs.get(request.params.id, { version: request.query.version });
      const file = design.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100) || 'design';
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}.yaml"`)
        .send(documentToYaml(design.document));
    },
  );
};

const PageQueryOnly = Type.Object(PageQuery, { additionalProperties: false });

function withWarnings(design: StoredDesign, warnings: readonly { path: string; message: string }[]) {
  return { ...design, warnings: warnings.map(({ path, message }) => ({ path, message })) };
}
