// Source, deal and actor details: what each shows, and the edits made in place (origin, parties).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Output } from '../../electron/api/contract';
import type { Actor, Deal } from '../../electron/schema/records';
import { ActorDetail } from '../../renderer/src/detail/actor-detail';
import { DealDetail } from '../../renderer/src/detail/deal-detail';
import { SourceDetail } from '../../renderer/src/detail/source-detail';
import { claimItem, source, uuid } from './fixtures';
import { callsTo, page, renderApp, resetBackend } from './support';

vi.mock('../../renderer/src/client', async (actual) => ({
  ...(await actual<typeof import('../../renderer/src/client')>()),
  ...(await import('./support')).clientMock,
}));

const at = '2025-03-01T10:00:00.000Z';
const deal: Deal = {
  id: uuid(500),
  title: 'Huawei Safe City, Tashkent',
  technology: 'cctv',
  country: 'Uzbekistan',
  status: 'deployed',
  year: 2019,
  valueAmount: 1_000_000_000,
  valueCurrency: 'USD',
  summary: 'Cameras and a command centre.',
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
};
const huawei: Actor = {
  id: uuid(600),
  name: 'Huawei',
  kind: 'company',
  country: 'China',
  aliases: ['Huawei Technologies'],
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
};
const uzbekistan: Actor = {
  id: uuid(601),
  name: 'Government of Uzbekistan',
  kind: 'government',
  country: 'Uzbekistan',
  aliases: [],
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
};

