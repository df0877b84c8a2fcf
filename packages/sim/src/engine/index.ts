// Public exports of the simulation engine: the event queue, its clock and its random streams.
export { Simulation } from './simulation.js';
export type { SimulationOptions, RunOptions, RunProgress, StopReason } from './simulation.js';
export { SimClock } from './sim-clock.js';
export type { EventHandler, EventId } from './event-queue.js';
export { deriveSeed } from './random-streams.js';
