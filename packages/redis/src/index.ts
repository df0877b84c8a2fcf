/**
 * @faultline/redis: a circuit breaker state store in Redis, so that the instances of a service
 * agree on their breakers' state.
 */
export { redisCircuitStateStore, RedisCircuitStateStore } from './store.js';
export { DEFAULT_PREFIX, resolveRedisCircuitStateStoreOptions } from './options.js';
export type { RedisCircuitStateStoreOptions, ResolvedRedisCircuitStateStoreOptions } from './options.js';
export type { RedisStoreErrorEvent } from './events.js';
export { CorruptSnapshotError } from './errors.js';
export { SAVE_SCRIPT } from './save-script.js';
