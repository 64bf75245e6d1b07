// The deals, sources and actors lists, each made from its spec by the one list component: the same
// toolbar (search, filters, clear, count, sort), each filter reaching the list method as the type it
// takes, and the words of an empty and of a filtered list.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Actor, Deal } from '../../electron/schema/records';
import { ActorsList } from '../../renderer/src/lists/actors-list';
import { DealsList } from '../../renderer/src/lists/deals-list';
import { SourcesList } from '../../renderer/src/lists/sources-list';
import { source, uuid } from './fixtures';
import { callsTo, giveListsAViewport, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const stamps = { createdAt: '', updatedAt: '', deletedAt: null };
const deal: Deal = {
  id: uuid(1),
  title: 'Huawei Safe City, Tashkent',
  technology: 'cctv',
  country: 'UZ',
  status: 'signed',
  year: 2019,
  valueAmount: null,
  valueCurrency: null,
  summary: null,
  ...stamps,
};
const actor: Actor = {
  id: uuid(2),
  name: 'Huawei',
  kind: 'company',
  country: 'CN',
  aliases: ['HW'],
  ...stamps,
};

let restore: () => void;
beforeEach(() => {
  restore = giveListsAViewport(600);
});
afterEach(() => restore());

describe('a list made from its spec', () => {
  it('filters deals by technology and status, counts the matches, and clears back to all', async () => {
    resetBackend({ 'deals.list': () => page([deal]) });
    renderApp(<DealsList />);
    expect(await screen.findByRole('option', { name: /Huawei Safe City/ })).toHaveTextContent('CCTV');
    expect(screen.getByRole('heading', { name: 'Deals' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New deal' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Technology' }), 'CCTV');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Signed');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Year, latest first');
    await waitFor(() =>
      expect(callsTo('deals.list').at(-1)).toEqual({
        filters: { technology: ['cctv'], status: ['signed'] },
        sort: { field: 'year', direction: 'desc' },
        limit: 100,
      }),
    );
    expect(await screen.findByText('1 deal match')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(callsTo('deals.list').at(-1)).toEqual({
        sort: { field: 'year', direction: 'desc' },
        limit: 100,
      }),
    );
    expect(await screen.findByText('1 deal')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Technology' })).toHaveValue('');
  });

  it('sends the confidential filter as a yes/no and the search words as the query', async () => {
    resetBackend({ 'sources.list': () => page([source(1, { confidential: true })]) });
    renderApp(<SourcesList />);
    expect(await screen.findByRole('option', { name: /Source 1/ })).toHaveTextContent('Confidential');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Confidential' }), 'Not confidential');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Reliability' }),
      'B — Usually reliable',
    );
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter sources by words' }), 'tender');
    await waitFor(() =>
      expect(callsTo('sources.list').at(-1)).toEqual({
        query: 'tender',
        filters: { reliability: ['B'], confidential: false },
        sort: { field: 'title', direction: 'asc' },
        limit: 100,
      }),
    );
  });

  it('says so when nothing is there yet, and when nothing matches', async () => {
    resetBackend({ 'actors.list': () => page([]) });
    renderApp(<ActorsList />);
    expect(
      await screen.findByText('No actors yet. Add a company, agency or person with “New actor”.'),
    ).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Person');
    expect(await screen.findByText('No actor matches these filters.')).toBeInTheDocument();
    await waitFor(() =>
      expect(callsTo('actors.list').at(-1)).toMatchObject({ filters: { kind: ['person'] } }),
    );
  });

  it('shows an actor’s kind, country and aliases in its row', async () => {
    resetBackend({ 'actors.list': () => page([actor]) });
    renderApp(<ActorsList />);
    const row = await screen.findByRole('option', { name: /Huawei/ });
    expect(row).toHaveTextContent('Company');
    expect(row).toHaveTextContent('also HW');
  });
});
