// Public exports of the fallback policy.
export { fallback, FallbackPolicy } from './fallback.js';
export { FallbackKernel } from './kernel.js';
export {
  resolveFallbackOptions,
  FALLBACK_TYPES,
  type FallbackOptions,
  type FallbackType,
  type FallbackHandler,
  type FallbackHandlerArgs,
  type ResolvedFallbackOptions,
} from './options.js';
export { FALLBACK_EVENTS, type FallbackEvent } from './events.js';
