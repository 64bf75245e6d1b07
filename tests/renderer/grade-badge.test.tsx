import { render, screen } from '@testing-library/react';
import { GradeBadge, ReliabilityBadge } from '../../renderer/src/components/grade-badge';
import { HighlightedSnippet } from '../../renderer/src/components/highlighted-snippet';
import { VerdictBadge } from '../../renderer/src/components/verdict-badge';

describe('grade badges', () => {
  it('shows the two-character grade and spells it out for assistive technology', () => {
    render(<GradeBadge reliability="B" credibility={2} />);
    const badge = screen.getByRole('img', { name: 'Source usually reliable, information probably true' });
    expect(badge).toHaveTextContent('B2');
    expect(badge).toHaveAttribute('title', 'Source usually reliable, information probably true');
  });

  it.each([
    ['A', 1, 'A1', 'Source completely reliable, information confirmed by other sources'],
    ['C', 3, 'C3', 'Source fairly reliable, information possibly true'],
    ['E', 5, 'E5', 'Source unreliable, information improbable'],
    ['F', 6, 'F6', 'Source reliability cannot be judged, information cannot be judged'],
  ] as const)('%s%s reads as "%s"', (reliability, credibility, text, words) => {
    render(<GradeBadge reliability={reliability} credibility={credibility} />);
    expect(screen.getByRole('img', { name: words })).toHaveTextContent(text);
  });

  it('shows a source’s reliability alone', () => {
    render(<ReliabilityBadge reliability="D" />);
    expect(screen.getByRole('img', { name: 'Source not usually reliable' })).toHaveTextContent('D');
  });

  it('names each verdict in words', () => {
    render(
      <>
        <VerdictBadge verdict="single_source" />
        <VerdictBadge verdict="corroborated" />
      </>,
    );
    expect(screen.getByText('Single source')).toHaveClass('verdict-single-source');
    expect(screen.getByText('Corroborated')).toHaveClass('verdict-corroborated');
  });
});

describe('search snippets', () => {
  it('turns the index’s markers into <mark> elements', () => {
    const { container } = render(
      <HighlightedSnippet text={'the \u0002Sergek\u0003 system in \u0002Almaty\u0003'} />,
    );
    const marks = container.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['Sergek', 'Almaty']);
    expect(container.textContent).toBe('the Sergek system in Almaty');
  });

  it('never parses case text as HTML', () => {
    const { container } = render(
      <HighlightedSnippet text={'<img src=x onerror="alert(1)"> \u0002found\u0003'} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
  });
});
