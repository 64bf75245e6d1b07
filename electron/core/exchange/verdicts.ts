// A claim's verdict as an export shows it: the same corroboration model the case stores verdicts
// with, run over the claim's evidence with confidential sources named by their pseudonyms, so the
// lines and plain-words explanation of a report or ClaimReview never carry a protected title.
import { type ConfidenceSource, corroborate } from '../../schema/confidence';
import type { CorroborationResult } from '../../schema/records';
import { latestLikelihood } from '../claim-verdicts';
import type { CaseFile } from '../db';

interface SourceRow {
  id: string;
  title: string;
  reliability: ConfidenceSource['reliability'];
  derived_from: string | null;
  confidential: number;
}

export function exportedVerdict(
  c: CaseFile,
  claimId: string,
  titleOf: (s: { id: string; title: string; confidential: boolean }) => string,
): CorroborationResult {
  const evidence = (
    c
      .stmt(
        'SELECT id, source_id, stance, credibility FROM evidence WHERE claim_id = ? AND deleted_at IS NULL',
      )
      .all(claimId) as {
      id: string;
      source_id: string;
      stance: 'supports' | 'contradicts' | 'context';
      credibility: number;
    }[]
  ).map((r) => ({ id: r.id, sourceId: r.source_id, stance: r.stance, credibility: r.credibility }));
  const rows = c
    .stmt(
      `WITH RECURSIVE chain(id) AS (
         SELECT DISTINCT source_id FROM evidence WHERE claim_id = ? AND deleted_at IS NULL
         UNION
         SELECT s.derived_from FROM sources s JOIN chain ON s.id = chain.id WHERE s.derived_from IS NOT NULL
       )
       SELECT s.id, s.title, s.reliability, s.derived_from, s.confidential FROM sources s JOIN chain ON s.id = chain.id`,
    )
    .all(claimId) as SourceRow[];
  const sources = new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: titleOf({ id: r.id, title: r.title, confidential: r.confidential === 1 }),
        reliability: r.reliability,
        derivedFrom: r.derived_from,
      },
    ]),
  );
  return corroborate({ evidence, sources, latestLikelihood: latestLikelihood(c, claimId) });
}
