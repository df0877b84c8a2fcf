import type { Clock, Random } from '@faultline/core';
import type { Junction, Outlet } from '../link/stage.js';
import { ReleaseQueue } from '../link/release-queue.js';
import type { Attributes, HttpToxicDefinition } from '../toxics/definition.js';
import { RequestFramer } from './request-framer.js';
import { wantsClose, type HttpAction, type HttpRequestHead } from './request-head.js';
import { responseBytes } from './response.js';

/** An HTTP toxic as it applies to one connection. */
export interface HttpToxicOnLink {
  readonly definition: HttpToxicDefinition;
  readonly attributes: Attributes;
  readonly random: Random;
  /** Requests the toxic acted on, over all connections; shared, so `first` counts proxy-wide. */
  readonly counter: { applied: number };
}

/** What the request stage needs from its connection. */
export interface HttpStageHooks {
  readonly clock: Clock;
  hold(deltaBytes: number): void;
  /** The HTTP toxics that apply to this connection, in the order they were added. */
  toxics(): readonly HttpToxicOnLink[];
  /** Sends bytes to the client as if the server had: they pass the downstream toxics, in order. */
  respond(bytes: Buffer): void;
  close(): void;
  reset(): void;
}

type Mode = 'forward' | 'swallow' | 'stopped';

/**
 * The head of the client-to-server link of a proxy in HTTP mode: finds where each request starts
 * and ends, asks the HTTP toxics about it, and forwards, delays, answers or aborts it. Bytes it
 * forwards keep their order through one release queue, so a delayed request holds back the ones
 * behind it, as a slow network would.
 */
export class HttpRequestStage implements Junction {
  next: Outlet;
  private readonly queue: ReleaseQueue;
  private readonly framer: RequestFramer;
  private mode: Mode = 'forward';
  private answer: { head: HttpRequestHead; action: Extract<HttpAction, { kind: 'respond' }> } | undefined;

  constructor(
    private readonly hooks: HttpStageHooks,
    next: Outlet,
  ) {
    this.next = next;
    this.queue = new ReleaseQueue(hooks.clock, hooks.hold, () => this.next);
    this.framer = new RequestFramer({
      head: (head, raw) => this.onHead(head, raw),
      body: (raw) => this.forward(raw),
      requestEnd: () => this.onRequestEnd(),
      opaque: (raw) => this.forward(raw),
    });
  }

  write(chunk: Buffer): void {
    if (this.mode !== 'stopped') this.framer.push(chunk);
  }

  end(): void {
    if (this.mode === 'stopped') return;
    this.framer.flush();
    this.queue.pushEnd(this.hooks.clock.now());
  }

  /** Lets everything held go at once (the connection is closing, or the proxy is being reset). */
  release(): void {
    this.queue.flush();
  }

  dispose(): void {
    this.queue.dispose();
  }

  private onHead(head: HttpRequestHead, raw: Buffer): void {
    let delay = 0;
    for (const toxic of this.hooks.toxics()) {
      const action = toxic.definition.decide({
        attributes: toxic.attributes,
        request: head,
        random: toxic.random,
        applied: toxic.counter.applied,
      });
      if (!action) continue;
      toxic.counter.applied++;
      if (action.kind === 'delay') {
        delay += action.ms;
        continue;
      }
      if (action.kind === 'abort') {
        this.stop(action.reset);
        return;
      }
      this.answer = { head, action };
      this.mode = 'swallow';
      // A client waiting for "100 Continue" would never send the body: answer now, then close.
      if ((head.headers['expect'] ?? '').toLowerCase() === '100-continue') this.sendAnswer(true);
      return;
    }
    this.queue.push(raw, this.hooks.clock.now() + delay);
  }

  private forward(raw: Buffer): void {
    if (this.mode === 'forward') this.queue.push(raw, this.hooks.clock.now());
  }

  private onRequestEnd(): void {
    if (this.mode !== 'swallow' || !this.answer) return;
    this.sendAnswer(wantsClose(this.answer.head));
    if (this.mode === 'swallow') this.mode = 'forward';
  }

  private sendAnswer(close: boolean): void {
    const { head, action } = this.answer!;
    this.answer = undefined;
    this.hooks.respond(
      responseBytes({
        request: head,
        status: action.status,
        body: action.body,
        headers: action.headers,
        close,
      }),
    );
    if (close) this.stop(false);
  }

  /** Stops forwarding: what was already forwarded still reaches the server, then the connection closes. */
  private stop(reset: boolean): void {
    this.mode = 'stopped';
    if (reset) {
      this.hooks.reset();
      return;
    }
    this.hooks.close();
    this.queue.pushEnd(this.hooks.clock.now());
  }
}
