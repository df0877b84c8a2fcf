import { toMilliseconds } from '@faultline/core';
import type { LiveEngine } from './live-engine.js';
import type { LiveCommand, LiveWorkerMessage } from './live-messages.js';

interface ActiveFault {
  /** The engine's id for it. */
  readonly engineId: string;
  /** Simulated ms it heals by itself; Infinity until healed by hand. */
  readonly endsAt: number;
}

export interface LiveLoopOptions {
  readonly engine: LiveEngine;
  readonly speed: number;
  /** Wall-clock ms. */
  readonly now: () => number;
  readonly post: (message: LiveWorkerMessage) => void;
}

/**
 * Paces a live simulation to the wall clock: each tick moves simulated time on by the wall time
 * since the previous tick times the speed, and posts a frame. A fault with a duration is healed
 * at its simulated end, the simulation advanced exactly to it first, so the log says when.
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
      const ending = [...this.faults].filter(([, fault]) => fault.endsAt <= target);
      for (const [id, fault] of ending.sort((a, b) => a[1].endsAt - b[1].endsAt)) {
        engine.advanceTo(fault.endsAt);
        this.simNow = fault.endsAt;
        this.heal(id);
      }
      engine.advanceTo(target);
      this.simNow = target;
      lagMs = Math.max(0, now() - wall);
    }
    this.lastWall = wall;
    post({ type: 'frame', t: this.simNow, ...engine.frame(), lagMs });
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
      case 'finish':
        this.options.post({ type: 'finished', result: { ...this.options.engine.result() } });
        return;
      case 'start':
        return;
    }
  }

  private inject(id: string, fault: Readonly<Record<string, unknown>>): void {
    try {
      const { duration, ...rest } = fault;
      const durationMs = duration === undefined ? Infinity : (toMilliseconds(duration) ?? NaN);
      if (!(durationMs > 0))
        throw new Error(`duration: expected a duration above 0, got ${String(duration)}`);
      const engineId = this.options.engine.inject(rest);
      this.faults.set(id, { engineId, endsAt: this.simNow + durationMs });
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
    this.options.engine.heal(fault.engineId);
    this.options.post({ type: 'healed', id, t: this.simNow });
  }
}
