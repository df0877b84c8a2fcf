/** @faultline/sim: a design of services under load and faults, simulated with core's own policies. */
export * from './model/index.js';
export * from './engine/index.js';
export * from './metrics/index.js';
export * from './analysis/index.js';
export * from './simulate.js';
export * from './live.js';
export * from './report/index.js';
