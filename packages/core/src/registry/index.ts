export type { RegisteredPolicy } from './registry.js';
export { Registry } from './registry.js';
