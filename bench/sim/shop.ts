/**
 * The 12-service shop with all policies on (bench/sim/shop-all-policies.yaml: examples/shop.yaml,
 * 1,000 user requests/s and three faults, plus a hedge, rate limiters and a concurrency limit)
 * through `simulate()`: how much faster than real time it runs. Target: simulated time at least
 * 100× wall time. Pass another design file as the second argument to measure it instead.
 *
 *   npx tsx --conditions=@faultline/source bench/sim/shop.ts [rounds] [design.yaml]
 *
 * Runs the design's 120 s `rounds` times after a warm-up and reports the best round (load from
 * anything else on the machine only ever slows a round down) and the median, by wall time and by
 * the process's CPU time (a run is single-threaded: on a machine shared with other work, CPU time
 * is what wall time would be on an idle one). Results go in bench/sim/RESULTS.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDesign, simulate, type RunResult } from '@faultline/sim';

const ROUNDS = Number(process.argv[2] ?? 5);
const FILE = process.argv[3] ?? fileURLToPath(new URL('./shop-all-policies.yaml', import.meta.url));
const DESIGN = loadDesign(readFileSync(FILE, 'utf8'), { path: FILE }).design;

const userRequests = (result: RunResult): number =>
  DESIGN.workload.reduce((sum, workload) => sum + (result.services[workload.target]?.requests ?? 0), 0);

simulate(DESIGN, { durationMs: 20_000 }); // warm up the JIT
const rounds: { result: RunResult; cpuMs: number }[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const cpu = process.cpuUsage();
  const result = simulate(DESIGN);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  rounds.push({ result, cpuMs });
  process.stdout.write(
    `round ${round}/${ROUNDS}: ${(result.simulatedMs / result.wallMs).toFixed(1)}x wall, ` +
      `${(result.simulatedMs / cpuMs).toFixed(1)}x CPU\n`,
  );
}
const byWall = rounds.map((round) => round.result).sort((a, b) => a.wallMs - b.wallMs);
const byCpu = rounds.map((round) => round.cpuMs).sort((a, b) => a - b);
const best = byWall[0]!;
const median = byWall[Math.floor(byWall.length / 2)]!;
const requests = userRequests(best);
const attempts = Object.values(best.calls).reduce((sum, call) => sum + call.attempts, 0);
const line = (label: string, value: string) => console.log(`${label.padEnd(28)}${value}`);
line(
  'design',
  `${DESIGN.name}: ${Object.keys(DESIGN.services).length} services, ${DESIGN.faults.length} faults`,
);
line('simulated', `${best.simulatedMs / 1000} s`);
line(
  'user requests',
  `${requests.toLocaleString('en')} (${Math.round(requests / (best.simulatedMs / 1000))}/s)`,
);
line('calls (attempts)', attempts.toLocaleString('en'));
line('events', best.events.toLocaleString('en'));
line(
  'wall, best',
  `${best.wallMs.toFixed(0)} ms -> ${(best.simulatedMs / best.wallMs).toFixed(1)}x real time`,
);
line(
  'wall, median',
  `${median.wallMs.toFixed(0)} ms -> ${(median.simulatedMs / median.wallMs).toFixed(1)}x real time`,
);
line('CPU, best', `${byCpu[0]!.toFixed(0)} ms -> ${(best.simulatedMs / byCpu[0]!).toFixed(1)}x`);
line(
  'CPU, median',
  `${byCpu[Math.floor(byCpu.length / 2)]!.toFixed(0)} ms -> ${(best.simulatedMs / byCpu[Math.floor(byCpu.length / 2)]!).toFixed(1)}x`,
);
line('user requests / wall s', Math.round(requests / (best.wallMs / 1000)).toLocaleString('en'));
line('events / wall s', Math.round(best.events / (best.wallMs / 1000)).toLocaleString('en'));
