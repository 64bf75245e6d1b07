import { ClaimCreate, ClaimList, ClaimUpdate, Remove } from '../schema/inputs';
import type { Assessment, ClaimDetail, ClaimListItem, EvidenceView, Page } from '../schema/records';
import { corroborationOf, initialVerdict } from './claim-verdicts';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { newId, nowIso } from './ids';
import { confirmPublishing, publishFlags } from './publish-care';
import { LATEST_FIRST_SQL } from './recorded-order';
import {
  enumFilter,
  fromRow,
  insertRecord,
  listAggregate,
  removeRecord,
  requireRecord,
  updateRecord,
} from './records';
import { assessmentTable, claimTable, dealTable, evidenceTable } from './tables';

export function createClaim(c: CaseFile, input: unknown) {
  const v = parseInput(ClaimCreate, input);
  const at = nowIso();
  return c.write(() => {
    if (v.dealId) requireRecord(c, dealTable, v.dealId, { field: 'dealId' });
    const claim = insertRecord(c, claimTable, {
      ...v,
      id: v.id ?? newId(),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    initialVerdict(c, claim.id);
    return claim;
  });
}

export function updateClaim(c: CaseFile, input: unknown) {
  const { id, ifUpdatedAt, confirmReason, ...changes } = parseInput(ClaimUpdate, input);
  return c.write(() => {
    if (changes.dealId) requireRecord(c, dealTable, changes.dealId, { field: 'dealId' });
    const prev = requireRecord(c, claimTable, id);
    // Verifying a claim its evidence does not carry is a choice someone makes, and says why.
    const confirmed =
      changes.status === 'verified' && prev.status !== 'verified'
        ? confirmPublishing(publishFlags(c, id), confirmReason, 'Marking it Verified', 'confirmReason')
        : null;
    return updateRecord(c, claimTable, prev, changes, {
      ifUpdatedAt,
      ...(confirmed ? { note: { publishConfirmation: confirmed } } : {}),
    });
  });
}

export function removeClaim(c: CaseFile, input: unknown) {
  const { id, reason } = parseInput(Remove, input);
  return c.write(() => removeRecord(c, claimTable, requireRecord(c, claimTable, id), reason));
}

export function evidenceOfClaim(c: CaseFile, claimId: string, includeRemoved = false): EvidenceView[] {
  const rows = c
    .stmt(
      `SELECT e.*, s.title AS source_title, s.reliability AS source_reliability, s.confidential AS source_confidential
       FROM evidence e JOIN sources s ON s.id = e.source_id
       WHERE e.claim_id = ? AND (? OR e.deleted_at IS NULL) ORDER BY e.stance, e.id`,
    )
    .all(claimId, includeRemoved ? 1 : 0) as Record<string, unknown>[];
  return rows.map((row) => ({
    ...fromRow(evidenceTable, row),
    sourceTitle: row.source_title as string,
    sourceReliability: row.source_reliability as EvidenceView['sourceReliability'],
    sourceConfidential: row.source_confidential === 1,
  }));
}

export function assessmentsOf(c: CaseFile, claimId: string): Assessment[] {
  return (
    c
      .stmt(`SELECT a.* FROM assessments a WHERE a.claim_id = ? ORDER BY ${LATEST_FIRST_SQL}`)
      .all(claimId) as Record<string, unknown>[]
  ).map((row) => {
    const { updatedAt: _u, deletedAt: _d, ...a } = fromRow(assessmentTable, row);
    return a;
  });
}

/** A claim with everything that explains it: evidence with its sources, the verdict, the assessments. */
export function getClaim(c: CaseFile, id: string): ClaimDetail {
  return c.read(() => {
    const claim = requireRecord(c, claimTable, id, { includeRemoved: true });
    const deal = claim.dealId
      ? ((c.stmt('SELECT id, title FROM deals WHERE id = ?').get(claim.dealId) as ClaimDetail['deal']) ??
        null)
      : null;
    return {
      claim,
      deal,
      evidence: evidenceOfClaim(c, id),
      corroboration: corroborationOf(c, id),
      assessments: assessmentsOf(c, id),
    };
  });
}

export function listClaims(c: CaseFile, input: unknown): Page<ClaimListItem> {
  const v = parseInput(ClaimList, input);
  const where: string[] = [];
  const params: unknown[] = [];
  const f = v.filters ?? {};
  for (const [column, values] of [
    ['t.status', f.status],
    ['v.verdict', f.verdict],
  ] as const) {
    if (values?.length) {
      const q = enumFilter(column, values);
      where.push(q.sql);
      params.push(...q.params);
    }
  }
  if (f.dealId) {
    where.push('t.deal_id = ?');
    params.push(f.dealId);
  }
  if (f.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ? COLLATE NOCASE)');
    params.push(f.tag);
  }
  if (f.sourceId) {
    where.push('t.id IN (SELECT claim_id FROM evidence WHERE source_id = ? AND deleted_at IS NULL)');
    params.push(f.sourceId);
  }
  return listAggregate(
    c,
    claimTable,
    v,
    {
      sorts: { created: 't.id', updated: 't.updated_at', statement: 't.statement', status: 't.status' },
      where,
      params,
      from: 'claims t LEFT JOIN claim_verdicts v ON v.claim_id = t.id',
      // One verdict row at most per claim: the join only changes the count when it filters.
      countFrom: f.verdict?.length ? undefined : 'claims t',
      select:
        "t.*, coalesce(v.verdict, 'unsupported') AS verdict, coalesce(v.evidence_count, 0) AS evidence_count",
    },
    (row) => ({
      ...fromRow(claimTable, row),
      verdict: row.verdict as ClaimListItem['verdict'],
      evidenceCount: row.evidence_count as number,
    }),
  );
}
