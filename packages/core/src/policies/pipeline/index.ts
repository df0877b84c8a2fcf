export type { Pipeline } from './pipeline.js';
export { pipeline } from './pipeline.js';
