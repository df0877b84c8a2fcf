export {
  Issues,
  childPath,
  describe,
  readObject,
  readNumber,
  readDuration,
  readChoice,
  readBoolean,
  readString,
  readFunction,
  nearest,
} from './validate.js';
export type { NumberRule } from './validate.js';
// The readers of injected options (clock, random) every policy shares, for policies outside core.
export { readClock, readRandom } from './injected.js';
