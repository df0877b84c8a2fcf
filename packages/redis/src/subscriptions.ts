import { Emitter, type Disposable, type StoredSnapshotArgs } from '@faultline/core';
import type { Redis } from 'ioredis';
import { decodeSnapshot } from './codec.js';
import type { RedisStoreErrorEvent } from './events.js';

/** One watched key: its channel, the breakers that watch it, what the store last knew of it. */
interface WatchedKey {
  readonly key: string;
  /** The key's Redis key, which is also its channel's name. */
  readonly channel: string;
  readonly watchers: Emitter<StoredSnapshotArgs>;
  /** The newest raw value this store has seen for the key, so a catch-up delivers only news. */
  newest: string | undefined;
  /** Messages received, so a catch-up read that a message overtook is dropped as older. */
  messages: number;
}

/** What the subscriptions need from their store. */
export interface SnapshotSubscriptionsArgs {
  /** Reads keys when a reconnect may have lost messages. */
  readonly redis: Redis;
  /** The user's subscriber connection, if any; otherwise one is duplicated from `redis` when first needed. */
  readonly subscriber: Redis | undefined;
  readonly prefix: string;
  readonly onError: (event: RedisStoreErrorEvent) => void;
}

/**
 * The store's subscriber side: one SUBSCRIBE per watched key however many breakers watch it,
 * UNSUBSCRIBE when the last one stops, and a catch-up read of every watched key after the
 * connection comes back, since Redis does not keep messages published while it was away.
 */
export class SnapshotSubscriptions {
  private readonly watched = new Map<string, WatchedKey>();
  private connection: Redis | undefined;
  private readonly ownsConnection: boolean;
  /** Set when the connection closed; the next `ready` is a reconnect, and messages may be lost. */
  private lostConnection = false;
  private disposed = false;

  constructor(private readonly args: SnapshotSubscriptionsArgs) {
    this.ownsConnection = args.subscriber === undefined;
  }

  /** Calls `listener` with every snapshot published under `key` until the handle is disposed. */
  watch(key: string, listener: (args: StoredSnapshotArgs) => void): Disposable {
    if (this.disposed)
      throw new Error(`Cannot watch ${key}: this Redis circuit state store was disposed; create a new one`);
    const channel = this.args.prefix + key;
    let watched = this.watched.get(channel);
    if (watched === undefined) {
      watched = { key, channel, watchers: new Emitter(), newest: undefined, messages: 0 };
      this.watched.set(channel, watched);
      this.subscriber()
        .subscribe(channel)
        .catch((error: unknown) => this.report('subscribe', key, error));
    }
    const entry = watched;
    const subscription = entry.watchers.subscribe(listener);
    return {
      dispose: () => {
        subscription.dispose();
        if (entry.watchers.size > 0 || this.watched.get(channel) !== entry) return;
        this.watched.delete(channel);
        this.connection
          ?.unsubscribe(channel)
          .catch((error: unknown) => this.report('unsubscribe', key, error));
      },
    };
  }

  /** Notes a value read or written under `key`, so a catch-up does not deliver it again. */
  remember(key: string, raw: string, written: boolean): void {
    const watched = this.watched.get(this.args.prefix + key);
    // A read may answer after a newer message: only a write, or a first sighting, is the newest.
    if (watched !== undefined && (written || watched.newest === undefined)) watched.newest = raw;
  }

  /** Unsubscribes every channel, and closes the connection if the store opened it. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const channels = [...this.watched.keys()];
    this.watched.clear();
    const connection = this.connection;
    if (connection === undefined) return;
    connection.off('message', this.onMessage);
    connection.off('ready', this.onReady);
    connection.off('close', this.onClose);
    if (this.ownsConnection) {
      connection.off('error', this.onConnectionError);
      // Nothing waits on this connection's replies, so it can close at once, reconnecting or not.
      connection.disconnect();
    } else if (channels.length > 0) {
      // Reported even though disposed: the user's connection is still subscribed to these channels.
      await connection
        .unsubscribe(...channels)
        .catch((error: unknown) => this.args.onError({ operation: 'unsubscribe', key: undefined, error }));
    }
  }

  private subscriber(): Redis {
    if (this.connection !== undefined) return this.connection;
    const connection = this.args.subscriber ?? this.args.redis.duplicate();
    connection.on('message', this.onMessage);
    connection.on('ready', this.onReady);
    connection.on('close', this.onClose);
    // The user's own connection reports its errors to the user; ours reports them here.
    if (this.ownsConnection) connection.on('error', this.onConnectionError);
    this.connection = connection;
    return connection;
  }

  private readonly onMessage = (channel: string, message: string): void => {
    const watched = this.watched.get(channel);
    if (watched === undefined) return; // another channel of a subscriber the user shares with us
    watched.messages++;
    this.deliver(watched, message, 'message');
  };

  private readonly onClose = (): void => {
    this.lostConnection = true;
  };

  private readonly onReady = (): void => {
    if (!this.lostConnection) return;
    this.lostConnection = false;
    void this.catchUp();
  };

  private readonly onConnectionError = (error: unknown): void => this.report('connection', undefined, error);

  /**
   * After a reconnect: makes sure every watched channel is subscribed again (ioredis resubscribes
   * on its own, but not a channel whose first SUBSCRIBE failed while Redis was away), then reads
   * every watched key and delivers what changed while the connection was down.
   */
  private async catchUp(): Promise<void> {
    const entries = [...this.watched.values()];
    if (entries.length === 0 || this.connection === undefined) return;
    try {
      await this.connection.subscribe(...entries.map((watched) => watched.channel));
    } catch (error) {
      this.report('subscribe', undefined, error);
      return;
    }
    await Promise.all(
      entries.map(async (watched) => {
        const messages = watched.messages;
        let raw: string | null;
        try {
          raw = await this.args.redis.get(watched.channel);
        } catch (error) {
          this.report('catchUp', watched.key, error);
          return;
        }
        const stillWatched = this.watched.get(watched.channel) === watched;
        if (raw === null || raw === watched.newest || watched.messages !== messages || !stillWatched) return;
        this.deliver(watched, raw, 'catchUp');
      }),
    );
  }

  private deliver(watched: WatchedKey, raw: string, operation: 'message' | 'catchUp'): void {
    watched.newest = raw;
    let snapshot;
    try {
      snapshot = decodeSnapshot(raw, watched.channel);
    } catch (error) {
      this.report(operation, watched.key, error);
      return;
    }
    watched.watchers.emit({ key: watched.key, snapshot });
  }

  private report(
    operation: RedisStoreErrorEvent['operation'],
    key: string | undefined,
    error: unknown,
  ): void {
    if (!this.disposed) this.args.onError({ operation, key, error });
  }
}
