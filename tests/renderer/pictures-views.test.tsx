// The timeline and the evidence matrix as a user meets them, in jsdom: found by role and name, the
// data answered by a stubbed window.corroborate. (The network's canvas needs a real browser: e2e.)
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MatrixPicture, TimelinePicture } from '../../electron/schema/pictures';
import type { Result } from '../../electron/schema/result';
import { MatrixTable } from '../../renderer/src/pictures/evidence-matrix-view';
import { Timeline } from '../../renderer/src/pictures/timeline-view';
import { createQueryClient } from '../../renderer/src/query-client';

const ids = {
  deal: '00000000-0000-7000-8000-000000000001',
  c1: '00000000-0000-7000-8000-000000000011',
  c2: '00000000-0000-7000-8000-000000000012',
  opinion: '00000000-0000-7000-8000-000000000021',
  report: '00000000-0000-7000-8000-000000000022',
};

const matrix: MatrixPicture = {
  deal: {
    id: ids.deal,
    title: 'Sergek',
    technology: 'cctv',
    country: 'Kazakhstan',
    status: 'deployed',
    year: 2019,
  },
  claims: [
    {
      id: ids.c1,
      statement: 'Cameras watch Almaty',
      status: 'draft',
      verdict: 'corroborated',
      latestLikelihood: null,
    },
    {
      id: ids.c2,
      statement: 'Sergek targets dissidents',
      status: 'draft',
      verdict: 'single_source',
      latestLikelihood: null,
    },
  ],
  evidence: [
    {
      id: 'e1',
      claimId: ids.c1,
      sourceId: ids.opinion,
      stance: 'supports',
      credibility: 1,
      excerpt: 'x',
      locator: null,
    },
    {
      id: 'e2',
      claimId: ids.c1,
      sourceId: ids.report,
      stance: 'supports',
      credibility: 2,
      excerpt: 'y',
      locator: null,
    },
    {
      id: 'e3',
      claimId: ids.c2,
      sourceId: ids.opinion,
      stance: 'supports',
      credibility: 2,
      excerpt: 'z',
      locator: null,
    },
  ],
  sources: [
    { id: ids.opinion, title: 'Opinion piece', reliability: 'C', derivedFrom: null, confidential: false },
    { id: ids.report, title: 'NGO report', reliability: 'B', derivedFrom: null, confidential: false },
  ],
};

