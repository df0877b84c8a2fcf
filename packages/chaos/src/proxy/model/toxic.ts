import type { TimerHandle } from '@faultline/core';
import type { LinkToxic } from '../link/link.js';
import type { Stream } from '../link/stage.js';
import type { Attributes, ToxicDefinition } from '../toxics/definition.js';
import type { ToxicJson, ToxicSpec } from './toxic-json.js';

/** A toxic on a proxy. Links hold this object, so an update is seen by every connection. */
export class Toxic implements LinkToxic {
  readonly name: string;
  readonly type: string;
  readonly stream: Stream;
  readonly definition: ToxicDefinition;
  attributes: Attributes;
  toxicity: number;
  /** Ms the toxic stays after it was added or last given a duration; undefined: until removed. */
  duration: number | undefined;
  readonly counter = { applied: 0 };
  /** The timer that removes a toxic with a duration. */
  expiry: TimerHandle | undefined;

  constructor(spec: ToxicSpec) {
    this.name = spec.name;
    this.type = spec.type;
    this.stream = spec.stream;
    this.definition = spec.definition;
    this.attributes = spec.attributes;
    this.toxicity = spec.toxicity;
    this.duration = spec.duration;
  }

  toJSON(): ToxicJson {
    const json: ToxicJson = {
      attributes: this.attributes,
      name: this.name,
      type: this.type,
      stream: this.stream,
      toxicity: this.toxicity,
    };
    if (this.duration !== undefined) json.duration = this.duration;
    return json;
  }
}
