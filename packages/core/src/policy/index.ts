export type {
  ExecuteContext,
  ExecuteOptions,
  Policy,
  PolicyFunction,
  CommonPolicyOptions,
} from './policy.js';
export { PolicyBase, NEVER_ABORTED, contextOf, onAbort, abortReason, invoke, isAborted } from './policy.js';
export {
  isErrorClass,
  type Outcome,
  type ErrorClass,
  type ErrorFilter,
  type ErrorPredicate,
  type ResultPredicate,
} from './outcome.js';
