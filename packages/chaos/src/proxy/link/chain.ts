import type { Clock, Random } from '@faultline/core';
import type { Attributes, ToxicDefinition } from '../toxics/definition.js';
import { HttpRequestStage, type HttpStageHooks, type HttpToxicOnLink } from '../http/request-stage.js';
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

/** What the chain needs from its link. */
export interface ChainHooks {
  readonly clock: Clock;
  readonly stream: Stream;
  randomFor(toxicName: string): Random;
  hold(deltaBytes: number): void;
  /** A stage closed the connection (undefined: the HTTP request stage did). */
  close(closer: Stage | undefined): void;
  reset(): void;
  respond(bytes: Buffer): void;
}

interface Entry {
  readonly toxic: LinkToxic;
  stage: Stage;
  readonly random: Random;
  /** The toxicity the draw was made for: a new toxicity means a new draw. */
  drawnFor: number;
  affected: boolean;
}

/**
 * The stages of one link, in the order their toxics were added, between a fixed entry point and
 * the link's sink (behind the HTTP request stage, in HTTP mode). Toxics join at the end and leave
 * from anywhere: a leaving stage hands over what it holds before the chain is re-pointed past it,
 * so no byte is lost or reordered.
 */
export class Chain {
  /** Where bytes from the source enter. */
  readonly start: Junction;
  private readonly http: HttpRequestStage | undefined;
  private readonly entries: Entry[] = [];

  constructor(
    private readonly hooks: ChainHooks,
    sink: Outlet,
    options: { http: boolean },
  ) {
    this.start = {
      next: sink,
      write: (chunk) => this.start.next.write(chunk),
      end: () => this.start.next.end(),
    };
    if (options.http) {
      const httpHooks: HttpStageHooks = {
        clock: hooks.clock,
        hold: hooks.hold,
        toxics: () => this.httpToxics(),
        respond: hooks.respond,
        close: () => hooks.close(undefined),
        reset: hooks.reset,
      };
      this.http = new HttpRequestStage(httpHooks, sink);
      this.start.next = this.http;
    }
  }

  /** Adds a toxic at the end; `live` when the connection already carried bytes. */
  add(toxic: LinkToxic, live: boolean): void {
    const random = this.hooks.randomFor(toxic.name);
    const entry: Entry = {
      toxic,
      random,
      drawnFor: toxic.toxicity,
      affected: draw(random, toxic.toxicity),
      stage: undefined as unknown as Stage,
    };
    const last = this.predecessor(this.entries.length);
    entry.stage = this.createStage(entry, last.next, live);
    last.next = entry.stage;
    this.entries.push(entry);
  }

  /** A toxic's attributes or toxicity changed: update its stage in place, or redraw its toxicity. */
  update(toxic: LinkToxic): void {
    const index = this.entries.findIndex((entry) => entry.toxic === toxic);
    const entry = this.entries[index];
    if (!entry) return;
    if (toxic.toxicity !== entry.drawnFor) {
      const affected = draw(entry.random, toxic.toxicity);
      entry.drawnFor = toxic.toxicity;
      if (affected !== entry.affected) {
        entry.affected = affected;
        const old = entry.stage;
        old.release();
        entry.stage = this.createStage(entry, old.next, true);
        this.predecessor(index).next = entry.stage;
        old.dispose();
        return;
      }
    }
    entry.stage.update(toxic.attributes);
  }

  /** Takes a toxic out; what its stage holds goes on, in order, at once. */
  remove(toxic: LinkToxic): void {
    const index = this.entries.findIndex((entry) => entry.toxic === toxic);
    if (index < 0) return;
    const [entry] = this.entries.splice(index, 1);
    const stage = entry!.stage;
    stage.release();
    this.predecessor(index).next = stage.next;
    stage.dispose();
  }

  /** Drops what the stages before `closer` hold: after a close it can never be delivered. */
  dropBefore(closer: Stage | undefined): void {
    if (!closer) return;
    this.http?.dispose();
    for (const entry of this.entries) {
      if (entry.stage === closer) break;
      entry.stage.dispose();
    }
  }

  /** Cancels every timer and drops what is held. */
  dispose(): void {
    this.http?.dispose();
    for (const entry of this.entries) entry.stage.dispose();
  }

  private createStage(entry: Entry, next: Outlet, live: boolean): Stage {
    const definition = entry.toxic.definition;
    let stage: Stage | undefined;
    const context: StageContext = {
      clock: this.hooks.clock,
      random: entry.random,
      stream: this.hooks.stream,
      joinedLive: live,
      hold: this.hooks.hold,
      close: () => this.hooks.close(stage),
      reset: this.hooks.reset,
    };
    if (!entry.affected || definition.layer !== 'stream') stage = new PassStage(undefined, context, next);
    else stage = definition.createStage(entry.toxic.attributes, context, next);
    return stage;
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
}

/** Toxiproxy's toxicity: drawn once per connection (and again when the toxicity changes). */
function draw(random: Random, toxicity: number): boolean {
  return random.next() < toxicity;
}
