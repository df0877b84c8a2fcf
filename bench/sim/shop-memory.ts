/**
 * Memory check (not a unit test): 10^7 user requests through the 12-service shop of
 * examples/shop.yaml (1,000/s for 10,000 s of simulated time, every policy on), then the peak
 * resident set size of the process. Target: under 500 MB.
 *
 *   npx tsx --conditions=@faultline/source bench/sim/shop-memory.ts [user requests]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, loadDesign, simulate } from '@faultline/sim';

const requests = Number(process.argv[2] ?? 10_000_000);
const FILE = fileURLToPath(new URL('../../examples/shop.yaml', import.meta.url));
const design = loadDesign(readFileSync(FILE, 'utf8'), { path: FILE }).design;
const rate = design.workload.reduce(
  (sum, workload) => sum + (workload.kind === 'open' ? workload.rate : 0),
  0,
);
const megabytes = (kilobytes: number): string => `${(kilobytes / 1024).toFixed(0)} MB`;

const before = process.resourceUsage().maxRSS;
let last = 0;
const result = analyze(
  simulate(design, {
    durationMs: (requests / rate) * 1000,
    onProgress: ({ simulatedMs, totalMs }) => {
      const percent = Math.floor((simulatedMs / totalMs) * 10) * 10;
      if (percent > last) process.stderr.write(`${(last = percent)}% `);
    },
  }),
  design,
);
const json = JSON.stringify(result);
const peak = process.resourceUsage().maxRSS; // kilobytes
const users = design.workload.reduce((sum, workload) => sum + result.services[workload.target]!.requests, 0);

console.log(`\nuser requests:    ${users.toLocaleString('en')}`);
console.log(`events:           ${result.events.toLocaleString('en')}`);
console.log(
  `simulated:        ${(result.simulatedMs / 1000).toFixed(0)} s (${result.timeline.length} timeline buckets)`,
);
console.log(
  `wall:             ${(result.wallMs / 1000).toFixed(1)} s (${(result.simulatedMs / result.wallMs).toFixed(1)}x real time)`,
);
console.log(`result JSON:      ${(json.length / 1024 / 1024).toFixed(1)} MB`);
console.log(`peak RSS before:  ${megabytes(before)}`);
console.log(`peak RSS:         ${megabytes(peak)} (process.resourceUsage().maxRSS)`);
