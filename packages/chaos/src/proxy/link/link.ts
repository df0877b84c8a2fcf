import type { Socket } from 'node:net';
import type { Clock, Random, TimerHandle } from '@faultline/core';
import { Chain, type LinkToxic } from './chain.js';
import type { Outlet, Stage, Stream } from './stage.js';

export type { LinkToxic } from './chain.js';

/** What a link reports to the connection that owns it. */
export interface LinkOwner {
  reset(): void;
  /** An HTTP toxic answered a request: send these bytes to the client. */
  respond(bytes: Buffer): void;
  /** The link will carry nothing more: its end was delivered, or its destination is gone. */
  linkDone(link: Link): void;
}

export interface LinkOptions {
  readonly stream: Stream;
  readonly source: Socket;
  readonly dest: Socket;
  readonly clock: Clock;
  /** The random source of one toxic on this connection (seeded per connection when the proxy has a seed). */
  randomFor(toxicName: string): Random;
  /** Bytes held by toxics plus bytes waiting in the destination socket, past which reading stops. */
  readonly maxBufferedBytes: number;
  /** Whether this is the client-to-server link of a proxy in HTTP mode. */
  readonly http: boolean;
  readonly toxics: readonly LinkToxic[];
  readonly owner: LinkOwner;
  /** Counts bytes read from the source and written to the destination, for /metrics. */
  readonly count: (kind: 'received' | 'sent', bytes: number) => void;
}

/** How long a destination closed by a toxic may take to take its last bytes before it is destroyed. */
const CLOSE_FLUSH_MS = 10_000;

/**
 * One direction of a proxied connection: bytes read from `source` pass the chain of toxic stages
 * and are written to `dest`. Nothing here ever waits on a socket, so toxic changes never hang.
 * Reading stops while more than `maxBufferedBytes` are held in the chain or queued for `dest`,
 * so TCP pushes back on the sender; it resumes below half of that.
 */
export class Link {
  readonly stream: Stream;
  private readonly options: LinkOptions;
  private readonly chain: Chain;
  private held = 0;
  private paused = false;
  private inputDone = false;
  /** A toxic closed the link: when the end reaches the destination, it is closed for good. */
  private closing = false;
  private outputEnded = false;
  private done = false;
  private destGone = false;
  private flushTimer: TimerHandle | undefined;

  constructor(options: LinkOptions) {
    this.options = options;
    this.stream = options.stream;
    const sink: Outlet = { write: (chunk) => this.deliver(chunk), end: () => this.endOutput() };
    this.chain = new Chain(
      {
        clock: options.clock,
        stream: options.stream,
        randomFor: options.randomFor,
        hold: (delta) => this.hold(delta),
        close: (closer) => this.toxicClose(closer),
        reset: () => options.owner.reset(),
        respond: (bytes) => options.owner.respond(bytes),
      },
      sink,
      { http: options.http },
    );
    for (const toxic of options.toxics) this.chain.add(toxic, false);
    options.dest.on('drain', () => this.checkPressure());
  }

  /** Bytes read from the source. */
  write(chunk: Buffer): void {
    if (this.inputDone) return;
    this.options.count('received', chunk.length);
    this.chain.start.write(chunk);
    this.checkPressure();
  }

  /** The source ended (or is gone): the end follows every byte still held. */
  end(): void {
    if (this.inputDone) return;
    this.inputDone = true;
    this.chain.start.end();
  }

  /** Sends bytes from the very start of the chain, as if the source had (HTTP answers). */
  inject(bytes: Buffer): void {
    if (!this.inputDone) this.chain.start.write(bytes);
  }

  /** The destination socket is gone: nothing can be delivered any more. */
  destinationGone(): void {
    this.destGone = true;
    this.inputDone = true;
    this.dispose();
    this.finish();
  }

  /** Adds a toxic at the end of the chain of this live link (not of one that is closing). */
  addToxic(toxic: LinkToxic): void {
    if (!this.closing && !this.done) this.chain.add(toxic, true);
  }

  /** Applies a toxic's new attributes or toxicity. */
  updateToxic(toxic: LinkToxic): void {
    if (!this.done) this.chain.update(toxic);
  }

  /** Takes a toxic out of the chain; what its stage holds goes on, in order, at once. */
  removeToxic(toxic: LinkToxic): void {
    this.chain.remove(toxic);
  }

  /** Cancels every timer and drops what is held (the connection is going away). */
  dispose(): void {
    this.chain.dispose();
    if (this.flushTimer !== undefined) this.options.clock.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  get isDone(): boolean {
    return this.done;
  }

  /** A stage (or the HTTP request stage, for `undefined`) closed the connection: stop reading. */
  private toxicClose(closer: Stage | undefined): void {
    if (this.closing) return;
    this.closing = true;
    this.inputDone = true;
    this.pause();
    this.chain.dropBefore(closer);
  }

  private hold(delta: number): void {
    this.held += delta;
    if (delta < 0) this.checkPressure();
  }

  private deliver(chunk: Buffer): void {
    if (this.destGone || this.outputEnded) return;
    this.options.count('sent', chunk.length);
    this.options.dest.write(chunk);
  }

  /** The end reached the destination: half-close it, or close it for good when a toxic asked. */
  private endOutput(): void {
    if (this.outputEnded || this.destGone) return;
    this.outputEnded = true;
    const dest = this.options.dest;
    dest.end(() => {
      if (this.closing) dest.destroy();
      this.finish();
    });
    if (this.closing) {
      this.flushTimer = this.options.clock.setTimeout(() => {
        this.flushTimer = undefined;
        dest.destroy();
        this.finish();
      }, CLOSE_FLUSH_MS);
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (this.flushTimer !== undefined) this.options.clock.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.options.owner.linkDone(this);
  }

  private checkPressure(): void {
    const buffered = this.held + this.options.dest.writableLength;
    const max = this.options.maxBufferedBytes;
    if (!this.paused && buffered >= max) {
      this.pause();
    } else if (this.paused && !this.inputDone && buffered <= max / 2) {
      this.paused = false;
      this.options.source.resume();
    }
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.options.source.pause();
  }
}
