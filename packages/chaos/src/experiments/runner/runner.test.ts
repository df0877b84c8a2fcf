import { ConfigError, VirtualClock } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../format/load.js';
import type { ProviderRunner } from '../activities/context.js';
import { runExperiment, type RunExperimentOptions } from './runner.js';
import type { Journal } from './journal.js';

/** A fake "http" provider whose status is read from `state` at the time of each call. */
function statusFrom(state: { status: number }): ProviderRunner {
  return async () => ({ value: state.status, text: `status ${state.status}` });
}

function experiment(extra: Record<string, unknown> = {}) {
  return validateExperiment({
    title: 'test',
    'steady-state-hypothesis': {
      title: 'the service answers 200',
      probes: [
        {
          type: 'probe',
          name: 'health',
          provider: { type: 'http', url: 'http://svc/health' },
          tolerance: 200,
        },
      ],
    },
    method: [
      { type: 'action', name: 'break it', provider: { type: 'process', path: 'break' } },
      { type: 'action', name: 'hold', provider: { type: 'wait', duration: '10s' } },
    ],
    rollbacks: [{ type: 'action', name: 'repair', provider: { type: 'process', path: 'repair' } }],
    ...extra,
  });
}

/** Runs on a virtual clock; `breakTo` is the status the system answers once "break" ran; "repair" restores 200. */
async function run(
  exp: ReturnType<typeof experiment>,
  setup: {
    breakTo?: number;
    startStatus?: number;
    options?: Partial<RunExperimentOptions>;
    during?: (clock: VirtualClock) => void;
  } = {},
): Promise<{ journal: Journal; calls: string[] }> {
  const clock = new VirtualClock();
  const state = { status: setup.startStatus ?? 200 };
  const calls: string[] = [];
  const processRunner: ProviderRunner = async ({ provider }) => {
    if (provider.type !== 'process') throw new Error('unexpected');
    calls.push(provider.path);
    if (provider.path === 'break') state.status = setup.breakTo ?? 200;
    if (provider.path === 'repair') state.status = 200;
    if (provider.path === 'fail') throw new Error('exit 3');
    return { value: 0, text: '' };
  };
  const promise = runExperiment(exp, {
    clock,
    startedAt: Date.parse('2026-01-01T00:00:00Z'),
    runId: 'test',
    providers: { http: statusFrom(state), process: processRunner },
    ...setup.options,
  });
  for (let i = 0; i < 40; i++) {
    await clock.tick(1000);
    setup.during?.(clock);
  }
  return { journal: await promise, calls };
}

