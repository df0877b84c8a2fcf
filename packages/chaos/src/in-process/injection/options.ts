import {
  childPath,
  describe,
  readClock,
  readRandom,
  readString,
  type Clock,
  type CommonPolicyOptions,
  type ExecuteContext,
  type Issues,
  type Random,
} from '@faultline/core';

/** What every per-call function of a chaos policy receives: one object, so fields can be added later. */
export interface ChaosArgs {
  /** The context of the call being decided: its signal and attempt number. */
  readonly context: ExecuteContext;
}

/** Decides the injection rate (0 to 1) of one call; values outside 0..1 are clamped, NaN counts as 0. */
export type InjectionRateFunction = (args: ChaosArgs) => number;

/** Decides whether chaos is switched on for one call. */
export type EnabledFunction = (args: ChaosArgs) => boolean;

/** Options every chaos policy accepts (Polly's ChaosStrategyOptions). */
export interface ChaosOptions extends CommonPolicyOptions {
  /** Share of calls that get the chaos, from 0 to 1, or a function deciding it per call. Default 0.001. */
  injectionRate?: number | InjectionRateFunction;
  /** Whether the chaos is on, or a function deciding it per call. Default true. */
  enabled?: boolean | EnabledFunction;
  /** Where the injection draws come from. Default Math.random; seededRandom(seed) to replay a run. */
  random?: Random;
}

/** The options every chaos policy shares, validated. */
export interface ResolvedChaosOptions {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly random: Random;
  readonly injectionRate: number | InjectionRateFunction;
  readonly enabled: boolean | EnabledFunction;
}

/** Polly's default: one call in a thousand, so chaos switched on by mistake does little harm. */
export const DEFAULT_INJECTION_RATE = 0.001;

/** The option names every chaos policy knows, before its own. */
export const CHAOS_OPTION_KEYS = ['name', 'clock', 'random', 'injectionRate', 'enabled'] as const;

/** Reads the options every chaos policy shares from `record`, reporting problems under `path`. */
export function readChaosOptions(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
  kind: string,
): ResolvedChaosOptions {
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, kind);
  return {
    name,
    clock: readClock(record, path, issues),
    random: readRandom(record, path, issues),
    injectionRate: readInjectionRate(record, path, issues),
    enabled: readEnabled(record, path, issues),
  };
}

function readInjectionRate(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
): number | InjectionRateFunction {
  const value = record.injectionRate;
  if (value === undefined) return DEFAULT_INJECTION_RATE;
  if (typeof value === 'function') return value as InjectionRateFunction;
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  issues.add(
    childPath(path, 'injectionRate'),
    `expected a number from 0 to 1 (0.1 injects into 10% of calls) or a function ({ context }) => number, got ${describe(value)}`,
  );
  return DEFAULT_INJECTION_RATE;
}

function readEnabled(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
): boolean | EnabledFunction {
  const value = record.enabled;
  if (value === undefined) return true;
  if (typeof value === 'boolean' || typeof value === 'function') return value as boolean | EnabledFunction;
  issues.add(
    childPath(path, 'enabled'),
    `expected true, false or a function ({ context }) => boolean, got ${describe(value)}`,
  );
  return true;
}

/** Describes a number-or-function option for dashboards: the number, or 'function'. */
export function describeOption(value: unknown): unknown {
  return typeof value === 'function' ? 'function' : value;
}