describe('a source’s detail', () => {
  const leak = source(1, {
    title: 'Procurement notes',
    kind: 'leak',
    reliability: 'F',
    confidential: true,
    reliabilityNote: 'Unverified origin.',
  });
  const original = source(2, { title: 'Tender documents' });
  const detail: Output<'sources.get'> = {
    source: leak,
    derivedFrom: null,
    derivatives: [],
    uses: [
      {
        evidenceId: uuid(1),
        claimId: uuid(10),
        statement: 'Huawei supplied the cameras.',
        stance: 'supports',
        credibility: 2,
        excerpt: 'Supplier: Huawei',
        locator: 'p. 2',
      },
      {
        evidenceId: uuid(2),
        claimId: uuid(11),
        statement: 'The deal was cancelled.',
        stance: 'contradicts',
        credibility: 4,
        excerpt: 'Delivered in 2019',
        locator: null,
      },
    ],
  };

  it('shows the confidential flag plainly, the reliability with its note, and every claim it touches with stance', async () => {
    resetBackend({ 'sources.get': () => detail, 'audit.list': () => page([]) });
    renderApp(<SourceDetail id={leak.id} />, {
      nav: { section: 'sources', selection: { kind: 'source', id: leak.id } },
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Procurement notes' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(
      'Confidential source. Its identity is withheld from every export and report.',
    );
    const reliability = screen.getByRole('region', { name: 'Reliability' });
    expect(
      within(reliability).getByRole('img', { name: 'Source reliability cannot be judged' }),
    ).toHaveTextContent('F');
    expect(reliability).toHaveTextContent('Unverified origin.');
    const uses = within(screen.getByRole('region', { name: /Claims it touches/ }))
      .getAllByRole('row')
      .slice(1);
    expect(uses).toHaveLength(2);
    expect(uses[0]).toHaveTextContent('Huawei supplied the cameras.');
    expect(uses[0]).toHaveTextContent('Supports');
    expect(
      within(uses[1]!).getByRole('img', {
        name: 'Source reliability cannot be judged, information doubtful',
      }),
    ).toHaveTextContent('F4');
    await userEvent.click(within(uses[1]!).getByRole('button', { name: 'The deal was cancelled.' }));
    expect(screen.getByTestId('nav')).toHaveTextContent(`claims|claim:${uuid(11)}|view`);
  });

  it('changes which source it repeats, in place', async () => {
    resetBackend({
      'sources.get': () => detail,
      'audit.list': () => page([]),
      'sources.list': () => page([original, leak]),
      'sources.update': () => ({ ...leak, derivedFrom: original.id }),
    });
    renderApp(<SourceDetail id={leak.id} />, {
      nav: { section: 'sources', selection: { kind: 'source', id: leak.id } },
    });
    const origin = await screen.findByRole('region', { name: 'Origin' });
    expect(origin).toHaveTextContent('An original: not derived from another source in this case.');
    await userEvent.click(within(origin).getByRole('button', { name: 'Change origin' }));
    await userEvent.type(within(origin).getByRole('combobox', { name: 'Derived from' }), 'Tender');
    const options = await within(origin).findByRole('listbox', { name: 'Derived from options' });
    // A source cannot be offered as its own origin.
    await waitFor(() => expect(within(options).getAllByRole('option')).toHaveLength(1));
    await userEvent.click(within(options).getByRole('option', { name: /Tender documents/ }));
    await userEvent.click(within(origin).getByRole('button', { name: 'Save origin' }));
    await waitFor(() =>
      expect(callsTo('sources.update')).toEqual([
        { id: leak.id, ifUpdatedAt: leak.updatedAt, derivedFrom: original.id },
      ]),
    );
  });
});

describe('a deal’s detail', () => {
  const detail: Output<'deals.get'> = {
    deal,
    parties: [
      {
        id: uuid(700),
        dealId: deal.id,
        actorId: huawei.id,
        role: 'vendor',
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
        actor: { id: huawei.id, name: huawei.name, kind: huawei.kind, country: huawei.country },
      },
    ],
    claims: [
      claimItem(10, {
        statement: 'Huawei supplied the cameras.',
        verdict: 'corroborated',
        status: 'verified',
      }),
    ],
  };

  it('shows the parties with their roles, the deal’s facts, and its claims with their verdicts', async () => {
    resetBackend({ 'deals.get': () => detail, 'audit.list': () => page([]) });
    renderApp(<DealDetail id={deal.id} />, {
      nav: { section: 'deals', selection: { kind: 'deal', id: deal.id } },
    });
    expect(await screen.findByRole('heading', { level: 2, name: deal.title })).toBeInTheDocument();
    const facts = screen.getByRole('article', { name: 'Deal' });
    for (const text of [
      'CCTV',
      'Deployed',
      'Uzbekistan',
      '2019',
      '$1,000,000,000',
      'Cameras and a command centre.',
    ]) {
      expect(facts).toHaveTextContent(text);
    }
    const parties = within(screen.getByRole('region', { name: /^Parties/ }))
      .getAllByRole('row')
      .slice(1);
    expect(parties[0]).toHaveTextContent('VendorHuaweiChina');
    const claims = within(screen.getByRole('region', { name: /^Claims/ }))
      .getAllByRole('row')
      .slice(1);
    expect(claims[0]).toHaveTextContent('Huawei supplied the cameras.');
    expect(claims[0]).toHaveTextContent('Corroborated');
  });

  it('edits the parties and saves them in one call', async () => {
    resetBackend({
      'deals.get': () => detail,
      'audit.list': () => page([]),
      'actors.list': () => page([huawei, uzbekistan]),
      'deals.setParties': () => [],
    });
    renderApp(<DealDetail id={deal.id} />, {
      nav: { section: 'deals', selection: { kind: 'deal', id: deal.id } },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit parties' }));
    const form = await screen.findByRole('form', { name: 'Parties' });
    expect(within(form).getByRole('combobox', { name: 'Party 1' })).toHaveValue('Huawei');
    await user.click(within(form).getByRole('button', { name: 'Add party' }));
    await user.type(within(form).getByRole('combobox', { name: 'Party 2' }), 'Uzbek');
    await user.click(await within(form).findByRole('option', { name: /Government of Uzbekistan/ }));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Role of party 2' }), 'Buyer');
    await user.click(within(form).getByRole('button', { name: 'Save parties' }));
    await waitFor(() =>
      expect(callsTo('deals.setParties')).toEqual([
        {
          dealId: deal.id,
          parties: [
            { actorId: huawei.id, role: 'vendor' },
            { actorId: uzbekistan.id, role: 'buyer' },
          ],
        },
      ]),
    );
  });

  it('will not save a party row without an actor', async () => {
    resetBackend({
      'deals.get': () => detail,
      'audit.list': () => page([]),
      'actors.list': () => page([huawei]),
    });
    renderApp(<DealDetail id={deal.id} />, {
      nav: { section: 'deals', selection: { kind: 'deal', id: deal.id } },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit parties' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add party' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save parties' }));
    expect(await screen.findByText('Choose an actor')).toBeInTheDocument();
    expect(callsTo('deals.setParties')).toEqual([]);
  });
});

describe('an actor’s detail', () => {
  it('lists the deals the actor is party to, with its role', async () => {
    resetBackend({
      'actors.get': () => ({
        actor: huawei,
        deals: [
          {
            id: deal.id,
            title: deal.title,
            technology: deal.technology,
            country: deal.country,
            status: deal.status,
            year: deal.year,
            role: 'vendor',
          },
        ],
      }),
      'audit.list': () => page([]),
    });
    renderApp(<ActorDetail id={huawei.id} />, {
      nav: { section: 'actors', selection: { kind: 'actor', id: huawei.id } },
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Huawei' })).toBeInTheDocument();
    expect(screen.getByText('Huawei Technologies')).toBeInTheDocument();
    const rows = within(screen.getByRole('region', { name: /^Deals/ }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Huawei Safe City, TashkentVendorCCTVUzbekistan2019Deployed');
    await userEvent.click(within(rows[0]!).getByRole('button', { name: deal.title }));
    expect(screen.getByTestId('nav')).toHaveTextContent(`deals|deal:${deal.id}|view`);
  });
});
