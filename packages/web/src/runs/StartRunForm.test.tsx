import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, on } from '../test-support/fake-api.js';
import { StartRunForm } from './StartRunForm.js';

afterEach(() => vi.unstubAllGlobals());

describe('StartRunForm', () => {
  it('refuses a duration without a unit before asking the server', async () => {
    const user = userEvent.setup();
    const received = fakeApi();
    render(<StartRunForm designId="d1" onStarted={() => undefined} />);
    await user.type(screen.getByLabelText('Duration'), '60');
    expect(screen.getByText('duration: expected a duration like "250ms" or "2s", got "60"')).toBeTruthy();
    expect(screen.getByLabelText('Duration').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: 'Run' })).toHaveProperty('disabled', true);
    expect(received).toEqual([]);
  });

  it('starts a run with the seed, duration and comparison asked for', async () => {
    const user = userEvent.setup();
    const onStarted = vi.fn();
    const received = fakeApi(
      on('POST', '/designs/d1/runs', () => ({ status: 202, body: { id: 'r1', status: 'queued' } })),
    );
    render(<StartRunForm designId="d1" onStarted={onStarted} />);
    await user.type(screen.getByLabelText('Seed'), '7');
    await user.type(screen.getByLabelText('Duration'), '2m');
    await user.click(screen.getByLabelText(/Compare with and without resilience/));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await vi.waitFor(() => expect(onStarted).toHaveBeenCalledWith({ run: { id: 'r1', status: 'queued' } }));
    expect(received[0]?.body).toEqual({ seed: 7, duration: '2m', compare: true });
  });

  it("puts the server's message next to the field it names", async () => {
    const user = userEvent.setup();
    fakeApi(
      on('POST', '/designs/d1/runs', () => ({
        status: 413,
        body: {
          error: {
            code: 'limit_exceeded',
            message: 'duration: expected at most 1h (limit durationMs), got 2h',
            path: 'duration',
          },
        },
      })),
    );
    render(<StartRunForm designId="d1" onStarted={() => undefined} />);
    await user.type(screen.getByLabelText('Duration'), '2h');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText('duration: expected at most 1h (limit durationMs), got 2h')).toBeTruthy();
  });
});
