import { Type, type TSchema } from '@sinclair/typebox';

/** A UUID, as the store makes them. */
export const Id = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'a UUID',
});

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Any JSON object: a design document, a run result. */
export const JsonObject = Type.Object({}, { additionalProperties: true });

/** A duration: ms, or text with a unit like "250ms", "2s", "1m". */
export const Duration = Type.Union(
  [Type.Number({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 40 })],
  {
    description: 'ms, or text with a unit: "250ms", "2s", "1m"',
  },
);

export const ErrorIssue = Type.Object({
  path: Type.String(),
  message: Type.String(),
  line: Type.Optional(Type.Integer({ description: 'in an imported file' })),
  column: Type.Optional(Type.Integer()),
});

/** `{ "error": { code, message, path?, issues?, limit?, currentVersion? } }` */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      path: Type.Optional(Type.String()),
      issues: Type.Optional(Type.Array(ErrorIssue)),
      limit: Type.Optional(Type.String()),
      currentVersion: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'ErrorResponse', description: 'Every error, whatever the route' },
);

/** A page of a list, with `nextCursor` to pass as `cursor` for the next one. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: 'items matching, over all pages' }),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });
}

/** limit, offset, cursor. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'default 50' })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'nextCursor of the previous page' })),
};

/** Error responses every route can give, by status, for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, { $ref: string }> {
  const out: Record<number, { $ref: string }> = {};
  for (const status of [400, 401, ...statuses, 500]) out[status] = { $ref: 'ErrorResponse#' };
  return out;
}
