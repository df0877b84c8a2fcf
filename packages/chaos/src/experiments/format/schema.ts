import { z } from 'zod';
import { TOXIC_TYPES } from '../../proxy/toxics/registry.js';
import { parseJsonPath } from '../tolerance/jsonpath.js';
import { choice, duration, expected, list, number, strictObject, text } from './messages.js';

/*
 * The experiment file, in the manner of Chaos Toolkit: a steady-state hypothesis of probes with
 * tolerances, a method of actions and probes, rollbacks. Keys are kebab-case as in Chaos Toolkit's
 * experiment format; see packages/chaos/docs/experiments.md.
 */

/** Longest any single probe or action may take, and the default. */
export const MAX_ACTIVITY_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_ACTIVITY_TIMEOUT_MS = 30_000;

const scalar = z.union([z.number(), z.string(), z.boolean()]);
const range = z.tuple([z.number(), z.number()]).refine(([min, max]) => min <= max, {
  error: 'a range is [min, max] with min ≤ max',
});

const regexTolerance = strictObject({
  type: z.literal('regex'),
  pattern: text('a regular expression').refine(
    (pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    },
    { error: (issue) => `not a valid regular expression: ${String(issue.input)}` },
  ),
});

const jsonPathTolerance = strictObject({
  type: z.literal('jsonpath'),
  path: text('a JSONPath like "$.body.status"').refine((path) => parseJsonPath(path) !== undefined, {
    error: (issue) =>
      `expected a JSONPath of the supported subset ($, .key, ['key'], [index]), got ${JSON.stringify(issue.input)}`,
  }),
  expect: z.union([range, scalar]).optional(),
});

/** Exact value, [min, max] range, { type: regex }, { type: jsonpath }. */
export const toleranceSchema = z.union([range, scalar, regexTolerance, jsonPathTolerance], {
  error: (issue) =>
    expected(
      'a tolerance: a value, a [min, max] range, { type: regex, pattern } or { type: jsonpath, path, expect }',
      issue.input,
    ),
});

const port = number('a port from 1 to 65535', 1, 65535).int();
const host = text('a host name or address').default('127.0.0.1');

