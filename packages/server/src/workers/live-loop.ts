import { parseDesign } from '@faultline/sim';
import type { LiveEngine } from './live-engine.js';
import type { LiveCommand, LiveWorkerMessage } from './live-messages.js';

interface ActiveFault {
  readonly handle: unknown;
  /** Simulated ms it heals by itself; Infinity until healed by hand. */
  readonly endsAt: number;
}

export interface LiveLoopOptions {
  readonly engine: LiveEngine;
  /** The design document the engine runs, without its faults: injected faults are resolved against it. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly speed: number;
  /** Wall-clock ms. */
  readonly now: () => number;
  readonly post: (message: LiveWorkerMessage) => void;
}

/**
 * Paces a live simulation to the wall clock: each tick moves simulated time on by the wall time
 * since the previous tick times the speed, and posts a frame. Faults with a duration are healed
 * at their simulated end, the simulation advanced exactly to it first.
 */
export class LiveLoop {
  private simNow = 0;
  private lastWall: number;
  private paused = false;
  private speed: number;
  private readonly faults = new Map<string, ActiveFault>();

  constructor(private readonly options: LiveLoopOptions) {
    this.speed = options.speed;
    this.lastWall = options.now();
  }

  /** One step: advance, heal what ended, post a frame. */
  tick(): void {
    const { engine, now, post } = this.options;
    const wall = now();
    let lagMs = 0;
    if (!this.paused) {
      const target = this.simNow + (wall - this.lastWall) * this.speed;
      for (const [id, fault] of [...this.faults].sort((a, b) => a[1].endsAt - b[1].endsAt)) {
        if (fault.endsAt > target) break;
        engine.advanceTo(fault.endsAt);
        this.simNow = fault.endsAt;
        this.heal(id);
      }
      engine.advanceTo(target);
      this.simNow = target;
      lagMs = Math.max(0, now() - wall);
    }
    this.lastWall = wall;
    post({ type: 'frame', t: this.simNow, ...engine.drain(), lagMs });
  }

  /** Applies one command from the server. */
  handle(command: LiveCommand): void {
    switch (command.type) {
      case 'inject':
        return this.inject(command.id, command.fault);
      case 'heal':
        return this.heal(command.id);
      case 'halt':
        for (const id of [...this.faults.keys()]) this.heal(id);
        return;
      case 'pause':
        this.paused = true;
        return;
      case 'resume':
        // Paused time is not simulated: the clock picks up where it stopped.
        this.paused = false;
        this.lastWall = this.options.now();
        return;
      case 'speed':
        this.speed = command.speed;
        return;
      case 'score':
        this.options.post({ type: 'score', request: command.request, score: this.options.engine.score() });
        return;
      case 'start':
        return;
    }
  }

  private inject(id: string, raw: Readonly<Record<string, unknown>>): void {
    try {
      const { at: _at, ...rest } = raw;
      const { design } = parseDesign({ ...this.options.document, faults: [{ ...rest, at: 0 }] });
      const fault = design.faults[0]!;
      const handle = this.options.engine.inject({ ...fault, at: this.simNow } as typeof fault);
      const endsAt = raw['duration'] === undefined ? Infinity : this.simNow + fault.duration;
      this.faults.set(id, { handle, endsAt });
      this.options.post({ type: 'injected', id, t: this.simNow });
    } catch (error) {
      this.options.post({
        type: 'rejected',
        id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private heal(id: string): void {
    const fault = this.faults.get(id);
    if (!fault) return;
    this.faults.delete(id);
    this.options.engine.heal(fault.handle);
    this.options.post({ type: 'healed', id, t: this.simNow });
  }
}
