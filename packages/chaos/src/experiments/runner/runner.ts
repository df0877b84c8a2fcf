import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '@faultline/core';
import { DEFAULT_API_HOST, DEFAULT_API_PORT } from '../../proxy/constants.js';
import type { Activity, Experiment, RollbackStrategy } from '../format/schema.js';
import { defaultProviders, type ProviderRunners } from '../activities/providers.js';
import { runActivity } from '../activities/run-activity.js';
import { ToxicInjector } from '../toxics/injector.js';
import { ProxyApiClient } from '../toxics/proxy-api.js';
import { checkBlastRadius } from '../safety/blast-radius.js';
import { StopWatch, type Stop } from './stop-watch.js';
import { JOURNAL_PRODUCER_VERSION, type ActivityRun, type Journal, type SteadyStateRun } from './journal.js';

/** Options of runExperiment; everything has a default for a real run. */
export interface RunExperimentOptions {
  /** Where waits, timeouts, stop-condition checks and lease renewals are scheduled. */
  readonly clock?: Clock;
  /** Wall time (epoch ms) at the start, for the journal's timestamps; `Date.now()` by default. */
  readonly startedAt?: number;
  /** The proxy API for toxic actions that name none, and for `proxies`; `http://127.0.0.1:8474` by default. */
  readonly proxyApi?: string;
  /** The dead man's switch: how long injected toxics outlive a runner that died. */
  readonly lease?: number;
  /** Overrides the experiment's `rollback-strategy`. */
  readonly rollbackStrategy?: RollbackStrategy;
  /** Aborting it interrupts the run (SIGINT, SIGTERM): status `interrupted`, rollbacks still run. */
  readonly signal?: AbortSignal;
  /** Asked every `haltCheckEvery` ms; true aborts the run (the emergency stop). */
  readonly isHalted?: () => boolean;
  readonly haltCheckEvery?: number;
  /** Replaces provider runners by type (tests). */
  readonly providers?: Partial<ProviderRunners>;
  /** Names the run's toxics on the proxy; random by default. */
  readonly runId?: string;
  /** Told of each activity as it ends, for progress output. */
  readonly onActivity?: (args: { phase: string; run: ActivityRun }) => void;
}

/**
 * Runs an experiment: the steady-state hypothesis, the method (with stop conditions, the halt and
 * the blast radius watched all along), the hypothesis again, rollbacks per strategy, then removes
 * whatever toxic is still injected. Resolves to the journal; rejects (with a ConfigError) only when
 * the blast radius refuses the experiment, before anything is done.
 */
export async function runExperiment(
  experiment: Experiment,
  options: RunExperimentOptions = {},
): Promise<Journal> {
  checkBlastRadius(experiment);
  // The system clock's timers do not hold the process open; a run must, until its rollbacks are done.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    return await runChecked(experiment, options);
  } finally {
    clearInterval(keepAlive);
  }
}