const httpProvider = strictObject({
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/, error: (issue) => expected('an http:// or https:// URL', issue.input) }),
  method: choice(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

const tcpProvider = strictObject({ type: z.literal('tcp'), host, port });

const redisProvider = strictObject({
  type: z.literal('redis'),
  host,
  port: port.default(6379),
  commands: z
    .array(z.array(z.union([z.string(), z.number()])).min(1, { error: 'a command needs its name' }), {
      error: (issue) => expected('a list of commands, each a list like [SET, key, value]', issue.input),
    })
    .min(1, { error: 'expected at least one command' })
    .default([['PING']]),
});

const processProvider = strictObject({
  type: z.literal('process'),
  path: text('the program to run'),
  arguments: list(z.string(), 'a list of arguments').default([]),
});

const waitProvider = strictObject({ type: z.literal('wait'), duration: duration() });

const killProvider = strictObject({
  type: z.literal('kill'),
  pid: number('a process id', 2).int().optional(),
  name: text('a process name').optional(),
  signal: choice(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP', 'SIGSTOP', 'SIGCONT']).default('SIGTERM'),
}).refine((kill) => (kill.pid === undefined) !== (kill.name === undefined), {
  error: 'give either pid or name (exactly one)',
});

const toxicSpec = strictObject({
  name: text('a toxic name').regex(/^[A-Za-z0-9_.-]+$/, { error: 'use letters, digits, "_", "." or "-"' }),
  type: choice(TOXIC_TYPES as unknown as readonly [string, ...string[]]),
  stream: choice(['upstream', 'downstream']).default('downstream'),
  toxicity: number('a toxicity from 0 to 1', 0, 1).default(1),
  attributes: z.record(z.string(), z.unknown()).default({}),
  duration: duration().optional(),
});

const api = z.url({
  protocol: /^https?$/,
  error: (issue) => expected('the proxy API URL, like http://127.0.0.1:8474', issue.input),
});

const addToxicProvider = strictObject({
  type: z.literal('add-toxic'),
  api: api.optional(),
  proxy: text('a proxy name'),
  toxic: toxicSpec,
});

const removeToxicProvider = strictObject({
  type: z.literal('remove-toxic'),
  api: api.optional(),
  proxy: text('a proxy name'),
  name: text('the toxic name given to add-toxic'),
});

const removeAllToxicsProvider = strictObject({ type: z.literal('remove-all-toxics') });

export const providerSchema = z.discriminatedUnion('type', [
  httpProvider,
  tcpProvider,
  redisProvider,
  processProvider,
  waitProvider,
  killProvider,
  addToxicProvider,
  removeToxicProvider,
  removeAllToxicsProvider,
]);

const pauses = strictObject({ before: duration().optional(), after: duration().optional() });

export const activitySchema = strictObject({
  type: choice(['probe', 'action']),
  name: text('a name for the activity'),
  provider: providerSchema,
  tolerance: toleranceSchema.optional(),
  timeout: duration(MAX_ACTIVITY_TIMEOUT_MS).default(DEFAULT_ACTIVITY_TIMEOUT_MS),
  pauses: pauses.optional(),
});

const probeSchema = activitySchema.refine((activity) => activity.type === 'probe', {
  error: 'expected a probe (type: probe) here',
});
const checkedProbeSchema = probeSchema.refine((activity) => activity.tolerance !== undefined, {
  error: 'a probe of a hypothesis or a stop condition needs a tolerance',
});

const configValue = z.union([
  scalar,
  strictObject({ env: text('an environment variable name'), default: scalar.optional() }),
]);

const proxySpec = strictObject({
  name: text('a proxy name'),
  listen: text('host:port to listen on'),
  upstream: text('host:port to forward to'),
  protocol: choice(['tcp', 'http']).optional(),
});

export const ROLLBACK_STRATEGIES = ['default', 'always', 'never', 'deviated'] as const;

export const experimentSchema = strictObject({
  version: z.literal(1, { error: 'expected version 1 (the only version so far)' }).default(1),
  title: text('a title'),
  description: z.string().optional(),
  tags: list(z.string(), 'a list of tags').default([]),
  configuration: z.record(z.string(), configValue).default({}),
  proxies: list(proxySpec, 'a list of proxies').default([]),
  'steady-state-hypothesis': strictObject({
    title: text('a title'),
    probes: list(checkedProbeSchema, 'a list of probes').default([]),
  }).optional(),
  method: list(activitySchema, 'a list of actions and probes').min(1, {
    error: 'a method needs at least one activity',
  }),
  rollbacks: list(activitySchema, 'a list of actions').default([]),
  'rollback-strategy': choice(ROLLBACK_STRATEGIES).default('default'),
  'stop-conditions': strictObject({
    every: duration().default(1000),
    probes: list(checkedProbeSchema, 'a list of probes').min(1, { error: 'expected at least one probe' }),
  }).optional(),
  'blast-radius': strictObject({
    'max-toxics': number('a whole number ≥ 0', 0).int().optional(),
    'max-toxicity': number('a toxicity from 0 to 1', 0, 1).optional(),
    'max-duration': duration().optional(),
    'allowed-proxies': list(z.string(), 'a list of proxy names').optional(),
  }).optional(),
});

/** A validated experiment: durations in ms, defaults filled in. */
export type Experiment = z.output<typeof experimentSchema>;
export type Activity = z.output<typeof activitySchema>;
export type Provider = z.output<typeof providerSchema>;
export type Tolerance = z.output<typeof toleranceSchema>;
export type RollbackStrategy = (typeof ROLLBACK_STRATEGIES)[number];
export type ToxicSpec = z.output<typeof toxicSpec>;
export type ProxySpec = z.output<typeof proxySpec>;
