import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { designOf, fakeApi, on } from '../test-support/fake-api.js';
import { DesignsScreen } from './DesignsScreen.js';

afterEach(() => vi.unstubAllGlobals());

const summary = (id: string, name: string) => ({
  id,
  name,
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'ann',
  updatedAt: '2026-01-02T00:00:00Z',
  updatedBy: 'ann',
  deletedAt: null,
});
const listing = (...items: ReturnType<typeof summary>[]) =>
  on('GET', '/designs', () => ({ status: 200, body: { items, total: items.length, nextCursor: null } }));

describe('DesignsScreen', () => {
  it('asks before deleting, and deletes only when confirmed', async () => {
    const user = userEvent.setup();
    const received = fakeApi(
      listing(summary('d1', 'shop')),
      on('DELETE', '/designs/d1', () => ({ status: 204 })),
    );
    render(<DesignsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Delete shop' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete shop?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(received.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Delete shop' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() =>
      expect(received.some((r) => r.method === 'DELETE' && r.path === '/designs/d1')).toBe(true),
    );
  });

  it('searches by name as the user types', async () => {
    const user = userEvent.setup();
    const urls: string[] = [];
    fakeApi(listing(summary('d1', 'shop')));
    const fetchSpy = vi.mocked(fetch);
    render(<DesignsScreen />);
    await user.type(screen.getByLabelText('Search'), 'sh');
    await vi.waitFor(() => {
      urls.splice(0, urls.length, ...fetchSpy.mock.calls.map(([url]) => String(url)));
      expect(urls.at(-1)).toContain('search=sh');
    });
  });

  it('duplicates a design as a new one named "(copy)"', async () => {
    const user = userEvent.setup();
    const document = { name: 'shop', services: { a: {} } };
    const received = fakeApi(
      listing(summary('d1', 'shop')),
      on('GET', '/designs/d1', () => ({ status: 200, body: designOf(document, 2) })),
      on('POST', '/designs', (body) => ({
        status: 201,
        body: designOf((body as { document: Record<string, unknown> }).document, 1, 'd2'),
      })),
    );
    render(<DesignsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Duplicate shop' }));
    await vi.waitFor(() => expect(received.find((r) => r.method === 'POST')).toBeTruthy());
    expect(received.find((r) => r.method === 'POST')?.body).toMatchObject({
      document: { name: 'shop (copy)', services: { a: {} } },
    });
    expect(window.location.hash).toBe('#/designs/d2');
  });

  it("shows the server's message when an import is refused", async () => {
    const user = userEvent.setup();
    fakeApi(
      listing(),
      on('POST', '/designs/import', () => ({
        status: 422,
        body: {
          error: {
            code: 'invalid_design',
            message: 'shop.yaml:3:1: YAML syntax error: Tabs are not allowed',
          },
        },
      })),
    );
    render(<DesignsScreen />);
    await user.click(screen.getByRole('button', { name: 'Import YAML' }));
    await user.type(screen.getByLabelText('or paste it'), 'name: x');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/Tabs are not allowed/)).toBeTruthy();
  });
});
