export type { Duration } from './duration.js';
export { toMilliseconds, formatDuration } from './duration.js';
