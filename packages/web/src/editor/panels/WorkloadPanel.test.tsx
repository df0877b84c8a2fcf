import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { DesignDocument } from '../../api/types.js';
import { WorkloadPanel } from './WorkloadPanel.js';

function Harness(props: { initial: DesignDocument; errors?: Record<string, string> }) {
  const [doc, setDoc] = useState(props.initial);
  const workload = (doc['workload'] ?? []) as Record<string, unknown>[];
  return (
    <>
      <WorkloadPanel
        document={doc}
        workload={workload}
        services={['gateway', 'orders']}
        errors={props.errors ?? {}}
        onDesignChange={({ settings }) => setDoc({ ...doc, ...settings })}
        onChange={({ workload: w }) => setDoc({ ...doc, workload: w })}
      />
      <output data-testid="doc">{JSON.stringify(doc)}</output>
    </>
  );
}
const docNow = () => JSON.parse(screen.getByTestId('doc').textContent ?? '{}') as DesignDocument;

describe('WorkloadPanel', () => {
  it('edits a spike profile, keeping the rest of the workload as written', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ name: 'shop', workload: [{ target: 'gateway', rate: 100 }] }} />);
    const profile = screen.getByRole('group', { name: 'Profile' });
    await user.selectOptions(within(profile).getByLabelText('type'), 'spike');
    await user.type(within(profile).getByLabelText('at'), '30s');
    await user.type(within(profile).getByLabelText('duration'), '10s');
    await user.type(within(profile).getByLabelText('multiplier'), '3');
    expect(docNow()['workload']).toEqual([
      { target: 'gateway', rate: 100, profile: { type: 'spike', at: '30s', duration: '10s', multiplier: 3 } },
    ]);
  });

  it("shows the server's message on the workload field it names", () => {
    render(
      <Harness
        initial={{ name: 'shop', workload: [{ target: 'gateway', rate: -1 }] }}
        errors={{ 'workload[0].rate': 'expected a rate from 0 to 1000000 requests per second, got -1' }}
      />,
    );
    expect(screen.getByText('expected a rate from 0 to 1000000 requests per second, got -1')).toBeTruthy();
  });

  it('edits the run settings at the top of the design', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ name: 'shop', workload: [] }} />);
    await user.type(screen.getByLabelText('duration'), '2m');
    expect(docNow()['duration']).toBe('2m');
  });
});
