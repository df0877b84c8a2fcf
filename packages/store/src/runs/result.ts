import { describe } from '@faultline/core';
import { LimitExceededError, ValidationError } from '../errors.js';
import { isPlainObject } from '../input.js';
import type { StoreLimits } from '../limits.js';

/** A run result as stored: the summary, and the timeline apart. */
export interface StoredResult {
  readonly summary: string;
  readonly timeline: string | null;
  readonly bytes: number;
}

/**
 * Splits a result for storage. The timeline (one entry per simulated second) is most of a
 * result's size and is only needed to draw charts; kept apart, the summary can be read alone.
 */
export function splitResult(result: unknown, limits: StoreLimits): StoredResult {
  if (!isPlainObject(result)) {
    throw new ValidationError([
      { path: 'result', message: `expected a JSON object, got ${describe(result)}` },
    ]);
  }
  const { timeline, ...summary } = result;
  let summaryText: string;
  let timelineText: string | null;
  try {
    summaryText = JSON.stringify(summary);
    // JSON.stringify gives undefined for what JSON drops (a function): store no timeline then.
    timelineText = (JSON.stringify(timeline) as string | undefined) ?? null;
  } catch (error) {
    throw new ValidationError([
      {
        path: 'result',
        message: `expected JSON, got something JSON cannot hold (${(error as Error).message})`,
      },
    ]);
  }
  const bytes =
    Buffer.byteLength(summaryText, 'utf8') +
    (timelineText === null ? 0 : Buffer.byteLength(timelineText, 'utf8'));
  if (bytes > limits.resultBytes)
    throw new LimitExceededError('result', 'resultBytes', limits.resultBytes, bytes);
  return { summary: summaryText, timeline: timelineText, bytes };
}

/** The result as JSON text, with its timeline put back as the last member when asked for. */
export function joinResult(summary: string, timeline: string | null, withTimeline: boolean): string {
  if (!withTimeline || timeline === null) return summary;
  const separator = summary === '{}' ? '' : ',';
  return `${summary.slice(0, -1)}${separator}"timeline":${timeline}}`;
}
