import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { designOf, fakeApi, on } from '../test-support/fake-api.js';
import { starterDocument } from './document.js';
import { Editor } from './EditorScreen.js';

afterEach(() => vi.unstubAllGlobals());

const renderEditor = () =>
  render(
    <ReactFlowProvider>
      <Editor design={designOf(starterDocument('shop'), 3)} />
    </ReactFlowProvider>,
  );

async function addServiceAndSave(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Add service' }));
  await user.click(screen.getByRole('button', { name: 'Save' }));
}

describe('Editor', () => {
  it('saves the next version against the version it loaded', async () => {
    const user = userEvent.setup();
    const received = fakeApi(
      on('PUT', '/designs/d1', (body) => ({
        status: 200,
        body: designOf((body as { document: Record<string, unknown> }).document, 4),
      })),
    );
    renderEditor();
    await addServiceAndSave(user);
    expect(await screen.findByText('Saved as version 4.')).toBeTruthy();
    const puts = received.filter((r) => r.method === 'PUT');
    expect(puts[0]?.body).toMatchObject({ expectedVersion: 3 });
    expect(Object.keys((puts[0]?.body as { document: { services: object } }).document.services)).toEqual([
      'gateway',
      'backend',
      'service',
    ]);
  });

  it('tells the user when someone else saved first, and overwrites only when asked', async () => {
    const user = userEvent.setup();
    const received = fakeApi(
      on('PUT', '/designs/d1', (body) =>
        (body as { expectedVersion: number }).expectedVersion === 3
          ? {
              status: 409,
              body: {
                error: {
                  code: 'version_conflict',
                  message: 'Design d1 is at version 5, not 3',
                  currentVersion: 5,
                },
              },
            }
          : { status: 200, body: designOf((body as { document: Record<string, unknown> }).document, 6) },
      ),
    );
    renderEditor();
    await addServiceAndSave(user);
    const dialog = await screen.findByRole('dialog', { name: 'Someone else saved this design' });
    expect(within(dialog).getByText(/now at version 5/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    expect(await screen.findByText('Saved as version 6.')).toBeTruthy();
    expect(
      received
        .filter((r) => r.method === 'PUT')
        .map((r) => (r.body as { expectedVersion: number }).expectedVersion),
    ).toEqual([3, 5]);
  });

  it("reloads the other person's version when the user chooses to", async () => {
    const user = userEvent.setup();
    const theirs = { ...starterDocument('shop'), name: 'theirs' };
    fakeApi(
      on('PUT', '/designs/d1', () => ({
        status: 409,
        body: { error: { code: 'version_conflict', message: 'conflict', currentVersion: 5 } },
      })),
      on('GET', '/designs/d1', () => ({ status: 200, body: designOf(theirs, 5) })),
    );
    renderEditor();
    await addServiceAndSave(user);
    await user.click(await screen.findByRole('button', { name: 'Reload their version' }));
    expect(await screen.findByText('Reloaded version 5.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/^theirs/);
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveProperty('disabled', true);
  });

  it("puts the server's validation messages next to the fields they name", async () => {
    const user = userEvent.setup();
    fakeApi(
      on('PUT', '/designs/d1', () => ({
        status: 422,
        body: {
          error: {
            code: 'invalid_design',
            message: 'services.gateway.workers: expected a whole number ≥ 1, got 0',
            path: 'services.gateway.workers',
            issues: [{ path: 'services.gateway.workers', message: 'expected a whole number ≥ 1, got 0' }],
          },
        },
      })),
    );
    renderEditor();
    await addServiceAndSave(user);
    // The editor opens the service the first problem is in.
    expect(await screen.findByRole('heading', { name: 'Service gateway' })).toBeTruthy();
    const workers = screen.getByLabelText('workers');
    expect(workers.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('expected a whole number ≥ 1, got 0')).toBeTruthy();
  });

  it('undoes and redoes edits', async () => {
    const user = userEvent.setup();
    renderEditor();
    await user.click(screen.getByRole('button', { name: 'Add service' }));
    expect(screen.getByRole('heading', { name: 'Service service' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByText(/version 3$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(screen.getByText(/unsaved changes/)).toBeTruthy();
  });
});
