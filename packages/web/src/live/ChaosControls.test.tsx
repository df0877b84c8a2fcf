import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, on } from '../test-support/fake-api.js';
import { ChaosControls, FALLBACK_FAULT_TYPES, faultRequest } from './ChaosControls.js';

afterEach(() => vi.unstubAllGlobals());

const type = (name: string) => FALLBACK_FAULT_TYPES.find((t) => t.type === name)!;

describe('faultRequest', () => {
  it('sends a partition as two groups, without intensity', () => {
    expect(
      faultRequest({
        faultType: type('partition'),
        values: { 'between.a': 'web', 'between.b': 'db' },
        intensity: 0.5,
        duration: '10s',
      }),
    ).toEqual({ type: 'partition', between: [['web'], ['db']], duration: '10s' });
  });
  it('sends a crash with its target and intensity, and no duration when left empty (until healed)', () => {
    expect(
      faultRequest({ faultType: type('crash'), values: { target: 'db' }, intensity: 1, duration: ' ' }),
    ).toEqual({
      type: 'crash',
      target: 'db',
      intensity: 1,
    });
  });
});

describe('ChaosControls', () => {
  it('injects the fault of the card, on the service chosen', async () => {
    const user = userEvent.setup();
    const onInjected = vi.fn();
    const received = fakeApi(on('POST', '/live/s1/faults', () => ({ status: 201, body: {} })));
    render(
      <ChaosControls
        sessionId="s1"
        faultTypes={FALLBACK_FAULT_TYPES}
        services={['web', 'db']}
        onInjected={onInjected}
        onError={() => undefined}
      />,
    );
    const card = screen.getByRole('form', { name: 'error' });
    await user.selectOptions(within(card).getByLabelText('target'), 'web');
    await user.click(within(card).getByRole('button', { name: 'Inject error' }));
    await vi.waitFor(() => expect(onInjected).toHaveBeenCalled());
    expect(received[0]?.body).toEqual({ type: 'error', target: 'web', intensity: 0.5, duration: '30s' });
  });

  it('will not inject with a duration it cannot read', async () => {
    const user = userEvent.setup();
    render(
      <ChaosControls
        sessionId="s1"
        faultTypes={FALLBACK_FAULT_TYPES}
        services={['web']}
        onInjected={() => undefined}
        onError={() => undefined}
      />,
    );
    const card = screen.getByRole('form', { name: 'latency' });
    await user.clear(within(card).getByLabelText('duration'));
    await user.type(within(card).getByLabelText('duration'), 'long');
    expect(within(card).getByRole('button', { name: 'Inject latency' })).toHaveProperty('disabled', true);
    expect(within(card).getByText(/expected a duration/)).toBeTruthy();
  });
});
