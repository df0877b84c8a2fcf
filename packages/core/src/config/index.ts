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
} from './validate.js';
export type { NumberRule } from './validate.js';
