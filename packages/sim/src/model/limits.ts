/**
 * Every limit on a design, with its default. A design past one is rejected with an error that
 * names the limit, so a server never runs what it cannot hold (DESIGN.md "Errors, input and safety").
 */
export const DESIGN_LIMITS = {
  /** Size of a design file, bytes (CSV files it names count separately, each up to this size). */
  fileBytes: 1024 * 1024,
  services: 200,
  /** Calls per service, counting each call of a parallel group. */
  callsPerService: 50,
  instancesPerService: 1000,
  workersPerInstance: 100_000,
  queueLimit: 1_000_000,
  /** Simulated time, ms (24 hours). */
  durationMs: 24 * 60 * 60 * 1000,
  workloads: 100,
  /** Requests per second of one workload at its peak. */
  ratePerSecond: 1_000_000,
  usersPerWorkload: 1_000_000,
  faults: 1000,
  /** Rows of one CSV rate profile (or entries of one step profile). */
  profilePoints: 100_000,
} as const;

export type DesignLimit = keyof typeof DESIGN_LIMITS;