describe('the evidence matrix', () => {
  it('shows claims across, lines down, cells as marks, and the verdicts', () => {
    render(<MatrixTable picture={matrix} onOpen={() => {}} />);
    const table = screen.getByRole('table', {
      name: 'Evidence matrix for Sergek: 2 claims, 2 independent lines',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.replace(/[↕▲▼]/g, '')),
    ).toEqual([
      'Line of origin',
      'Cameras watch Almaty',
      'Sergek targets dissidents',
      'Diagnosticity',
      'Verdicts resting on it',
      'What if wrong',
    ]);
    const opinion = within(table).getByRole('row', { name: /Opinion piece/ });
    expect(
      within(opinion).getByRole('button', { name: /^\+C1: Supports, C1 \(weight 0\.60\): Opinion piece$/ }),
    ).toBeInTheDocument();
    expect(within(opinion).getByRole('button', { name: /^\+C2: / })).toBeInTheDocument();
    expect(within(table).getByText('Corroborated')).toBeInTheDocument();
    expect(within(table).getByText('Single source')).toBeInTheDocument();
  });

  it('drops a line on “what if wrong” and says which verdicts change, then restores it', async () => {
    const user = userEvent.setup();
    render(<MatrixTable picture={matrix} onOpen={() => {}} />);
    const toggle = screen.getByRole('switch', { name: 'What if Opinion piece is wrong' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Without Opinion piece, 2 verdicts change: “Cameras watch Almaty” corroborated → single source; “Sergek targets dissidents” single source → unsupported.',
    );
    expect(screen.getAllByText(/^Verdict would change/).map((el) => el.textContent)).toEqual([
      'Verdict would change from Corroborated to Single source',
      'Verdict would change from Single source to Unsupported',
    ]);
    await user.click(toggle);
    expect(screen.queryAllByText(/^Verdict would change/)).toHaveLength(0);
    await user.click(screen.getByRole('switch', { name: 'What if NGO report is wrong' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      '1 verdict changes: “Cameras watch Almaty” corroborated → single source.',
    );
  });

  it('sorts lines by a column header, telling assistive tools the order', async () => {
    const user = userEvent.setup();
    render(<MatrixTable picture={matrix} onOpen={() => {}} />);
    const titles = () =>
      screen
        .getAllByRole('rowheader')
        .map((h) => h.textContent ?? '')
        .filter((t) => !t.startsWith('Verdict'));
    await user.click(screen.getByRole('button', { name: /^Line of origin/ }));
    expect(screen.getByRole('columnheader', { name: /^Line of origin/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    expect(titles().map((t) => t.replace(/^[A-F]\s*/, ''))).toEqual(['NGO report', 'Opinion piece']);
    await user.click(screen.getByRole('button', { name: /^Line of origin/ }));
    expect(titles().map((t) => t.replace(/^[A-F]\s*/, ''))).toEqual(['Opinion piece', 'NGO report']);
  });

  it('opens a claim from its column or a cell', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<MatrixTable picture={matrix} onOpen={onOpen} />);
    await user.click(screen.getByRole('button', { name: 'Sergek targets dissidents' }));
    await user.click(screen.getByRole('button', { name: /^\+B2: / }));
    expect(onOpen.mock.calls).toEqual([
      ['claim', ids.c2],
      ['claim', ids.c1],
    ]);
  });
});

describe('the timeline', () => {
  const timeline: TimelinePicture = {
    deals: [
      {
        id: ids.deal,
        title: 'Sergek',
        technology: 'cctv',
        country: 'Kazakhstan',
        status: 'deployed',
        year: 2019,
        claimCount: 2,
        statusHistory: [
          { status: 'rumoured', recordedAt: '2024-01-01T00:00:00.000Z' },
          { status: 'deployed', recordedAt: '2024-02-01T00:00:00.000Z' },
        ],
      },
    ],
    evidence: [
      {
        id: 'e1',
        claimId: ids.c1,
        claimStatement: 'Cameras watch Almaty',
        dealId: ids.deal,
        sourceId: ids.report,
        sourceTitle: 'NGO report',
        stance: 'supports',
        reliability: 'B',
        credibility: 2,
        date: '2022-03-01',
      },
      {
        id: 'e2',
        claimId: ids.c2,
        claimStatement: 'Sergek targets dissidents',
        dealId: ids.deal,
        sourceId: ids.opinion,
        sourceTitle: 'Opinion piece',
        stance: 'contradicts',
        reliability: 'C',
        credibility: 4,
        date: null,
      },
    ],
    undatedEvidence: 1,
    omittedEvidence: 0,
  };

  function renderTimeline(onOpen = vi.fn()) {
    Object.defineProperty(window, 'corroborate', {
      configurable: true,
      value: { call: async (): Promise<Result<unknown>> => ({ ok: true, value: timeline }) },
    });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Timeline onOpen={onOpen} />
      </QueryClientProvider>,
    );
    return onOpen;
  }

  it('draws the deal, its dated and undated evidence, its status path and its silence', async () => {
    renderTimeline();
    const figure = await screen.findByRole('figure', {
      name: 'Timeline: 1 deal in 1 country, 2 evidence items (1 dated), 2019–2022',
    });
    const chart = within(figure).getByRole('group', { name: /^Timeline:/ });
    expect(within(chart).getByRole('group', { name: 'Kazakhstan: 1 lane' })).toBeInTheDocument();
    expect(within(chart).getByRole('button', { name: 'Deal Sergek: deployed, 2019' })).toBeInTheDocument();
    expect(
      within(chart).getByRole('button', {
        name: 'Supports (B2), 2022-03-01: NGO report on “Cameras watch Almaty”',
      }),
    ).toBeInTheDocument();
    expect(
      within(chart).getByRole('button', {
        name: 'Contradicts (C4), no date: Opinion piece on “Sergek targets dissidents”',
      }),
    ).toBeInTheDocument();
    expect(within(chart).getByText('Status: Rumoured → Deployed')).toBeInTheDocument();
    expect(within(chart).getByText('3 years silent')).toBeInTheDocument();
    expect(within(chart).getByRole('note', { name: 'Nothing dated 2020–2021' })).toBeInTheDocument();
    expect(
      within(figure).getByText(/1 item without a date stands in the “No date” column/),
    ).toBeInTheDocument();
  });

  it('opens the record of what is clicked, or activated from the keyboard', async () => {
    const user = userEvent.setup();
    const onOpen = renderTimeline();
    const dot = await screen.findByRole('button', { name: /^Supports \(B2\)/ });
    await user.click(dot);
    screen.getByRole('button', { name: 'Open deal Sergek' }).focus();
    await user.keyboard('{Enter}');
    expect(onOpen.mock.calls).toEqual([
      ['claim', ids.c1],
      ['deal', ids.deal],
    ]);
  });

  it('switches between years and exact dates', async () => {
    const user = userEvent.setup();
    renderTimeline();
    await screen.findByRole('figure', { name: /^Timeline:/ });
    const exact = screen.getByRole('radio', { name: /By exact date/ });
    await user.click(exact);
    expect(exact).toBeChecked();
    expect(screen.getByRole('button', { name: /^Supports \(B2\), 2022-03-01/ })).toBeInTheDocument();
  });
});
