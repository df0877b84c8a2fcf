import type { Socket } from 'node:net';
import type { Clock, Random } from '@faultline/core';
import { Link, type LinkToxic } from './link.js';
import type { Stream } from './stage.js';

export interface ConnectionOptions {
  readonly client: Socket;
  readonly upstream: Socket;
  readonly clock: Clock;
  readonly maxBufferedBytes: number;
  /** Whether the client speaks HTTP/1.x and HTTP toxics apply. */
  readonly http: boolean;
  /** The proxy's toxics at the time the connection opens, by stream. */
  readonly toxics: Readonly<Record<Stream, readonly LinkToxic[]>>;
  randomFor(toxicName: string): Random;
  count(stream: Stream, kind: 'received' | 'sent', bytes: number): void;
  /** Called once, when both sockets are closed. */
  onClosed(connection: Connection): void;
}

/**
 * A client connection and its connection to the upstream, joined by two links: `upstream`
 * (client to server) and `downstream` (server to client). Half-closes pass through; when one
 * side goes away, what is still held for the other is delivered before it is closed too.
 */
export class Connection {
  readonly upstream: Link;
  readonly downstream: Link;
  private readonly options: ConnectionOptions;
  private closed = false;

  constructor(options: ConnectionOptions) {
    this.options = options;
    const { client, upstream } = options;
    const owner = {
      reset: () => this.reset(),
      respond: (bytes: Buffer) => this.downstream.inject(bytes),
      linkDone: () => this.checkDone(),
    };
    const link = (stream: Stream, source: Socket, dest: Socket): Link =>
      new Link({
        stream,
        source,
        dest,
        clock: options.clock,
        randomFor: options.randomFor,
        maxBufferedBytes: options.maxBufferedBytes,
        http: options.http && stream === 'upstream',
        toxics: options.toxics[stream],
        owner,
        count: (kind, bytes) => options.count(stream, kind, bytes),
      });
    this.upstream = link('upstream', client, upstream);
    this.downstream = link('downstream', upstream, client);
    this.wire(client, this.upstream, this.downstream);
    this.wire(upstream, this.downstream, this.upstream);
    client.resume();
    upstream.resume();
  }

  /** The link of one stream. */
  link(stream: Stream): Link {
    return stream === 'upstream' ? this.upstream : this.downstream;
  }

  /** Closes both sockets at once (the proxy was disabled, deleted or stopped). */
  destroy(): void {
    if (this.closed) return;
    this.options.client.destroy();
    this.options.upstream.destroy();
    this.finish();
  }

  /** Resets both sockets (TCP RST): what reset_peer and http_abort with `reset` do. */
  reset(): void {
    if (this.closed) return;
    resetSocket(this.options.client);
    resetSocket(this.options.upstream);
    this.finish();
  }

  /** `socket` feeds `reads` and is written by `writes`. */
  private wire(socket: Socket, reads: Link, writes: Link): void {
    socket.on('data', (chunk: Buffer) => reads.write(chunk));
    socket.on('end', () => reads.end());
    // Errors (ECONNRESET, EPIPE) are how peers leave; 'close' follows and cleans up.
    socket.on('error', () => {});
    socket.on('close', () => {
      reads.end();
      writes.destinationGone();
      this.checkDone();
    });
  }

  private checkDone(): void {
    if (!this.closed && this.upstream.isDone && this.downstream.isDone) this.destroy();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.upstream.dispose();
    this.downstream.dispose();
    this.options.onClosed(this);
  }
}

function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    // Not connected yet: there is no peer to reset.
    socket.destroy();
  }
}
