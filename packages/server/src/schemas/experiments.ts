import { Type } from '@sinclair/typebox';

/** A proxy API's base URL: http or https only. */
const ProxyApi = Type.String({
  pattern: '^https?://[^\\s]+$',
  maxLength: 2000,
  description: 'a fault proxy (Toxiproxy) API, like http://127.0.0.1:8474',
});

export const HaltBody = Type.Object(
  {
    proxyApis: Type.Optional(
      Type.Array(ProxyApi, {
        maxItems: 50,
        description: "proxy APIs to remove experiments' toxics from; default the server's configured ones",
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'written into the halt file' })),
  },
  { additionalProperties: false },
);

export const HaltStatus = Type.Object({
  halted: Type.Boolean({ description: 'whether the emergency stop is on' }),
  haltFile: Type.String({ description: 'the halt file the server was configured with' }),
});

export const HaltResult = Type.Object({
  halted: Type.Literal(true),
  haltFile: Type.String(),
  removed: Type.Array(Type.String(), { description: '`api proxy/toxic` of every toxic removed' }),
  errors: Type.Array(Type.String(), { description: 'proxy APIs that could not be cleaned, with why' }),
});

export const ReleaseResult = Type.Object({
  halted: Type.Literal(false),
  haltFile: Type.String(),
  wasHalted: Type.Boolean({ description: 'whether the stop was on before' }),
});
