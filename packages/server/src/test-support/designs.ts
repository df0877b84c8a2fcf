/** A small valid design: a gateway calling orders with a breaker, under a steady load. */
export function shopDocument(name = 'shop'): Record<string, unknown> {
  return {
    name,
    seed: 42,
    duration: '10s',
    services: {
      gateway: {
        instances: 2,
        workers: 32,
        latency: '5ms',
        calls: [
          {
            to: 'orders',
            timeout: '1s',
            retry: { maxAttempts: 3 },
            circuitBreaker: { failureRateThreshold: 50, minimumCalls: 10, openFor: '5s' },
          },
        ],
      },
      orders: { instances: 2, workers: 16, latency: '20ms' },
    },
    workload: [{ target: 'gateway', rate: 50 }],
    faults: [{ type: 'crash', target: 'orders', at: '3s', duration: '2s' }],
    slo: { availability: 99.9, latencyP99: '500ms' },
  };
}

export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
