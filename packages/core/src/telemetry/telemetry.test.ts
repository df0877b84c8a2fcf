import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.js';
import { PolicyBase, contextOf, type ExecuteOptions, type PolicyFunction } from '../policy/index.js';
import { BREAKER_SPAN_EVENT, TELEMETRY_METRICS, instrument } from './telemetry.js';

class PullReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** Retries once and reports a breaker transition: enough to exercise every instrument. */
class RetryOnceAndTrip extends PolicyBase {
  constructor(clock: VirtualClock) {
    super('circuitBreaker', 'orders-breaker', clock);
  }
  async execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    try {
      return await fn(context);
    } catch {
      this.report('stateChange', 'warning', { from: 'closed', to: 'open' });
      return await fn({ ...context, attempt: context.attempt + 1 });
    }
  }
}

describe('instrument (OpenTelemetry)', () => {
  it('records events, attempt and pipeline durations, and breaker span events with the real SDK', async () => {
    const reader = new PullReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const span = tracerProvider.getTracer('test').startSpan('checkout');

    const clock = new VirtualClock();
    const instrumented = instrument(new RetryOnceAndTrip(clock), {
      meter: meterProvider.getMeter('faultline-test'),
      trace: { getActiveSpan: () => span },
      clock,
    });
    let calls = 0;
    const result = await instrumented.execute(async () => {
      calls++;
      clock.advance(calls === 1 ? 30 : 20);
      if (calls === 1) throw new Error('first attempt fails');
      return 'ok';
    });
    span.end();
    expect(result).toBe('ok');

    const { resourceMetrics } = await reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
    const byName = (name: string) => all.find((metric) => metric.descriptor.name === name)!;

    const events = byName(TELEMETRY_METRICS.events);
    expect(events.dataPoints).toHaveLength(1);
    expect(events.dataPoints[0]!.value).toBe(1);
    expect(events.dataPoints[0]!.attributes).toMatchObject({
      'event.name': 'stateChange',
      'strategy.kind': 'circuitBreaker',
      'pipeline.name': 'orders-breaker',
    });

    const attempts = byName(TELEMETRY_METRICS.attemptDuration) as HistogramMetricData;
    const summary = attempts.dataPoints
      .map((point) => [
        point.attributes['attempt.number'],
        point.attributes['attempt.handled'],
        point.value.sum,
      ])
      .sort();
    expect(summary).toEqual([
      [1, true, 30],
      [2, false, 20],
    ]);

    const pipeline = byName(TELEMETRY_METRICS.pipelineDuration) as HistogramMetricData;
    expect(pipeline.dataPoints[0]!.value.sum).toBe(50);
    expect(pipeline.dataPoints[0]!.attributes).toMatchObject({ outcome: 'success' });

    const [exported] = exporter.getFinishedSpans();
    expect(exported!.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        BREAKER_SPAN_EVENT,
        { 'strategy.name': 'orders-breaker', 'circuit_breaker.from': 'closed', 'circuit_breaker.to': 'open' },
      ],
    ]);

    instrumented.dispose();
    await meterProvider.shutdown();
  });

  it('accepts the @opentelemetry/api objects as they are', () => {
    const instrumented = instrument(new RetryOnceAndTrip(new VirtualClock()), {
      meter: metrics.getMeter('any'),
      trace,
    });
    expect(instrumented.name).toBe('orders-breaker');
    instrumented.dispose();
  });
});