async function runChecked(experiment: Experiment, options: RunExperimentOptions): Promise<Journal> {
  const clock = options.clock ?? systemClock;
  const t0 = clock.now();
  const wall0 = options.startedAt ?? Date.now();
  const timestamp = (at: number): string => new Date(wall0 + (at - t0)).toISOString();
  const runId = options.runId ?? randomUUID().slice(0, 8);
  const proxyApi = options.proxyApi ?? `http://${DEFAULT_API_HOST}:${DEFAULT_API_PORT}`;
  const providers: ProviderRunners = { ...defaultProviders, ...options.providers };
  const watch = new StopWatch({ clock, signal: options.signal });
  const toxics = new ToxicInjector({
    clock,
    runId,
    api: proxyApi,
    lease: options.lease,
    onLeaseLost: ({ error }) =>
      watch.stop({ status: 'aborted', reason: `lost the lease on an injected toxic: ${error.message}` }),
  });
  const run = (activity: Activity, phase: string, signal = watch.signal): Promise<ActivityRun> =>
    runActivity({ activity, clock, providers, toxics, signal, timestamp }).then((result) => {
      options.onActivity?.({ phase, run: result });
      return result;
    });

  const steps: ActivityRun[] = [];
  const during: ActivityRun[] = [];
  let before: SteadyStateRun | null = null;
  let after: SteadyStateRun | null = null;
  let outcome: Stop | undefined;
  let methodStarted = false;
  const hypothesis = experiment['steady-state-hypothesis'];
  if (options.isHalted) watch.watchHalt(options.isHalted, options.haltCheckEvery ?? 500);

  try {
    if (options.isHalted?.())
      watch.stop({
        status: 'aborted',
        reason: 'the emergency stop is on (faultline experiment halt); release it first',
      });
    for (const proxy of experiment.proxies) {
      if (watch.stopped) break;
      try {
        await new ProxyApiClient(proxyApi).ensureProxy(proxy, watch.signal);
      } catch (error) {
        watch.stop({ status: 'failed', reason: `proxies: ${(error as Error).message}` });
      }
    }
    if (hypothesis && !watch.stopped) {
      before = await checkHypothesis(hypothesis.probes, (probe) => run(probe, 'before'));
      if (!before.steady_state_met && !watch.stopped)
        outcome = { status: 'failed', reason: 'the steady state was not met before the method' };
    }
    if (!outcome && !watch.stopped) {
      methodStarted = true;
      const limits = experiment['blast-radius'];
      if (limits?.['max-duration'] !== undefined) watch.deadline(limits['max-duration']);
      const conditions = experiment['stop-conditions'];
      if (conditions)
        watch.watchConditions(conditions.every, async () => {
          for (const probe of conditions.probes) {
            const check = await run(probe, 'stop-condition');
            if (watch.stopped || watch.conditionsOver) return;
            if (check.status === 'failed' || check.tolerance_met === false) {
              during.push(check);
              watch.stop({
                status: 'aborted',
                reason: `stop condition ${probe.name} failed: ${check.tolerance_reason ?? check.exception ?? 'not met'}`,
              });
              return;
            }
          }
        });
      for (const activity of experiment.method) {
        if (watch.stopped) break;
        const step = await run(activity, 'method');
        steps.push(step);
        if (step.status === 'failed' && activity.type === 'action' && !watch.stopped) {
          outcome = { status: 'failed', reason: `method: ${activity.name} failed: ${step.exception}` };
          break;
        }
      }
      watch.endConditions();
    }
    if (!outcome && !watch.stopped && hypothesis) {
      after = await checkHypothesis(hypothesis.probes, (probe) => run(probe, 'after'));
      if (!after.steady_state_met && !watch.stopped)
        outcome = { status: 'failed', reason: 'the steady state deviated after the method' };
    }
  } finally {
    watch.endConditions();
  }
  outcome = watch.outcome ?? outcome ?? { status: 'completed' };
  const deviated = after !== null && !after.steady_state_met;

  const strategy = options.rollbackStrategy ?? experiment['rollback-strategy'];
  const rollbacks: ActivityRun[] = [];
  if (shouldRollBack(strategy, methodStarted, deviated)) {
    // Rollbacks run after an abort or an interrupt too: that is when they matter most.
    const never = new AbortController().signal;
    for (const activity of experiment.rollbacks) rollbacks.push(await run(activity, 'rollback', never));
  }
  const cleanup = await toxics.removeAll();
  toxics.dispose();
  watch.dispose();
  const end = clock.now();
  return {
    faultline: JOURNAL_PRODUCER_VERSION,
    experiment,
    run_id: runId,
    start: timestamp(t0),
    end: timestamp(end),
    duration: Math.round(end - t0) / 1000,
    status: outcome.status,
    deviated,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    steady_states: { before, after, during },
    run: steps,
    rollbacks,
    cleanup: { removed: cleanup.removed, errors: cleanup.errors.map((error) => error.message) },
  };
}

async function checkHypothesis(
  probes: readonly Activity[],
  run: (probe: Activity) => Promise<ActivityRun>,
): Promise<SteadyStateRun> {
  const results: ActivityRun[] = [];
  for (const probe of probes) {
    const result = await run(probe);
    results.push(result);
    // Chaos Toolkit stops at the first probe out of tolerance: the rest would not change the answer.
    if (result.status === 'failed' || result.tolerance_met === false)
      return { steady_state_met: false, probes: results };
  }
  return { steady_state_met: true, probes: results };
}

/** Chaos Toolkit's strategies: default rolls back once the method started; deviated only after a deviation. */
function shouldRollBack(strategy: RollbackStrategy, methodStarted: boolean, deviated: boolean): boolean {
  if (strategy === 'always') return true;
  if (strategy === 'never') return false;
  if (strategy === 'deviated') return deviated;
  return methodStarted;
}
