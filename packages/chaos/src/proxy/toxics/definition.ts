import type { Issues, Random } from '@faultline/core';
import type { Outlet, Stage, StageContext, Stream } from '../link/stage.js';
import type { HttpAction, HttpRequestHead } from '../http/request-head.js';

/** Attributes as they travel in the API: a flat object of numbers, strings and booleans. */
export type Attributes = Record<string, unknown>;

interface DefinitionBase<A extends Attributes> {
  /** The `type` field of the API: `latency`, `bandwidth`, ... */
  readonly type: string;
  /** Attributes of a toxic created with none given (Toxiproxy decodes into zero values). */
  readonly defaults: A;
  /**
   * Reads the `attributes` of a create or update body on top of `base` (the defaults on create,
   * the toxic's current attributes on update: Toxiproxy merges), reporting every problem to `issues`.
   */
  read(input: Record<string, unknown>, base: A, issues: Issues, path: string): A;
}

/** A toxic that works on bytes: one stage per link it applies to. */
export interface StreamToxicDefinition<A extends Attributes = Attributes> extends DefinitionBase<A> {
  readonly layer: 'stream';
  createStage(attributes: A, context: StageContext, next: Outlet): Stage<A>;
}

/** What an HTTP toxic is asked about each request of a connection it applies to. */
export interface HttpDecisionArgs<A> {
  readonly attributes: A;
  readonly request: HttpRequestHead;
  /** This toxic's draws on this connection. */
  readonly random: Random;
  /** Requests this toxic has acted on so far, over all connections of the proxy. */
  readonly applied: number;
}

/** A toxic that works on whole HTTP requests, in a proxy created with `"protocol": "http"`. */
export interface HttpToxicDefinition<A extends Attributes = Attributes> extends DefinitionBase<A> {
  readonly layer: 'http';
  /** The only stream it may be on (requests flow upstream); the default when none is given. */
  readonly stream: Stream;
  /** What to do with this request, or undefined to leave it alone. */
  decide(args: HttpDecisionArgs<A>): HttpAction | undefined;
}

export type ToxicDefinition = StreamToxicDefinition | HttpToxicDefinition;
