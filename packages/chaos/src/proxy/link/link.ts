import type { Socket } from 'node:net';
import type { Clock, Random, TimerHandle } from '@faultline/core';
import type { Attributes, ToxicDefinition } from '../toxics/definition.js';
import { HttpRequestStage, type HttpToxicOnLink } from '../http/request-stage.js';
import {
  PassStage,
  type Junction,
  type Outlet,
  type Stage,
  type StageContext,
  type Stream,
} from './stage.js';

/** A toxic as a link sees it: the model's toxic object, whose fields change on update. */
export interface LinkToxic {
  readonly name: string;
  readonly definition: ToxicDefinition;
  readonly attributes: Attributes;
  readonly toxicity: number;
  /** Requests an HTTP toxic acted on, proxy-wide. */
  readonly counter: { applied: number };
}

/** What a link reports to the connection that owns it. */
export interface LinkOwner {
  /** A toxic closed the link: the connection closes once the link's output is delivered. */
  toxicClosed(link: Link): void;
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

interface Entry {
  readonly toxic: LinkToxic;
  stage: Stage;
  random: Random;
  /** The toxicity the draw was made for: a new toxicity means a new draw. */
  drawnFor: number;
  affected: boolean;
}

/** How long a destination closed by a toxic may take to take its last bytes before it is destroyed. */
const CLOSE_FLUSH_MS = 10_000;

/**
 * One direction of a proxied connection: bytes read from `source` pass a chain of toxic stages
 * and are written to `dest`. Toxics join at the end of the chain and leave from anywhere in it
 * while bytes flow; a leaving toxic hands over what it holds before the chain is re-pointed, so
 * no byte is lost or reordered, and nothing ever waits on a socket, so changes never hang.
 * Reading stops while more than `maxBufferedBytes` are held, so TCP pushes back on the sender.
 */
export class Link implements Outlet {
  readonly stream: Stream;
  private readonly options: LinkOptions;
  private readonly start: Junction;
  private readonly http: HttpRequestStage | undefined;
  private readonly entries: Entry[] = [];
  private held = 0;
  private paused = false;
  private inputDone = false;
  private closing = false;
  private outputEnded = false;
  private done = false;
  private destGone = false;
  private flushTimer: TimerHandle | undefined;

  constructor(options: LinkOptions) {
    this.options = options;
    this.stream = options.stream;
    const sink: Outlet = { write: (chunk) => this.deliver(chunk), end: () => this.endOutput() };
    this.start = {
      next: sink,
      write: (chunk) => this.start.next.write(chunk),
      end: () => this.start.next.end(),
    };
    if (options.http) {
      this.http = new HttpRequestStage(
        {
          clock: options.clock,
          hold: (delta) => this.hold(delta),
          toxics: () => this.httpToxics(),
          respond: (bytes) => options.owner.respond(bytes),
          close: () => this.toxicClose(undefined),
          reset: () => options.owner.reset(),
        },
        sink,
      );
      this.start.next = this.http;
    }
    for (const toxic of options.toxics) this.append(toxic, false);
    options.dest.on('drain', () => this.checkPressure());
  }

  /** Bytes read from the source. */
  write(chunk: Buffer): void {
    if (this.inputDone) return;
    this.options.count('received', chunk.length);
    this.start.write(chunk);
    this.checkPressure();
  }

  /** The source ended (or is gone): the end follows every byte still held. */
  end(): void {
    if (this.inputDone) return;
    this.inputDone = true;
    this.start.end();
  }

  /** Sends bytes from the very start of the chain, as if the source had (HTTP answers). */
  inject(bytes: Buffer): void {
    if (!this.inputDone) this.start.write(bytes);
  }

  /** The destination socket is gone: nothing can be delivered any more. */
  destinationGone(): void {
    this.destGone = true;
    this.inputDone = true;
    this.dispose();
    this.finish();
  }

  /** Adds a toxic at the end of the chain of this live link. */
  addToxic(toxic: LinkToxic): void {
    if (this.closing || this.done) return;
    this.append(toxic, true);
  }

