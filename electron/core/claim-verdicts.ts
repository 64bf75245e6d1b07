// Bridges the case file and the pure corroboration model: loads what `corroborate` needs for a
// claim, and keeps the derived `claim_verdicts` table in step inside the writing transaction.

import { type ConfidenceEvidence, type ConfidenceSource, corroborate } from '../schema/confidence';
import type { CorroborationResult } from '../schema/records';
import type { CaseFile } from './db';
import { LATEST_FIRST_SQL } from './recorded-order';

interface EvidenceRow {
  id: string;
  source_id: string;
  stance: ConfidenceEvidence['stance'];
  credibility: number;
}

/** How a source is named in an explanation: an export names a confidential one by its pseudonym. */
export type SourceTitle = (s: { id: string; title: string; confidential: boolean }) => string;

/** Every source the claim's evidence rests on, with all their `derived_from` ancestors. */
function sourcesWithAncestors(
  c: CaseFile,
  claimId: string,
  titleOf?: SourceTitle,
): Map<string, ConfidenceSource> {
  const rows = c
    .stmt(
      `WITH RECURSIVE chain(id) AS (
         SELECT DISTINCT source_id FROM evidence WHERE claim_id = ? AND deleted_at IS NULL
         UNION
         SELECT s.derived_from FROM sources s JOIN chain ON s.id = chain.id WHERE s.derived_from IS NOT NULL
       )
       SELECT s.id, s.title, s.reliability, s.derived_from, s.confidential FROM sources s JOIN chain ON s.id = chain.id`,
    )
    .all(claimId) as {
    id: string;
    title: string;
    reliability: ConfidenceSource['reliability'];
    derived_from: string | null;
    confidential: number;
  }[];
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: titleOf ? titleOf({ id: r.id, title: r.title, confidential: r.confidential === 1 }) : r.title,
        reliability: r.reliability,
        derivedFrom: r.derived_from,
      },
    ]),
  );
}

export function latestLikelihood(c: CaseFile, claimId: string): number | null {
  const v = c
    .stmt(
      `SELECT a.likelihood FROM assessments a WHERE a.claim_id = ? AND a.deleted_at IS NULL ORDER BY ${LATEST_FIRST_SQL} LIMIT 1`,
    )
    .pluck()
    .get(claimId) as number | undefined;
  return v ?? null;
}

/**
 * The claim's verdict with the lines and words that produced it. An export passes `titleOf`, so
 * a report or ClaimReview never carries a protected source's title.
 */
export function corroborationOf(c: CaseFile, claimId: string, titleOf?: SourceTitle): CorroborationResult {
  const evidence = (
    c
      .stmt(
        'SELECT id, source_id, stance, credibility FROM evidence WHERE claim_id = ? AND deleted_at IS NULL',
      )
      .all(claimId) as EvidenceRow[]
  ).map((r) => ({ id: r.id, sourceId: r.source_id, stance: r.stance, credibility: r.credibility }));
  return corroborate({
    evidence,
    sources: sourcesWithAncestors(c, claimId, titleOf),
    latestLikelihood: latestLikelihood(c, claimId),
  });
}

/** Recomputes and stores the verdict of each claim. Call inside the write that changed them. */
export function refreshVerdicts(c: CaseFile, claimIds: Iterable<string>): void {
  if (c.deferToBulkEnd(refreshVerdicts, claimIds)) return;
  const upsert = c.stmt(
    `INSERT INTO claim_verdicts (claim_id, verdict, evidence_count) VALUES (?, ?, ?)
     ON CONFLICT (claim_id) DO UPDATE SET verdict = excluded.verdict, evidence_count = excluded.evidence_count`,
  );
  const count = c.stmt('SELECT count(*) FROM evidence WHERE claim_id = ? AND deleted_at IS NULL').pluck();
  for (const id of new Set(claimIds)) {
    upsert.run(id, corroborationOf(c, id).verdict, count.get(id) as number);
  }
}

/** Claims whose verdict can move when a source's reliability or origin changes: its whole subtree. */
export function claimsTouchingSourceTree(c: CaseFile, sourceId: string): string[] {
  return c
    .stmt(
      `WITH RECURSIVE tree(id) AS (
         SELECT ? UNION SELECT s.id FROM sources s JOIN tree ON s.derived_from = tree.id
       )
       SELECT DISTINCT e.claim_id FROM evidence e JOIN tree ON e.source_id = tree.id WHERE e.deleted_at IS NULL`,
    )
    .pluck()
    .all(sourceId) as string[];
}

/** A new claim has no evidence yet: its verdict is known without asking the model. */
export function initialVerdict(c: CaseFile, claimId: string): void {
  c.stmt("INSERT INTO claim_verdicts (claim_id, verdict, evidence_count) VALUES (?, 'unsupported', 0)").run(
    claimId,
  );
}
