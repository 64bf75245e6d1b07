// The claims list in each of its states: loading, failed, empty, and very long (virtualized).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiCallError } from '../../renderer/src/client';
import { ClaimsList } from '../../renderer/src/lists/claims-list';
import { claimItem, uuid } from './fixtures';
import { backend, callsTo, giveListsAViewport, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const noDeals = () => page([]);
let restore: () => void;

beforeEach(() => {
  restore = giveListsAViewport(600);
});
afterEach(() => restore());

describe('the claims list', () => {
  it('says it is loading while the first page is on its way', async () => {
    resetBackend({ 'claims.list': () => new Promise(() => {}), 'deals.list': noDeals });
    renderApp(<ClaimsList />);
    expect(await screen.findByRole('status')).toHaveTextContent('Loading claims…');
  });

  it('shows a failure in words, with a way to try again', async () => {
    let fail = true;
    resetBackend({
      'claims.list': () => {
        if (fail) throw new ApiCallError('claims.list', { code: 'io', message: 'disk I/O error' });
        return page([claimItem(1)]);
      },
      'deals.list': noDeals,
    });
    renderApp(<ClaimsList />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The case file could not be read or written.');
    expect(alert).toHaveTextContent('disk I/O error');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('option', { name: /Claim number 1/ })).toBeInTheDocument();
  });

  it('invites the first claim when the case has none', async () => {
    resetBackend({ 'claims.list': () => page([]), 'deals.list': noDeals });
    renderApp(<ClaimsList />);
    expect(
      await screen.findByText('No claims yet. State the first one with “New claim”.'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 claims')).toBeInTheDocument();
  });

  it('holds 100,000 claims while rendering only the rows in view, walked by the keyboard', async () => {
    const total = 100_000;
    resetBackend({
      'claims.list': (input) => {
        const limit = input?.limit ?? 50;
        const items = Array.from({ length: limit }, (_, i) => claimItem(total - 1 - i));
        return page(items, total, 'next');
      },
      'deals.list': noDeals,
    });
    renderApp(<ClaimsList />);
    const list = await screen.findByRole('listbox', { name: 'Claims' });
    await within(list).findByRole('option', { name: /Claim number 99999/ });
    expect(await screen.findByText('100,000 claims')).toBeInTheDocument();
    const rendered = within(list).getAllByRole('option');
    // 600 px of 66 px rows is 10 rows, plus a few of overscan: nowhere near 100,000.
    expect(rendered.length).toBeLessThan(25);
    expect(rendered[0]).toHaveAttribute('aria-setsize', '100000');
    expect(rendered[0]).toHaveAttribute('aria-posinset', '1');
    // Only the first page was asked for, newest first.
    expect(callsTo('claims.list')).toEqual([{ sort: { field: 'created', direction: 'desc' }, limit: 100 }]);

    // The keyboard moves the selection and the detail follows (jsdom has no layout, so the jump to
    // the end of the list is exercised in the browser suite).
    list.focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() =>
      expect(screen.getByTestId('nav')).toHaveTextContent(`claims|claim:${uuid(total - 2)}|view`),
    );
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() =>
      expect(screen.getByTestId('nav')).toHaveTextContent(`claims|claim:${uuid(total - 1)}|view`),
    );
  });

  it('filters by status, verdict and deal, and sorts, through the list method’s own parameters', async () => {
    const deal = { id: uuid(500), title: 'Huawei Safe City, Tashkent' };
    resetBackend({
      'claims.list': () => page([claimItem(1, { verdict: 'corroborated', status: 'verified' })]),
      'deals.list': () =>
        page([
          {
            ...deal,
            technology: 'cctv',
            country: null,
            status: 'signed',
            year: null,
            valueAmount: null,
            valueCurrency: null,
            summary: null,
            createdAt: '',
            updatedAt: '',
            deletedAt: null,
          },
        ]),
    });
    renderApp(<ClaimsList />);
    await screen.findByRole('option', { name: /Claim number 1/ });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Verified');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'Corroborated');
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Deal' }), deal.title);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Statement A–Z');
    await waitFor(() =>
      expect(callsTo('claims.list').at(-1)).toEqual({
        filters: { status: ['verified'], verdict: ['corroborated'], dealId: deal.id },
        sort: { field: 'statement', direction: 'asc' },
        limit: 100,
      }),
    );
    expect(await screen.findByText('1 claim match')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(callsTo('claims.list').at(-1)).toEqual({
        sort: { field: 'statement', direction: 'asc' },
        limit: 100,
      }),
    );
    expect(backend.calls.every((c) => c.method === 'claims.list' || c.method === 'deals.list')).toBe(true);
  });
});