  /** A toxic's attributes or toxicity changed: update its stage in place, or redraw its toxicity. */
  updateToxic(toxic: LinkToxic): void {
    const index = this.entries.findIndex((entry) => entry.toxic === toxic);
    const entry = this.entries[index];
    if (!entry || this.done) return;
    if (toxic.toxicity !== entry.drawnFor) {
      const affected = this.draw(entry.random, toxic.toxicity);
      entry.drawnFor = toxic.toxicity;
      if (affected !== entry.affected) {
        entry.affected = affected;
        this.replace(index, entry);
        return;
      }
    }
    entry.stage.update(toxic.attributes);
  }

  /** Takes a toxic out of the chain; what its stage holds goes on, in order, at once. */
  removeToxic(toxic: LinkToxic): void {
    const index = this.entries.findIndex((entry) => entry.toxic === toxic);
    if (index < 0) return;
    const [entry] = this.entries.splice(index, 1);
    const stage = entry!.stage;
    stage.release();
    this.predecessor(index).next = stage.next;
    stage.dispose();
  }

  /** Cancels every timer and drops what is held (the connection is going away). */
  dispose(): void {
    this.http?.dispose();
    for (const entry of this.entries) entry.stage.dispose();
    if (this.flushTimer !== undefined) this.options.clock.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  get isDone(): boolean {
    return this.done;
  }

  private append(toxic: LinkToxic, live: boolean): void {
    const random = this.options.randomFor(toxic.name);
    const entry: Entry = {
      toxic,
      random,
      drawnFor: toxic.toxicity,
      affected: this.draw(random, toxic.toxicity),
      stage: undefined as unknown as Stage,
    };
    const last = this.predecessor(this.entries.length);
    entry.stage = this.createStage(entry, last.next, live);
    last.next = entry.stage;
    this.entries.push(entry);
  }

  private replace(index: number, entry: Entry): void {
    const old = entry.stage;
    old.release();
    entry.stage = this.createStage(entry, old.next, true);
    this.predecessor(index).next = entry.stage;
    old.dispose();
  }

  private createStage(entry: Entry, next: Outlet, live: boolean): Stage {
    const definition = entry.toxic.definition;
    const context = this.contextFor(entry, live);
    if (!entry.affected || definition.layer !== 'stream') return new PassStage(undefined, context, next);
    return definition.createStage(entry.toxic.attributes, context, next);
  }

  private contextFor(entry: Entry, live: boolean): StageContext {
    return {
      clock: this.options.clock,
      random: entry.random,
      stream: this.stream,
      joinedLive: live,
      hold: (delta) => this.hold(delta),
      close: () => this.toxicClose(entry),
      reset: () => this.options.owner.reset(),
    };
  }

  /** Toxiproxy's toxicity: drawn once per connection (and again when the toxicity changes). */
  private draw(random: Random, toxicity: number): boolean {
    return random.next() < toxicity;
  }

  private predecessor(index: number): Junction {
    if (index > 0) return this.entries[index - 1]!.stage;
    return this.http ?? this.start;
  }

  private httpToxics(): HttpToxicOnLink[] {
    const toxics: HttpToxicOnLink[] = [];
    for (const entry of this.entries) {
      const definition = entry.toxic.definition;
      if (!entry.affected || definition.layer !== 'http') continue;
      toxics.push({
        definition,
        attributes: entry.toxic.attributes,
        random: entry.random,
        counter: entry.toxic.counter,
      });
    }
    return toxics;
  }

  /** A stage (or the HTTP head, for `undefined`) closed the connection: stop reading, drop what is before it. */
  private toxicClose(closer: Entry | undefined): void {
    if (this.closing) return;
    this.closing = true;
    this.inputDone = true;
    this.pause();
    if (closer) {
      this.http?.dispose();
      for (const entry of this.entries) {
        if (entry === closer) break;
        entry.stage.dispose();
      }
    }
    this.options.owner.toxicClosed(this);
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
