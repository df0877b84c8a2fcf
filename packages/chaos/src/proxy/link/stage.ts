import type { Clock, Random } from '@faultline/core';

/** Which way bytes flow: `upstream` is client to server, `downstream` server to client (Toxiproxy's words). */
export type Stream = 'upstream' | 'downstream';

/** Where a stage sends what it lets through: the next stage, or the socket at the end of the link. */
export interface Outlet {
  write(chunk: Buffer): void;
  /** The end of the stream: nothing follows. */
  end(): void;
}

/** An outlet whose own output can be re-pointed while bytes flow (how toxics join and leave a link). */
export interface Junction extends Outlet {
  next: Outlet;
}

/** What a stage may know and do beyond passing bytes on; one per stage, so `close` knows who asked. */
export interface StageContext {
  readonly clock: Clock;
  /** Draws for this toxic on this connection only: seeded per connection when the proxy has a seed. */
  readonly random: Random;
  readonly stream: Stream;
  /** Whether the stage joined a connection that had already carried bytes (a toxic added live). */
  readonly joinedLive: boolean;
  /** Reports a change in the bytes this stage holds, so the link can stop reading when too much is held. */
  hold(deltaBytes: number): void;
  /**
   * Closes the connection as Toxiproxy's `stub.Close` does: what the stage already let through is
   * delivered, then the end follows it, and both sockets close. The stage ends its own output.
   */
  close(): void;
  /** Resets both sockets at once (TCP RST); bytes in flight are lost, as with a real reset. */
  reset(): void;
}

/**
 * One toxic applied to one link: reads chunks, writes chunks. A stage never loses a byte it was
 * given unless its toxic is defined to (timeout drops, limit_data truncates, packet_loss drops):
 * `release()` hands over everything it holds when the toxic is removed from a live connection.
 */
export abstract class Stage<A = unknown> implements Junction {
  next: Outlet;
  protected attributes: A;
  protected readonly context: StageContext;
  /** Set once the stage closed the connection; everything written after that is dropped. */
  protected closed = false;

  constructor(attributes: A, context: StageContext, next: Outlet) {
    this.attributes = attributes;
    this.context = context;
    this.next = next;
  }

  abstract write(chunk: Buffer): void;
  abstract end(): void;

  /** The toxic left this live link: pass on everything held, in order, now. */
  release(): void {}

  /** The toxic's attributes changed (PATCH): the stage keeps its per-connection state. */
  update(attributes: A): void {
    this.attributes = attributes;
  }

  /** The connection is gone: cancel timers, drop what is held. */
  dispose(): void {}

  /** Ends this stage's output and closes the connection (limit_data, limit_time, timeout). */
  protected closeConnection(): void {
    if (this.closed) return;
    this.closed = true;
    this.context.close();
    this.next.end();
  }
}

/** Passes everything straight on: a toxic that the toxicity draw spared on this connection. */
export class PassStage extends Stage<unknown> {
  write(chunk: Buffer): void {
    this.next.write(chunk);
  }

  end(): void {
    this.next.end();
  }
}
