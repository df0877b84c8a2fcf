// Measures every subject of every scenario with tinybench, in interleaved rounds, and reduces
// the rounds to medians. Why rounds: this box is shared, and a burst of someone else's work
// during one measurement must not decide a ratio; a subject measured in every round, next to
// its peers, and summarized by the median is robust to that.
import { Bench } from 'tinybench';

/**
 * Awaited calls per throughput sample: as many as take about BATCH_NS, calibrated per subject.
 * tinybench spends a few µs of its own per sample, several times what a bare call takes, so a
 * fast subject's sample holds thousands of calls (about 1% overhead); a slow subject gets fewer
 * (cockatiel's retries, which wait a 1 ms timer each, get one).
 */
export const MAX_BATCH = 100_000;
/** What one batch should take, in ns. */
export const BATCH_NS = 1_000_000;

/** Flattens scenarios into subjects keyed `path/scenario/library`. */
export function subjectsOf(scenarios) {
  const subjects = [];
  for (const scenario of scenarios)
    for (const [library, op] of Object.entries(scenario.subjects))
      subjects.push({
        key: `${scenario.path}/${scenario.name}/${library}`,
        path: scenario.path,
        scenario: scenario.name,
        library,
        op,
        setup: scenario.setup,
      });
  return subjects;
}

/** Calls `op` for at least `ms` milliseconds. */
async function callFor(op, ms) {
  const until = performance.now() + ms;
  do await op();
  while (performance.now() < until);
}

/**
 * The time one call of `op` takes: the median over short runs of a few calls, so that a run
 * during which this process waited for a CPU (on a busy machine) does not decide it.
 */
async function timePerCall(op) {
  const runs = [];
  for (let run = 0; run < 21; run++) {
    const started = performance.now();
    for (let i = 0; i < 10; i++) await op();
    runs.push(((performance.now() - started) * 1e6) / 10);
  }
  return median(runs);
}

/** Warms each subject up, times it, and sets `subject.batch` (fixed for the whole run, so rounds compare). */
export async function calibrate(subjects) {
  for (const subject of subjects) {
    subject.setup?.();
    await callFor(subject.op, 200); // code not yet optimized (the first ~100 ms here) would ask for a smaller batch
    const ns = await timePerCall(subject.op);
    subject.batch = Math.max(1, Math.min(MAX_BATCH, Math.round(BATCH_NS / ns)));
  }
}

/** A loop of `batch` awaited calls: what a user's sequential code does, `batch` times. */
function batchOf(subject) {
  const { op, batch } = subject;
  return async () => {
    for (let i = 0; i < batch; i++) await op();
    subject.batchesRun++;
  };
}

/** One awaited call, for the latency distribution. */
function singleOf({ op }) {
  return async () => {
    await op();
  };
}

/**
 * Runs one tinybench over `subjects`. Also measures the process's CPU time over each task's
 * timed phase: on a shared machine wall time includes waiting for a CPU, CPU time does not
 * (it does include the garbage collector's threads, which is part of a library's cost).
 */
async function runBench(subjects, makeFn, { time, warmupTime }) {
  const byKey = new Map(subjects.map((subject) => [subject.key, subject]));
  let cpuAtStart;
  const bench = new Bench({
    time,
    warmupTime,
    iterations: 16,
    throws: true,
    // No forced gc() between tasks: a full collection shrinks V8's young generation, and the
    // allocation-heavy subject measured next then pays for many more scavenges (measured: 2-5×).
    setup: (task, mode) => {
      const subject = byKey.get(task.name);
      subject.setup?.();
      subject.batchesRun = 0;
      if (mode === 'run') cpuAtStart = process.cpuUsage();
    },
    teardown: (task, mode) => {
      if (mode !== 'run') return;
      const cpu = process.cpuUsage(cpuAtStart);
      const subject = byKey.get(task.name);
      subject.cpuNsPerCall = ((cpu.user + cpu.system) * 1000) / (subject.batchesRun * subject.batch);
    },
  });
  for (const subject of subjects) bench.add(subject.key, makeFn(subject));
  await bench.run();
  return new Map(bench.tasks.map((task) => [task.name, task.result]));
}

/**
 * Runs one round: every subject once for throughput (batches) and once for latency (single
 * calls), starting at a different subject each round so that none always runs first.
 */
async function runRound(subjects, round, options) {
  const offset = round % subjects.length;
  const order = [...subjects.slice(offset), ...subjects.slice(0, offset)];
  const throughput = await runBench(order, batchOf, options);
  const cpu = new Map(subjects.map((subject) => [subject.key, subject.cpuNsPerCall]));
  const latency = await runBench(order, singleOf, {
    time: options.latencyTime,
    warmupTime: options.warmupTime,
  });
  const figures = new Map();
  for (const subject of subjects) {
    const batch = throughput.get(subject.key);
    const single = latency.get(subject.key);
    // ops/s from the median batch, not the mean: on a shared machine the mean is decided by the
    // moments this process waited for a CPU (a batch caught by that takes many times longer).
    // A garbage collection that hits fewer than half the batches is left out too; CPU time keeps it.
    const medianNs = (batch.latency.p50 * 1e6) / subject.batch;
    figures.set(subject.key, {
      opsPerSecond: 1e9 / medianNs,
      meanNs: (batch.period * 1e6) / subject.batch,
      p99Ns: single.latency.p99 * 1e6,
      cpuNs: cpu.get(subject.key),
    });
  }
  return figures;
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Measures `subjects` over `rounds` rounds. Returns, per subject, the median of each figure,
 * and the per-round figures (for ratios computed round by round).
 */
export async function measure(subjects, { rounds, time, latencyTime, warmupTime, onRound }) {
  const perRound = [];
  for (let round = 0; round < rounds; round++) {
    perRound.push(await runRound(subjects, round, { time, latencyTime, warmupTime }));
    onRound?.(round + 1, perRound[round]);
  }
  const medians = new Map();
  for (const subject of subjects) {
    const figures = perRound.map((round) => round.get(subject.key));
    medians.set(subject.key, {
      opsPerSecond: median(figures.map((f) => f.opsPerSecond)),
      meanNs: median(figures.map((f) => f.meanNs)),
      p99Ns: median(figures.map((f) => f.p99Ns)),
      cpuNs: median(figures.map((f) => f.cpuNs)),
    });
  }
  return { medians, perRound };
}

/**
 * Each target's ratio in every round (measured seconds apart, so load drift mostly cancels),
 * and their median, which decides PASS or FAIL; also the same ratio in CPU time per call.
 */
export function ratiosOf(targets, perRound) {
  return targets.map((target) => {
    const values = perRound.map(
      (round) => round.get(target.numerator).opsPerSecond / round.get(target.denominator).opsPerSecond,
    );
    const cpuValues = perRound.map(
      (round) => round.get(target.denominator).cpuNs / round.get(target.numerator).cpuNs,
    );
    const ratio = median(values);
    return {
      ...target,
      ratio,
      min: Math.min(...values),
      max: Math.max(...values),
      cpuRatio: median(cpuValues),
      pass: ratio >= target.atLeast,
    };
  });
}
