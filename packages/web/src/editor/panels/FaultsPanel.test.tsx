import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { FaultsPanel } from './FaultsPanel.js';

type Fault = Record<string, unknown>;

function Harness(props: { initial: Fault[]; errors?: Record<string, string> }) {
  const [faults, setFaults] = useState(props.initial);
  return (
    <>
      <FaultsPanel
        faults={faults}
        runMs={60_000}
        services={['gateway', 'orders']}
        errors={props.errors ?? {}}
        onChange={({ faults: f }) => setFaults(f)}
      />
      <output data-testid="faults">{JSON.stringify(faults)}</output>
    </>
  );
}
const faultsNow = () => JSON.parse(screen.getByTestId('faults').textContent ?? '[]') as Fault[];

describe('FaultsPanel', () => {
  it('adds a fault of the chosen type with a form for it', async () => {
    const user = userEvent.setup();
    render(<Harness initial={[]} />);
    await user.selectOptions(screen.getByLabelText('Add a fault'), 'latency');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(faultsNow()).toEqual([
      { type: 'latency', at: '15s', duration: '10s', target: 'gateway', delay: '500ms' },
    ]);
    await user.selectOptions(screen.getByLabelText('target *'), 'orders');
    expect(faultsNow()[0]?.['target']).toBe('orders');
  });

  it('moves a fault in time with the arrow keys, a second per press, ten with Shift', () => {
    render(<Harness initial={[{ type: 'crash', target: 'orders', at: '30s', duration: '10s' }]} />);
    const bar = screen.getByRole('button', { name: /crash orders, from 30s for 10s/ });
    fireEvent.keyDown(bar, { key: 'ArrowRight' });
    expect(faultsNow()[0]?.['at']).toBe('31s');
    fireEvent.keyDown(screen.getByRole('button', { name: /crash orders, from 31s/ }), {
      key: 'ArrowLeft',
      shiftKey: true,
    });
    expect(faultsNow()[0]?.['at']).toBe('21s');
  });

  it("shows the server's message on the fault's field", () => {
    render(
      <Harness
        initial={[{ type: 'crash', target: 'ordrs', at: '30s' }]}
        errors={{ 'faults[0].target': 'no service named "ordrs"; did you mean "orders"?' }}
      />,
    );
    const form = screen.getByRole('group', { name: 'Fault 1: crash' });
    expect(within(form).getByText('no service named "ordrs"; did you mean "orders"?')).toBeTruthy();
  });

  it('removes the selected fault', async () => {
    const user = userEvent.setup();
    render(<Harness initial={[{ type: 'crash', target: 'orders' }]} />);
    await user.click(screen.getByRole('button', { name: 'Remove this fault' }));
    expect(faultsNow()).toEqual([]);
  });
});
