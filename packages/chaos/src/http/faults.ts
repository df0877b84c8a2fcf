import {
  Emitter,
  Issues,
  readClock,
  readObject,
  readRandom,
  type Clock,
  type EventSubscriber,
  type Random,
} from '@faultline/core';
import { wait } from '../in-process/latency/wait.js';
import type { HttpFaultEvent } from './events.js';
import { pathOf, type HttpFaultRequest } from './request.js';
import {
  resolveHttpFaultRules,
  type HttpFaultDecision,
  type HttpFaultRule,
  type ResolvedHttpFaultRule,
} from './rules.js';

export interface HttpFaultsOptions {
  /** Where the percentage draws come from. Default Math.random; seededRandom(seed) to replay. */
  random?: Random;
  /** Where delays are waited. Default the system clock. */
  clock?: Clock;
  /** Names the rules in errors. Default `rules`. */
  path?: string;
}

/**
 * Builds the decision behind every HTTP fault adapter: for each request, whether it is delayed
 * and/or aborted. Throws a ConfigError naming each bad rule (`rules[2].percentage: ...`).
 */
export function httpFaults(rules: readonly HttpFaultRule[], options: HttpFaultsOptions = {}): HttpFaults {
  const issues = new Issues();
  const record = readObject(options, '', issues, ['random', 'clock', 'path']) ?? {};
  const random = readRandom(record, '', issues);
  const clock = readClock(record, '', issues);
  issues.throwIfAny();
  return new HttpFaults(resolveHttpFaultRules(rules, options.path ?? 'rules'), random, clock);
}

/**
 * HTTP fault decisions: see {@link httpFaults}. Rules are tried in order and the first that
 * chooses a request decides for it; the rules after it are not asked (nor counted for firstN).
 */
export class HttpFaults {
  readonly rules: readonly ResolvedHttpFaultRule[];
  readonly clock: Clock;
  private readonly random: Random;
  private readonly matched: number[];
  private readonly injections = new Emitter<HttpFaultEvent>();
  /** A rule chose a request. */
  readonly onInject: EventSubscriber<HttpFaultEvent> = this.injections.subscribe;

  constructor(rules: readonly ResolvedHttpFaultRule[], random: Random, clock: Clock) {
    this.rules = rules;
    this.random = random;
    this.clock = clock;
    this.matched = rules.map(() => 0);
  }

  /**
   * What happens to this request, or undefined when it passes untouched. A rule that matches,
   * within its firstN, draws once whatever its percentage, so that changing one percentage
   * does not shift the draws of later requests.
   */
  decide(request: HttpFaultRequest): HttpFaultDecision | undefined {
    const rules = this.rules;
    const target = /[?#]/.test(request.path) ? { ...request, path: pathOf(request.path) } : request;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!rule.matches(target)) continue;
      if (++this.matched[i]! > rule.firstN) continue;
      if (this.random.next() * 100 >= rule.percentage) continue;
      if (this.injections.size > 0) this.emit(rule.decision, target);
      return rule.decision;
    }
    return undefined;
  }

  /** Waits a decision's delay on the clock; rejects early, leaving no timer, if `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return wait(this.clock, ms, signal);
  }

  /** Forgets how many requests each rule has matched, so firstN counts afresh. */
  reset(): void {
    this.matched.fill(0);
  }

  private emit(decision: HttpFaultDecision, request: HttpFaultRequest): void {
    this.injections.emit({
      rule: decision.rule,
      name: decision.name,
      method: request.method,
      path: request.path,
      delay: decision.delay,
      status: decision.abort?.status,
    });
  }
}
