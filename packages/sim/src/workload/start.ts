import type { Workload } from '../model/index.js';
import type { World } from '../world/world.js';
import { ClosedLoop } from './closed-loop.js';
import { OpenLoop } from './open-loop.js';

/** Starts the design's workloads, each with its own random stream `workload:<index>`. */
export function startWorkloads(world: World, workloads: readonly Workload[]): void {
  workloads.forEach((workload, index) => {
    const source =
      workload.kind === 'open'
        ? new OpenLoop(world, workload, index)
        : new ClosedLoop(world, workload, index);
    source.start();
  });
}
