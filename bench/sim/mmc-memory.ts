/**
 * Memory check (not a unit test): 10^7 customers through the M/M/c model (c = 10, λ = 9, μ = 1)
 * with every metric on, then the peak resident set size of the process. Target: under 500 MB.
 *
 *   npx tsx --conditions=@faultline/source bench/sim/mmc-memory.ts [customers]
 */
import { runMMc } from '../../packages/sim/src/engine/test-support/mmc.js';

const customers = Number(process.argv[2] ?? 10_000_000);
const megabytes = (kilobytes: number): string => `${(kilobytes / 1024).toFixed(0)} MB`;

const before = process.resourceUsage().maxRSS;
const outcome = runMMc({ servers: 10, arrivalRate: 9, serviceRate: 1, customers, seed: 1 });
const json = JSON.stringify(outcome.result);
const peak = process.resourceUsage().maxRSS; // kilobytes

console.log(`customers:        ${customers.toLocaleString('en')}`);
console.log(`events:           ${outcome.result.events.toLocaleString('en')}`);
console.log(
  `simulated:        ${(outcome.result.simulatedMs / 1000).toFixed(0)} s (${outcome.result.timeline.length} timeline buckets)`,
);
console.log(`wall:             ${(outcome.result.wallMs / 1000).toFixed(2)} s`);
console.log(`result JSON:      ${(json.length / 1024).toFixed(0)} KB`);
console.log(`peak RSS before:  ${megabytes(before)}`);
console.log(`peak RSS:         ${megabytes(peak)} (process.resourceUsage().maxRSS)`);
