import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, VirtualClock } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../runner/journal.js';
import { parseSchedule, runContinuously } from './continuous.js';
import { waitUntil } from '../test-support/wait-until.js';

const EPOCH = Date.parse('2026-01-01T00:00:30Z');

/**
 * Journals are written with real file I/O, which the virtual clock does not wait for: move time
 * only once the loop sleeps on the clock again.
 */
async function tickWhenAsleep(clock: VirtualClock, ms: number): Promise<void> {
  await waitUntil(() => clock.pendingTimers > 0, 5000, 'the loop sleeps until its next run');
  await clock.tick(ms);
}

function fakeJournal(at: number, n: number): Journal {
  return {
    start: new Date(at).toISOString(),
    run_id: `r${n}`,
    status: n % 2 === 0 ? 'completed' : 'failed',
  } as unknown as Journal;
}

describe('runContinuously', () => {
  it('runs on the cron schedule and keeps the newest journals', async () => {
    const clock = new VirtualClock();
    const now = (): number => EPOCH + clock.now();
    const history = join(mkdtempSync(join(tmpdir(), 'faultline-history-')), 'runs');
    const ranAt: string[] = [];
    const done = runContinuously({
      every: '* * * * *',
      history,
      keep: 3,
      clock,
      now,
      maxRuns: 5,
      run: async () => {
        ranAt.push(new Date(now()).toISOString());
        return fakeJournal(now(), ranAt.length);
      },
    });
    for (let i = 0; i < 5; i++) await tickWhenAsleep(clock, 60_000);
    expect(await done).toBe(5);
    expect(ranAt).toEqual([
      '2026-01-01T00:01:00.000Z',
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
      '2026-01-01T00:04:00.000Z',
      '2026-01-01T00:05:00.000Z',
    ]);
    const files = readdirSync(history).sort();
    expect(files).toEqual([
      '2026-01-01T00-03-00-000Z-r3-failed.json',
      '2026-01-01T00-04-00-000Z-r4-completed.json',
      '2026-01-01T00-05-00-000Z-r5-failed.json',
    ]);
    expect(JSON.parse(readFileSync(join(history, files[2]!), 'utf8'))).toMatchObject({ run_id: 'r5' });
  });

  it('skips runs while halted and stops on its signal', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const events: string[] = [];
    let runs = 0;
    const done = runContinuously({
      every: '*/10 * * * * *',
      history: mkdtempSync(join(tmpdir(), 'faultline-history-')),
      clock,
      now: () => EPOCH + clock.now(),
      signal: controller.signal,
      isHalted: () => clock.now() < 15_000,
      run: async () => fakeJournal(EPOCH + clock.now(), ++runs),
      onRun: ({ skipped, journal }) => events.push(skipped ? 'skipped' : `ran ${journal!.run_id}`),
    });
    for (let i = 0; i < 7; i++) await tickWhenAsleep(clock, 5000);
    await waitUntil(() => clock.pendingTimers > 0, 5000, 'the loop sleeps');
    controller.abort();
    expect(await done).toBe(2);
    expect(events).toEqual(['skipped', 'ran r1', 'ran r2']);
  });

  it('refuses a bad cron expression or history bound', async () => {
    expect(() => parseSchedule('every five minutes')).toThrow(ConfigError);
    await expect(
      runContinuously({ every: '* * * * *', history: tmpdir(), keep: 0, run: async () => fakeJournal(0, 0) }),
    ).rejects.toThrow('keep: expected a whole number from 1 to 10000, got 0');
  });
});
