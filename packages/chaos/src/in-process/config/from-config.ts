import {
  Issues,
  childPath,
  describe,
  pipeline,
  readChoice,
  readObject,
  type Clock,
  type Duration,
  type FailureCode,
  type Pipeline,
  type Random,
} from '@faultline/core';
import { ChaosLatencyPolicy } from '../latency/latency.js';
import { readChaosLatencyOptions } from '../latency/options.js';
import { ChaosFaultPolicy } from '../fault/fault.js';
import { readChaosFaultOptions } from '../fault/options.js';
import { InjectedFaultError } from '../fault/injected-fault-error.js';
import { ChaosOutcomePolicy } from '../outcome/outcome.js';
import { readChaosOutcomeOptions } from '../outcome/options.js';

/** Chaos a config file can name. Behavior runs code, so it is built with chaosBehavior() only. */
export const CHAOS_CONFIG_TYPES = ['latency', 'fault', 'outcome'] as const;
export type ChaosConfigType = (typeof CHAOS_CONFIG_TYPES)[number];

/** Failure codes a config fault can carry (the run result's words). */
export const CHAOS_FAULT_CODES = [
  'error',
  'unavailable',
  'timeout',
  'rejected',
  'circuitOpen',
] as const satisfies readonly FailureCode[];

/** Options every chaos config accepts. */
interface ChaosConfigBase {
  name?: string;
  /** From 0 to 1. Default 0.001. */
  injectionRate?: number;
  /** Default true. */
  enabled?: boolean;
}

/** `{ type: latency, latency: 200ms, injectionRate: 0.1 }` */
export interface ChaosLatencyConfig extends ChaosConfigBase {
  type: 'latency';
  /** Default 30s. */
  latency?: Duration;
}

/** `{ type: fault, code: unavailable, message: "orders is down", injectionRate: 0.05 }` */
export interface ChaosFaultConfig extends ChaosConfigBase {
  type: 'fault';
  /** The error's message. Default "injected fault". */
  message?: string;
  /** The failure code it is counted under. Default "error". */
  code?: FailureCode;
}

/** `{ type: outcome, outcome: { status: 503 }, injectionRate: 0.1 }` */
export interface ChaosOutcomeConfig extends ChaosConfigBase {
  type: 'outcome';
  /** The fake result, as it is. */
  outcome: unknown;
}

/** One chaos policy in plain JSON. */
export type ChaosConfig = ChaosLatencyConfig | ChaosFaultConfig | ChaosOutcomeConfig;

/** What a chaos policy built from config is. */
export type ChaosConfigPolicy = ChaosLatencyPolicy | ChaosFaultPolicy | ChaosOutcomePolicy;

/** What config cannot hold: where time and draws come from, and where the config sits (for errors). */
export interface ChaosFromConfigOptions {
  clock?: Clock;
  random?: Random;
  /** Prefix of every error path, e.g. `services.orders.chaos`. Default: none. */
  path?: string;
}

const COMMON_KEYS = ['type', 'name', 'injectionRate', 'enabled'] as const;
const CONFIG_WORDS = new Set(['type', 'message', 'code']);
const KEYS_BY_TYPE: Record<ChaosConfigType, readonly string[]> = {
  latency: [...COMMON_KEYS, 'latency'],
  fault: [...COMMON_KEYS, 'message', 'code'],
  outcome: [...COMMON_KEYS, 'outcome'],
};

/**
 * Builds chaos policies from plain JSON: one config gives one policy, an array gives a pipeline
 * of them (first outermost). Throws one ConfigError listing every problem, each with its path.
 */
export function chaosFromConfig(config: ChaosConfig, options?: ChaosFromConfigOptions): ChaosConfigPolicy;
export function chaosFromConfig(config: readonly ChaosConfig[], options?: ChaosFromConfigOptions): Pipeline;
export function chaosFromConfig(
  config: unknown,
  options?: ChaosFromConfigOptions,
): ChaosConfigPolicy | Pipeline;
export function chaosFromConfig(
  config: unknown,
  options: ChaosFromConfigOptions = {},
): ChaosConfigPolicy | Pipeline {
  const path = options.path ?? '';
  const issues = new Issues();
  if (Array.isArray(config)) {
    const policies = config.map((item: unknown, index) =>
      readChaosConfig(item, childPath(path, index), issues, options),
    );
    issues.throwIfAny();
    return pipeline(...(policies as ChaosConfigPolicy[]));
  }
  const policy = readChaosConfig(config, path, issues, options);
  issues.throwIfAny();
  return policy as ChaosConfigPolicy;
}

function readChaosConfig(
  config: unknown,
  path: string,
  issues: Issues,
  injected: ChaosFromConfigOptions,
): ChaosConfigPolicy | undefined {
  const type = readType(config, path, issues);
  if (type === undefined) return undefined;
  const known = KEYS_BY_TYPE[type];
  const record = readObject(config, path, issues, known)!;
  // The policy's options are the known keys but the config's own words (type, message, code);
  // unknown keys were reported above and are left out, so they are not reported twice.
  const options: Record<string, unknown> = { clock: injected.clock, random: injected.random };
  for (const key of known) if (key in record && !CONFIG_WORDS.has(key)) options[key] = record[key];
  switch (type) {
    case 'latency':
      return new ChaosLatencyPolicy(readChaosLatencyOptions(options, path, issues));
    case 'outcome':
      return new ChaosOutcomePolicy(readChaosOutcomeOptions(options, path, issues));
    case 'fault': {
      const faultMessage = readMessage(record.message, path, issues);
      const faultCode = readChoice(record, 'code', path, issues, CHAOS_FAULT_CODES, 'error');
      // A fresh error per call, so each failure has its own stack and nothing is shared between callers.
      const fault = () => new InjectedFaultError(faultMessage, faultCode);
      return new ChaosFaultPolicy(readChaosFaultOptions({ ...options, fault }, path, issues));
    }
  }
}

function readType(config: unknown, path: string, issues: Issues): ChaosConfigType | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    issues.add(
      path,
      `expected a chaos config like { type: latency, latency: 200ms }, got ${describe(config)}`,
    );
    return undefined;
  }
  const type = (config as Record<string, unknown>).type;
  if ((CHAOS_CONFIG_TYPES as readonly unknown[]).includes(type)) return type as ChaosConfigType;
  const where = childPath(path, 'type');
  if (type === 'behavior')
    issues.add(
      where,
      'a behavior runs code, so it has no config form: build it with chaosBehavior({ behavior })',
    );
  else
    issues.add(
      where,
      type === undefined
        ? `required: one of ${CHAOS_CONFIG_TYPES.map((t) => `"${t}"`).join(', ')}`
        : `expected one of ${CHAOS_CONFIG_TYPES.map((t) => `"${t}"`).join(', ')}, got ${describe(type)}`,
    );
  return undefined;
}

function readMessage(value: unknown, path: string, issues: Issues): string {
  if (value === undefined) return 'injected fault';
  if (typeof value === 'string' && value.length > 0) return value;
  issues.add(childPath(path, 'message'), `expected a non-empty string, got ${describe(value)}`);
  return 'injected fault';
}
