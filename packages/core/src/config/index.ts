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
