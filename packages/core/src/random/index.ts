export type { Random } from './random.js';
export { mathRandom, seededRandom } from './random.js';
