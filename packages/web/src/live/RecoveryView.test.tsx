import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LiveReport } from '../api/live.js';
import { PartitionView, RecoveryView, tradeOff } from './RecoveryView.js';

const report = (faults: LiveReport['faults']): LiveReport => ({
  sessionId: 's',
  simulatedMs: 90_000,
  score: { value: 80 },
  slo: { availability: 99.9 },
  faults,
});

describe('RecoveryView', () => {
  it('marks each step reached, with its time after the injection', () => {
    render(
      <RecoveryView
        report={report([
          {
            id: 'f1',
            type: 'crash',
            targets: ['db'],
            injectedAt: 30_000,
            healedAt: 50_000,
            detectedAfterMs: 1000,
            breakerOpenAfterMs: 1500,
            breakerEdge: 'web->db',
            recoveredAfterMs: null,
          },
        ])}
      />,
    );
    const steps = screen.getByRole('list', { name: 'Recovery from crash db' });
    expect(steps.textContent).toContain('✓ detected +1s');
    expect(steps.textContent).toContain('✓ breaker web->db open +1.5s');
    expect(steps.textContent).toContain('✓ healed +20s');
    expect(steps.textContent).toContain('… recovered');
  });

  it('counts recovery from the healing, as the server reports it', () => {
    render(
      <RecoveryView
        report={report([
          {
            id: 'f1',
            type: 'crash',
            targets: ['db'],
            injectedAt: 10_000,
            healedAt: 18_000,
            detectedAfterMs: 0,
            breakerOpenAfterMs: 90,
            breakerEdge: 'web->db',
            recoveredAfterMs: 2700,
          },
        ])}
      />,
    );
    expect(screen.getByRole('list', { name: 'Recovery from crash db' }).textContent).toContain(
      '✓ recovered +10.7s (2.7s after healing)',
    );
  });
});

describe('partitions', () => {
  it('states the trade-off the measured availability shows', () => {
    expect(tradeOff([{ availability: 99.95 }, { availability: 99.5 }])).toMatch(
      /availability kept, consistency given up/,
    );
    expect(tradeOff([{ availability: 100 }, { availability: 40 }])).toMatch(
      /fell to 40%.*consistency kept, availability given up/,
    );
    expect(tradeOff([{ availability: null }, { availability: 100 }])).toMatch(/Not enough traffic/);
  });

  it('shows both sides and what each could still serve', () => {
    render(
      <PartitionView
        report={report([
          {
            id: 'p',
            type: 'partition',
            targets: ['web', 'db'],
            injectedAt: 0,
            healedAt: null,
            detectedAfterMs: null,
            breakerOpenAfterMs: null,
            breakerEdge: null,
            recoveredAfterMs: null,
            sides: [
              { services: ['web'], ok: 10, failed: 90, availability: 10, healthy: [] },
              { services: ['db'], ok: 0, failed: 0, availability: null, healthy: ['db'] },
            ],
          },
        ])}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Side A: web' })).toBeTruthy();
    expect(screen.getByText('Healthy every second of it: db')).toBeTruthy();
    expect(screen.getByText('Healthy every second of it: none')).toBeTruthy();
  });
});
