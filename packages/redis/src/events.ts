/**
 * What a Redis store reports on its own `onError`: failures outside any breaker's load or save
 * (those reach the breaker, which reports them as `storeError`).
 */
export interface RedisStoreErrorEvent {
  /**
   * `subscribe`/`unsubscribe`: a key's channel could not be (un)subscribed; `message`: a published
   * value was not a snapshot; `catchUp`: reading a key after a reconnect failed; `connection`: the
   * store's own subscriber connection failed (ioredis goes on reconnecting).
   */
  readonly operation: 'subscribe' | 'unsubscribe' | 'message' | 'catchUp' | 'connection';
  /** The breaker key the failure is about, when it is about one. */
  readonly key: string | undefined;
  readonly error: unknown;
}