describe('runExperiment', () => {
  it('completes when the steady state holds before and after, and rolls back by default', async () => {
    const { journal, calls } = await run(experiment());
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(false);
    expect(journal.steady_states.before?.steady_state_met).toBe(true);
    expect(journal.steady_states.after?.steady_state_met).toBe(true);
    expect(journal.run.map((step) => step.activity.name)).toEqual(['break it', 'hold']);
    expect(journal.run[1]!.duration).toBe(10);
    expect(journal.rollbacks).toHaveLength(1);
    expect(calls).toEqual(['break', 'repair']);
    expect(journal.start).toBe('2026-01-01T00:00:00.000Z');
    expect(journal.duration).toBe(10);
  });

  it('fails without running the method when the steady state does not hold before', async () => {
    const { journal, calls } = await run(experiment(), { startStatus: 503 });
    expect(journal.status).toBe('failed');
    expect(journal.deviated).toBe(false);
    expect(journal.run).toEqual([]);
    expect(journal.steady_states.before?.probes[0]?.tolerance_reason).toBe('value 503 is not 200');
    expect(calls).toEqual([]); // default strategy: no rollback when the method never started
  });

  it('always rolls back with "always", even when the method never started', async () => {
    const { calls } = await run(experiment({ 'rollback-strategy': 'always' }), { startStatus: 503 });
    expect(calls).toEqual(['repair']);
  });

  it('marks a run deviated when the steady state fails after the method', async () => {
    const { journal, calls } = await run(experiment({ 'rollback-strategy': 'deviated' }), { breakTo: 500 });
    expect(journal.status).toBe('failed');
    expect(journal.deviated).toBe(true);
    expect(journal.reason).toMatch(/deviated/);
    expect(calls).toEqual(['break', 'repair']);
  });

  it('skips rollbacks with "deviated" when nothing deviated, and always with "never"', async () => {
    expect((await run(experiment({ 'rollback-strategy': 'deviated' }))).calls).toEqual(['break']);
    expect((await run(experiment(), { breakTo: 500, options: { rollbackStrategy: 'never' } })).calls).toEqual(
      ['break'],
    );
  });

  it('fails when an action of the method fails, and still rolls back', async () => {
    const exp = experiment({
      method: [{ type: 'action', name: 'boom', provider: { type: 'process', path: 'fail' } }],
    });
    const { journal, calls } = await run(exp);
    expect(journal.status).toBe('failed');
    expect(journal.reason).toBe('method: boom failed: exit 3');
    expect(journal.steady_states.after).toBeNull();
    expect(calls).toEqual(['fail', 'repair']);
  });

  it('aborts when a stop condition fails during the method, and rolls back', async () => {
    const exp = experiment({
      'stop-conditions': {
        every: '500ms',
        probes: [
          {
            type: 'probe',
            name: 'not on fire',
            provider: { type: 'http', url: 'http://svc/health' },
            tolerance: [200, 299],
          },
        ],
      },
    });
    const { journal, calls } = await run(exp, { breakTo: 503 });
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toBe('stop condition not on fire failed: value 503 is outside [200, 299]');
    expect(journal.steady_states.during).toHaveLength(1);
    expect(journal.run[1]!.status).toBe('failed'); // the wait was cut short
    expect(journal.run[1]!.duration).toBeLessThan(1);
    expect(journal.steady_states.after).toBeNull();
    expect(calls).toEqual(['break', 'repair']);
  });

  it('is interrupted by its signal (SIGINT, SIGTERM), and rolls back', async () => {
    const controller = new AbortController();
    const { journal, calls } = await run(experiment(), {
      options: { signal: controller.signal },
      during: (clock) => clock.now() >= 3000 && controller.abort(),
    });
    expect(journal.status).toBe('interrupted');
    expect(journal.run[1]!.duration).toBe(3); // the 10 s wait, cut at 3 s
    expect(calls).toEqual(['break', 'repair']);
  });

  it('aborts on the emergency stop and refuses to start while it is on', async () => {
    let halted = false;
    const { journal } = await run(experiment(), {
      options: { isHalted: () => halted, haltCheckEvery: 100 },
      during: (clock) => void (halted = clock.now() >= 5000),
    });
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toMatch(/halted/);
    const refused = await run(experiment(), { options: { isHalted: () => true } });
    expect(refused.journal.status).toBe('aborted');
    expect(refused.calls).toEqual([]);
  });

  it('aborts a method that runs past blast-radius.max-duration', async () => {
    const exp = experiment({
      method: [
        {
          type: 'action',
          name: 'slow',
          provider: { type: 'process', path: 'break' },
          pauses: { after: '1s' },
        },
        {
          type: 'probe',
          name: 'slow probe',
          provider: { type: 'http', url: 'http://svc/slow' },
          timeout: '20s',
        },
      ],
      'blast-radius': { 'max-duration': '5s' },
    });
    const clock = new VirtualClock();
    const promise = runExperiment(exp, {
      clock,
      providers: {
        http: async ({ provider, signal }) =>
          provider.type === 'http' && provider.url.endsWith('slow')
            ? new Promise((_, reject) =>
                signal.addEventListener('abort', () => reject(signal.reason as Error)),
              )
            : { value: 200, text: '' },
        process: async () => ({ value: 0, text: '' }),
      },
    });
    await clock.tick(30_000);
    const journal = await promise;
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toBe('the method ran past blast-radius.max-duration 5000ms');
  });

  it('gives every activity a timeout', async () => {
    const exp = experiment({
      method: [
        { type: 'probe', name: 'hangs', provider: { type: 'http', url: 'http://svc/hang' }, timeout: '2s' },
      ],
    });
    const clock = new VirtualClock();
    const promise = runExperiment(exp, {
      clock,
      providers: {
        http: ({ provider }) =>
          provider.type === 'http' && provider.url.endsWith('hang')
            ? new Promise(() => {})
            : Promise.resolve({ value: 200, text: '' }),
      },
    });
    await clock.tick(3000);
    const journal = await promise;
    expect(journal.run[0]!.exception).toBe('hangs: timed out after 2000ms');
    expect(journal.status).toBe('completed'); // a probe in the method is recorded, not judged
  });
});

describe('blast radius', () => {
  const addToxic = (proxy: string, toxicity = 1, duration?: string) => ({
    type: 'action',
    name: `add to ${proxy}`,
    provider: {
      type: 'add-toxic',
      proxy,
      toxic: { name: `t-${proxy}`, type: 'latency', toxicity, ...(duration ? { duration } : {}) },
    },
  });

  it('refuses before anything is done, naming each activity over a limit', async () => {
    const exp = validateExperiment({
      title: 'too much',
      method: [
        addToxic('redis', 0.9),
        addToxic('postgres', 0.2, '10m'),
        { type: 'action', name: 'w', provider: { type: 'wait', duration: '2m' } },
      ],
      'blast-radius': {
        'max-toxics': 1,
        'max-toxicity': 0.5,
        'max-duration': '1m',
        'allowed-proxies': ['redis'],
      },
    });
    const error = await runExperiment(exp, { proxyApi: 'http://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: 'method[1]', message: '2 toxics are over blast-radius.max-toxics 1' },
      {
        path: 'method[0].provider.toxic.toxicity',
        message: '0.9 is over blast-radius.max-toxicity 0.5; lower it (toxicity defaults to 1)',
      },
      {
        path: 'method[1].provider.proxy',
        message: 'proxy "postgres" is not in blast-radius.allowed-proxies (redis)',
      },
      {
        path: 'method[1].provider.toxic.duration',
        message: '600000ms is over blast-radius.max-duration 60000ms',
      },
      {
        path: 'method',
        message: 'its waits and pauses add up to 120000ms, over blast-radius.max-duration 60000ms',
      },
    ]);
  });
});
