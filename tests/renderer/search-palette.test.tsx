// Ctrl/Cmd+K: one search over the case, grouped by kind, walked by the keyboard, opening the record.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEARCH_RANK_CAP, type SearchResult } from '../../electron/schema/search';
import { Shell } from '../../renderer/src/shell/shell';
import { uuid } from './fixtures';
import { backend, callsTo, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const claimId = uuid(1);
const evidenceClaimId = uuid(2);
const result: SearchResult = {
  query: 'sergek',
  total: 3,
  capped: false,
  groups: [
    {
      kind: 'claim',
      total: 1,
      capped: false,
      hits: [
        {
          kind: 'claim',
          id: claimId,
          title: 'The Sergek network identifies drivers',
          snippet: 'The \u0002Sergek\u0003 network identifies drivers',
          rank: -3,
          removed: false,
        },
      ],
    },
    {
      kind: 'evidence',
      total: 1,
      capped: false,
      hits: [
        {
          kind: 'evidence',
          id: uuid(900),
          claimId: evidenceClaimId,
          title: 'Sergek cameras read plates',
          snippet: '\u0002Sergek\u0003 cameras read plates',
          rank: -2,
          removed: false,
          context: 'The Sergek network identifies drivers',
        },
      ],
    },
    {
      kind: 'deal',
      total: 1,
      capped: false,
      hits: [
        {
          kind: 'deal',
          id: uuid(500),
          title: 'Sergek, Almaty',
          snippet: '\u0002Sergek\u0003, Almaty',
          rank: -1,
          removed: false,
        },
      ],
    },
  ],
};

const info = {
  path: '/cases/almaty.evidence',
  name: 'Almaty cameras',
  caseId: uuid(70),
  replica: uuid(71),
  actor: 'Journalist',
  schemaVersion: 1,
  counts: {
    deals: 1,
    actors: 0,
    sources: 2,
    claims: 2,
    evidence: 3,
    assessments: 0,
    attachments: 0,
    auditEvents: 9,
  },
  auditHead: { seq: 9, hash: 'f'.repeat(64) },
  openCheck: 'full' as const,
};

function setUp() {
  resetBackend({
    'case.info': () => info,
    'claims.list': () => page([]),
    'deals.list': () => page([]),
    'claims.get': () => new Promise(() => {}),
    'search.query': (input) =>
      input.query.toLowerCase().startsWith('serg')
        ? result
        : { query: input.query, total: 0, capped: false, groups: [] },
  });
}

describe('the workspace shell', () => {
  it('names the open case and who is working, and offers the five sections', async () => {
    setUp();
    renderApp(<Shell />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Almaty cameras' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /Working as Journalist/ })).toBeInTheDocument();
    const sections = screen.getByRole('navigation', { name: 'Sections' });
    // The built-in sections come first, in this order; later features add theirs after Audit.
    const names = within(sections)
      .getAllByRole('button')
      .map((b) => b.textContent?.replace(/[\d,]+$/, ''));
    expect(names.slice(0, 5)).toEqual(['Deals', 'Claims', 'Sources', 'Actors', 'Audit']);
    expect(within(sections).getByRole('button', { name: /^Claims/ })).toHaveAttribute('aria-current', 'page');
    await userEvent.keyboard('{Alt>}5{/Alt}');
    expect(within(sections).getByRole('button', { name: /^Audit/ })).toHaveAttribute('aria-current', 'page');
  });
});

describe('the search palette', () => {
  it('opens with Ctrl+K, groups the results by kind and marks the matches', async () => {
    setUp();
    renderApp(<Shell />);
    await screen.findByRole('heading', { level: 1, name: 'Almaty cameras' });
    await userEvent.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Search the case' });
    const box = within(dialog).getByRole('combobox', {
      name: /Search claims, sources, evidence, deals and actors/,
    });
    expect(box).toHaveFocus();
    await userEvent.type(box, 'sergek');
    const results = await within(dialog).findByRole('listbox', { name: 'Search results' });
    await within(results).findByRole('group', { name: 'Claims' });
    expect(within(results).getAllByRole('group')).toHaveLength(3);
    expect(within(results).getByRole('group', { name: 'Evidence' })).toBeInTheDocument();
    expect(within(results).getByRole('group', { name: 'Deals' })).toBeInTheDocument();
    expect(results.querySelectorAll('mark')).toHaveLength(3);
    // An evidence hit says which claim it belongs to.
    expect(within(results).getByRole('group', { name: 'Evidence' })).toHaveTextContent(
      'in the claim “The Sergek network identifies drivers”',
    );
    expect(within(dialog).getByRole('status')).toHaveTextContent('3 matches');
    expect(callsTo('search.query').at(-1)).toEqual({ query: 'sergek', limit: 8 });
  });

  it('walks the results with the arrow keys and opens an evidence hit’s claim with Enter', async () => {
    setUp();
    renderApp(<Shell />);
    await screen.findByRole('heading', { level: 1, name: 'Almaty cameras' });
    await userEvent.keyboard('{Meta>}k{/Meta}');
    const dialog = await screen.findByRole('dialog', { name: 'Search the case' });
    const box = within(dialog).getByRole('combobox');
    await userEvent.type(box, 'serg');
    const claimOption = await within(dialog).findByRole('option', { name: /^The Sergek network identifies/ });
    expect(claimOption).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', claimOption.id);
    await userEvent.keyboard('{ArrowDown}');
    const evidenceOption = within(dialog).getByRole('option', { name: /cameras read plates/ });
    expect(evidenceOption).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', evidenceOption.id);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByTestId('nav')).toHaveTextContent(`claims|claim:${evidenceClaimId}|view`);
  });

  it('counts each kind, and says “300+” for a kind with more matches than are ranked', async () => {
    setUp();
    const capped: SearchResult = {
      ...result,
      total: 1_002,
      capped: true,
      groups: result.groups.map((g) =>
        g.kind === 'claim' ? { ...g, total: SEARCH_RANK_CAP, capped: true } : g,
      ),
    };
    backend.handlers['search.query'] = () => capped;
    renderApp(<Shell />);
    await screen.findByRole('heading', { level: 1, name: 'Almaty cameras' });
    await userEvent.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Search the case' });
    await userEvent.type(within(dialog).getByRole('combobox'), 'the');
    const claims = await within(dialog).findByRole('group', { name: 'Claims' });
    expect(claims).toHaveTextContent(/^Claims 300\+/);
    expect(within(dialog).getByRole('group', { name: 'Deals' })).toHaveTextContent(/^Deals 1Sergek/);
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      '1,002+ matches: add a word to narrow them.',
    );
  });

  it('says when nothing matches, and closes with Escape', async () => {
    setUp();
    renderApp(<Shell />);
    await screen.findByRole('heading', { level: 1, name: 'Almaty cameras' });
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: /Search the case/ }));
    });
    const dialog = await screen.findByRole('dialog', { name: 'Search the case' });
    await userEvent.type(within(dialog).getByRole('combobox'), 'xylophone');
    expect(await within(dialog).findByText('Nothing matches “xylophone”.')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
