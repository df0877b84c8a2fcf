/** @faultline/chaos: fault injection for real systems. */
export * from './proxy/index.js';
export * from './in-process/index.js';
export * from './http/index.js';
export * from './experiments/index.js';
