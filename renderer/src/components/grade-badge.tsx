// The familiar two-character Admiralty grade: the source's reliability and the item's credibility,
// rated apart ("B2"). The letters are for the trained eye; the accessible name spells them out.
import type { Reliability } from '../../../electron/schema/enums';
import { gradeWords, reliabilityLabels } from '../labels';

export function GradeBadge({ reliability, credibility }: { reliability: Reliability; credibility: number }) {
  const words = gradeWords(reliability, credibility);
  return (
    <span className={`grade grade-${reliability.toLowerCase()}`} title={words} aria-label={words} role="img">
      {reliability}
      {credibility}
    </span>
  );
}

export function ReliabilityBadge({ reliability }: { reliability: Reliability }) {
  const words = `Source ${reliabilityLabels[reliability].toLowerCase()}`;
  return (
    <span className={`grade grade-${reliability.toLowerCase()}`} title={words} aria-label={words} role="img">
      {reliability}
    </span>
  );
}
