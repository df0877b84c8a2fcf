import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Call } from '../document.js';
import { ResiliencePanel } from './ResiliencePanel.js';

function Harness(props: { initial: Call; errors?: Record<string, string> }) {
  const [call, setCall] = useState(props.initial);
  return (
    <>
      <ResiliencePanel
        from="gateway"
        call={call}
        errors={props.errors ?? {}}
        onChange={({ call: c }) => setCall(c)}
        onRemove={() => undefined}
      />
      <output data-testid="call">{JSON.stringify(call)}</output>
    </>
  );
}
const callNow = () => JSON.parse(screen.getByTestId('call').textContent ?? '{}') as Call;
const policy = (title: string) => screen.getByRole('group', { name: title });

describe('ResiliencePanel', () => {
  it('lists the policies outer to inner, each off until switched on', () => {
    render(<Harness initial={{ to: 'orders' }} />);
    const legends = screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent?.trim());
    expect(legends).toEqual([
      'Fallback',
      'Retry',
      'Hedge',
      'Circuit breaker',
      'Rate limiter',
      'Timeout',
      'Bulkhead',
    ]);
    expect(screen.queryByLabelText('openFor')).toBeNull();
  });

  it('switches a breaker on with a valid start, and shows its defaults', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ to: 'orders' }} />);
    await user.click(within(policy('Circuit breaker')).getByRole('checkbox'));
    expect(callNow()).toEqual({ to: 'orders', circuitBreaker: { failureRateThreshold: 50, openFor: '5s' } });
    expect(within(policy('Circuit breaker')).getByLabelText('halfOpenCalls')).toHaveProperty(
      'placeholder',
      '1',
    );
    await user.type(within(policy('Circuit breaker')).getByLabelText('minimumCalls'), '20');
    expect(callNow().circuitBreaker).toEqual({ failureRateThreshold: 50, openFor: '5s', minimumCalls: 20 });
  });

  it('keeps a timeout in its short form while only the duration is set', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ to: 'orders', timeout: '1s' }} />);
    const duration = within(policy('Timeout')).getByLabelText('duration *');
    expect(duration).toHaveProperty('value', '1s');
    await user.clear(duration);
    await user.type(duration, '250ms');
    expect(callNow().timeout).toBe('250ms');
    await user.selectOptions(within(policy('Timeout')).getByLabelText('strategy'), 'aggressive');
    expect(callNow().timeout).toEqual({ duration: '250ms', strategy: 'aggressive' });
  });

  it("shows the server's messages next to the fields they name", () => {
    render(
      <Harness
        initial={{ to: 'orders', timeout: 'fast', retry: { maxAttempts: 0 } }}
        errors={{
          timeout: 'expected a duration like "250ms", got "fast"',
          'retry.maxAttempts': 'expected a whole number ≥ 1, got 0',
        }}
      />,
    );
    expect(within(policy('Timeout')).getByText('expected a duration like "250ms", got "fast"')).toBeTruthy();
    expect(within(policy('Retry')).getByText('expected a whole number ≥ 1, got 0')).toBeTruthy();
    expect(within(policy('Retry')).getByLabelText('maxAttempts').getAttribute('aria-invalid')).toBe('true');
  });

  it('removes a policy when switched off', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ to: 'orders', bulkhead: { maxConcurrent: 5 } }} />);
    await user.click(within(policy('Bulkhead')).getByRole('checkbox'));
    expect(callNow()).toEqual({ to: 'orders' });
  });
});
