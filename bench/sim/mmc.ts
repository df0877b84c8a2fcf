/**
 * M/M/c (c = 10, λ = 9, μ = 1): customers simulated per wall-clock second by Faultline, against
 * SimPy on the same model (bench/sim/mmc_simpy.py). Target: at least 20× SimPy. Faultline runs
 * twice: its engine alone (the model the queueing tests prove right), and `simulate()` on the
 * design file bench/sim/mmc.yaml (the whole world: load balancer, instance, queue, workload).
 *
 *   npx tsx --conditions=@faultline/source bench/sim/mmc.ts [rounds]
 *
 * SimPy comes from Debian (python3-simpy and python3-simpy3: SimPy 2.3 and 3.0); the benchmark
 * installs them with apt-get when they are missing.
 * Each round runs Faultline, then SimPy 2, then SimPy 3, so that load from anything else on the
 * machine falls on all three alike; the best round of each is reported. Results go in
 * bench/sim/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDesign, simulate } from '@faultline/sim';
// The very model the queueing-theory tests prove right (test support, not public API), so the
// benchmark measures what is proven correct.
import { runMMc } from '../../packages/sim/src/engine/test-support/mmc.js';

const MODEL = { servers: 10, arrivalRate: 9, serviceRate: 1 } as const;
const ROUNDS = Number(process.argv[2] ?? 5);
const CUSTOMERS = 1_000_000;
const SIMPY_CUSTOMERS = 200_000;
// Debian's SimPy lives in the system Python, which a python3 on PATH (pyenv, a venv) may not see.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const SIMPY_SCRIPT = fileURLToPath(new URL('./mmc_simpy.py', import.meta.url));

/** Installs Debian's SimPy 2 and 3 when either is missing (the benchmark needs both peers). */
function ensureSimPy(): void {
  const has = (module: string) => spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
  if (has('SimPy') && has('simpy')) return;
  console.log('SimPy missing: installing python3-simpy and python3-simpy3 with apt-get');
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  const installed = apt(['install', '-y', '-qq', 'python3-simpy', 'python3-simpy3']);
  if (installed.status !== 0)
    console.log('apt-get could not install SimPy (are you root?); SimPy rounds will report why');
}
ensureSimPy();

interface Rate {
  label: string;
  perSecond: number;
  meanResponse: number;
}

function faultline(seed: number): Rate {
  const outcome = runMMc({ ...MODEL, customers: CUSTOMERS, seed });
  return {
    label: `Faultline (Node ${process.versions.node})`,
    perSecond: CUSTOMERS / (outcome.result.wallMs / 1000),
    meanResponse: outcome.meanResponseMs,
  };
}

const DESIGN_FILE = fileURLToPath(new URL('./mmc.yaml', import.meta.url));
const DESIGN = loadDesign(readFileSync(DESIGN_FILE, 'utf8'), { path: DESIGN_FILE }).design;

function faultlineDesign(seed: number): Rate {
  const result = simulate(DESIGN, { seed });
  const server = result.services.server!;
  return {
    label: `Faultline simulate() on bench/sim/mmc.yaml (Node ${process.versions.node})`,
    perSecond: server.requests / (result.wallMs / 1000),
    meanResponse: server.latencyMs.mean,
  };
}

function simpy(version: 2 | 3, seed: number): Rate | Error {
  const args = [SIMPY_SCRIPT, String(SIMPY_CUSTOMERS), String(seed), ...(version === 2 ? ['--simpy2'] : [])];
  const child = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (child.status !== 0) return new Error((child.stderr || String(child.error)).trim().split('\n').pop());
  const run = JSON.parse(child.stdout) as {
    simpy: string;
    python: string;
    customersPerSecond: number;
    meanResponse: number;
  };
  return {
    label: `SimPy ${run.simpy} (Python ${run.python})`,
    perSecond: run.customersPerSecond,
    meanResponse: run.meanResponse,
  };
}

const best = new Map<string, Rate>();
const missing = new Set<string>();
const keep = (key: string, rate: Rate | Error): void => {
  if (rate instanceof Error) {
    missing.add(`${key}: ${rate.message}`);
    return;
  }
  const current = best.get(key);
  if (current === undefined || rate.perSecond > current.perSecond) best.set(key, rate);
};

runMMc({ ...MODEL, customers: 200_000, seed: 0 }); // warm up the JIT
simulate(DESIGN, { durationMs: 20_000, seed: 0 });
for (let round = 1; round <= ROUNDS; round++) {
  keep('faultline', faultline(round));
  keep('design', faultlineDesign(round));
  keep('simpy2', simpy(2, round));
  keep('simpy3', simpy(3, round));
  process.stdout.write(`round ${round}/${ROUNDS} done\n`);
}

const ours = best.get('faultline')!;
const format = (rate: Rate, customers: number): string =>
  `${rate.label}: ${Math.round(rate.perSecond).toLocaleString('en')} customers/s ` +
  `(best of ${ROUNDS} runs of ${customers.toLocaleString('en')}; mean response ${rate.meanResponse.toFixed(4)}, theory 1.6687)`;
const design = best.get('design')!;
console.log(format(ours, CUSTOMERS));
console.log(format(design, Math.round((DESIGN.duration / 1000) * 9000)));
for (const key of ['simpy2', 'simpy3']) {
  const rate = best.get(key);
  if (rate === undefined) continue;
  console.log(
    `${format(rate, SIMPY_CUSTOMERS)} -> Faultline's engine is ${(ours.perSecond / rate.perSecond).toFixed(1)}x, ` +
      `simulate() is ${(design.perSecond / rate.perSecond).toFixed(1)}x`,
  );
}
for (const problem of missing)
  console.log(`not run: ${problem}; install with apt-get install -y python3-simpy python3-simpy3`);
