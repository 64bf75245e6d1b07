import { render, screen, within } from '@testing-library/react';
import type { CorroborationResult } from '../../electron/schema/records';
import { VerdictPanel } from '../../renderer/src/detail/verdict-panel';
import { assessment, uuid } from './fixtures';

const kursiv = uuid(1001);
const vlast = uuid(1002);

const corroborated: CorroborationResult = {
  verdict: 'corroborated',
  explanation: [
    '2 independent lines support the claim: Kursiv report (B2, weight 0.64) and Vlast.kz (C3, weight 0.36).',
    'The strongest weighs 0.64 (0.60 or more needed) and 2 weigh 0.30 or more, enough to corroborate.',
    'The verdict is fragile: without Kursiv report it would be "Single source".',
  ],
  supporting: [
    {
      rootSourceId: kursiv,
      rootSourceTitle: 'Kursiv report',
      stance: 'supports',
      weight: 0.64,
      items: [
        {
          evidenceId: uuid(1),
          sourceId: kursiv,
          sourceTitle: 'Kursiv report',
          reliability: 'B',
          credibility: 2,
          weight: 0.64,
        },
      ],
    },
    {
      rootSourceId: vlast,
      rootSourceTitle: 'Vlast.kz',
      stance: 'supports',
      weight: 0.36,
      items: [
        {
          evidenceId: uuid(2),
          sourceId: vlast,
          sourceTitle: 'Vlast.kz',
          reliability: 'C',
          credibility: 3,
          weight: 0.36,
        },
      ],
    },
  ],
  contradicting: [],
  warnings: { fragile: true, overconfident: false },
  fragileBecause: [{ rootSourceId: kursiv, verdictWithout: 'single_source' }],
};

describe('the verdict explanation', () => {
  it('shows the verdict with the independent lines and weights that produced it', () => {
    render(<VerdictPanel corroboration={corroborated} latest={null} />);
    const region = screen.getByRole('region', { name: 'Verdict' });
    expect(within(region).getByText('Corroborated')).toBeInTheDocument();
    const why = within(region).getByRole('list', { name: 'Why this verdict' });
    expect(within(why).getByText(/2 independent lines support the claim/)).toBeInTheDocument();
    const table = within(region).getByRole('table', { name: 'Independent lines of evidence' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Kursiv report')).toBeInTheDocument();
    expect(
      within(rows[0]!).getByRole('img', { name: 'Source usually reliable, information probably true' }),
    ).toHaveTextContent('B2');
    expect(within(rows[0]!).getByRole('meter', { name: 'Weight 0.64' })).toBeInTheDocument();
    expect(
      within(rows[1]!).getByRole('img', { name: 'Source fairly reliable, information possibly true' }),
    ).toHaveTextContent('C3');
  });

  it('warns in plain words when one line holds the verdict up, naming that source and what the verdict would become', () => {
    render(<VerdictPanel corroboration={corroborated} latest={null} />);
    const warnings = screen.getByRole('list', { name: 'Warnings' });
    expect(warnings).toHaveTextContent('Fragile.');
    expect(warnings).toHaveTextContent(
      'If “Kursiv report” turned out to be wrong, the claim would be single source.',
    );
    // Said once, in the warning, not again in the model's sentence list.
    expect(screen.queryByText(/The verdict is fragile/)).not.toBeInTheDocument();
    expect(warnings).not.toHaveTextContent('Overconfident');
  });

  it('warns when the latest assessment is more certain than a single source allows', () => {
    const single: CorroborationResult = {
      ...corroborated,
      verdict: 'single_source',
      explanation: ['Only one independent line supports the claim: Kursiv report (B2, weight 0.64).'],
      supporting: corroborated.supporting.slice(0, 1),
      warnings: { fragile: false, overconfident: true },
      fragileBecause: [],
    };
    render(<VerdictPanel corroboration={single} latest={assessment({ likelihood: 6 })} />);
    const warnings = screen.getByRole('list', { name: 'Warnings' });
    expect(warnings).toHaveTextContent('Overconfident.');
    expect(warnings).toHaveTextContent('The latest assessment says “very likely”');
    expect(warnings).toHaveTextContent('it rests on a single independent source');
    expect(warnings).not.toHaveTextContent('Fragile');
  });

  it('shows no warnings and no lines for a claim without evidence', () => {
    render(
      <VerdictPanel
        corroboration={{
          verdict: 'unsupported',
          explanation: ['No evidence supports the claim.'],
          supporting: [],
          contradicting: [],
          warnings: { fragile: false, overconfident: false },
          fragileBecause: [],
        }}
        latest={null}
      />,
    );
    expect(screen.getByText('Unsupported')).toBeInTheDocument();
    expect(screen.getByText('No evidence supports the claim.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Warnings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
