import { parseRequestHead, type HttpRequestHead } from './request-head.js';

/** Longest request head the framer reads before it gives up on HTTP for the connection. */
export const MAX_HEAD_BYTES = 64 * 1024;
const MAX_CHUNK_LINE = 4096;

/** What the framer finds in the client's byte stream, in order. Every byte is reported once. */
export interface FramerEvents {
  head(head: HttpRequestHead, raw: Buffer): void;
  /** Bytes of the current request's body, framing included (chunk sizes, trailers). */
  body(raw: Buffer): void;
  requestEnd(): void;
  /** Bytes that are not requests the framer can delimit (after an upgrade, or not HTTP at all). */
  opaque(raw: Buffer): void;
}

type State =
  | { kind: 'head' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunk-size'; line: string }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-data-end'; remaining: number }
  | { kind: 'trailer'; line: string }
  | { kind: 'opaque' };

/**
 * Splits a client's HTTP/1.x byte stream into requests without buffering bodies: heads are
 * parsed, bodies are counted (Content-Length) or walked (chunked). After an Upgrade or CONNECT,
 * or on anything that is not HTTP/1.x, the rest of the connection is reported as opaque bytes.
 */
export class RequestFramer {
  private state: State = { kind: 'head' };
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly events: FramerEvents) {}

  push(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0) {
      const state = this.state;
      switch (state.kind) {
        case 'opaque':
          this.events.opaque(data);
          return;
        case 'head':
          data = this.readHead(data);
          break;
        case 'length': {
          const take = Math.min(state.remaining, data.length);
          this.events.body(data.subarray(0, take));
          state.remaining -= take;
          data = data.subarray(take);
          if (state.remaining === 0) this.finishRequest();
          break;
        }
        default:
          data = this.readChunked(data);
      }
    }
  }

  /** The stream ended: a request head that never completed is passed on as it is. */
  flush(): void {
    if (this.pending.length === 0) return;
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    this.events.opaque(rest);
  }

  private readHead(data: Buffer): Buffer {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    // Blank lines before a request line are allowed (RFC 9112 §2.2): pass them on as they are.
    let skip = 0;
    while (skip + 1 < buffer.length && buffer[skip] === 13 && buffer[skip + 1] === 10) skip += 2;
    if (skip > 0) {
      this.events.opaque(buffer.subarray(0, skip));
      buffer = buffer.subarray(skip);
    }
    const end = buffer.indexOf('\r\n\r\n', 0, 'latin1');
    if (end < 0) {
      if (buffer.length > MAX_HEAD_BYTES) return this.giveUp(buffer);
      this.pending = Buffer.from(buffer);
      return Buffer.alloc(0);
    }
    this.pending = Buffer.alloc(0);
    const raw = buffer.subarray(0, end + 4);
    const head = parseRequestHead(buffer.toString('latin1', 0, end));
    if (!head) return this.giveUp(buffer);
    this.events.head(head, raw);
    this.state = this.bodyState(head);
    if (this.state.kind === 'head') this.events.requestEnd();
    return buffer.subarray(end + 4);
  }

  private bodyState(head: HttpRequestHead): State {
    const upgrade = head.method === 'CONNECT' || /\bupgrade\b/i.test(head.headers['connection'] ?? '');
    if (upgrade) return { kind: 'opaque' };
    const coding = head.headers['transfer-encoding'];
    if (coding !== undefined) {
      if (/(^|,)\s*chunked\s*$/i.test(coding)) return { kind: 'chunk-size', line: '' };
      return { kind: 'opaque' };
    }
    const length = head.headers['content-length'];
    if (length !== undefined) {
      const n = Number(length);
      if (!/^\d+$/.test(length) || !Number.isSafeInteger(n)) return { kind: 'opaque' };
      if (n > 0) return { kind: 'length', remaining: n };
    }
    return { kind: 'head' };
  }

  /** Chunked bodies: sizes, data, the CRLF after data, then trailers up to a blank line. */
  private readChunked(data: Buffer): Buffer {
    const state = this.state;
    let i = 0;
    while (i < data.length && this.state === state) {
      if (state.kind === 'chunk-data') {
        const take = Math.min(state.remaining, data.length - i);
        i += take;
        state.remaining -= take;
        if (state.remaining === 0) this.state = { kind: 'chunk-data-end', remaining: 2 };
      } else if (state.kind === 'chunk-data-end') {
        i++;
        if (--state.remaining === 0) this.state = { kind: 'chunk-size', line: '' };
      } else if (state.kind === 'chunk-size' || state.kind === 'trailer') {
        const byte = data[i++]!;
        if (byte !== 10) {
          if (byte !== 13) state.line += String.fromCharCode(byte);
          if (state.line.length > MAX_CHUNK_LINE) {
            this.events.body(data.subarray(0, i));
            return this.giveUp(data.subarray(i));
          }
          continue;
        }
        if (state.kind === 'trailer') {
          if (state.line === '') {
            this.events.body(data.subarray(0, i));
            this.finishRequest();
            return data.subarray(i);
          }
          this.state = { kind: 'trailer', line: '' };
        } else {
          const size = parseInt(state.line.split(';')[0]!.trim(), 16);
          if (!Number.isSafeInteger(size) || size < 0) {
            this.events.body(data.subarray(0, i));
            return this.giveUp(data.subarray(i));
          }
          this.state = size === 0 ? { kind: 'trailer', line: '' } : { kind: 'chunk-data', remaining: size };
        }
      }
    }
    this.events.body(data.subarray(0, i));
    return data.subarray(i);
  }

  private finishRequest(): void {
    this.state = { kind: 'head' };
    this.events.requestEnd();
  }

  private giveUp(rest: Buffer): Buffer {
    this.state = { kind: 'opaque' };
    this.pending = Buffer.alloc(0);
    if (rest.length > 0) this.events.opaque(rest);
    return Buffer.alloc(0);
  }
}
