// Every record of the case, removed ones included, read in one pass for exports and reports, and
// the table behind each record kind so imports write through the same audited helpers.

import type { Attachment } from '../../schema/attachments';
import type { RecordEntity } from '../../schema/exchange';
import type { Actor, Claim, Deal, DealParty, Evidence, Source } from '../../schema/records';
import { attachmentTable } from '../attachments';
import type { CaseFile } from '../db';
import { fromRow, type Table } from '../records';
import { auditedTables } from '../tables';

export type AnyRecord = { id: string; updatedAt: string; deletedAt: string | null } & Record<string, unknown>;

export const tableOf = Object.fromEntries(
  [...auditedTables, attachmentTable].map((t) => [t.entity, t]),
) as unknown as Record<RecordEntity, Table<AnyRecord>>;

/** The order records are written in: everything a record refers to comes before it. */
export const entityOrder: RecordEntity[] = [
  'deal',
  'actor',
  'source',
  'deal_party',
  'claim',
  'evidence',
  'assessment',
  'attachment',
];

/** Section names of the case JSON, per record kind. */
export const sectionOf: Record<RecordEntity, string> = {
  deal: 'deals',
  actor: 'actors',
  deal_party: 'dealParties',
  source: 'sources',
  claim: 'claims',
  evidence: 'evidence',
  assessment: 'assessments',
  attachment: 'attachments',
};

export interface CaseRecords {
  deal: Deal[];
  actor: Actor[];
  deal_party: DealParty[];
  source: Source[];
  claim: Claim[];
  evidence: Evidence[];
  assessment: AnyRecord[];
  attachment: Attachment[];
}

export function allRecords<E extends RecordEntity>(c: CaseFile, entity: E): CaseRecords[E] {
  const t = tableOf[entity];
  return (c.stmt(`SELECT * FROM ${t.table} ORDER BY id`).all() as Record<string, unknown>[]).map((row) =>
    fromRow(t, row),
  ) as CaseRecords[E];
}

export function loadCase(c: CaseFile): CaseRecords {
  return {
    deal: allRecords(c, 'deal'),
    actor: allRecords(c, 'actor'),
    deal_party: allRecords(c, 'deal_party'),
    source: allRecords(c, 'source'),
    claim: allRecords(c, 'claim'),
    evidence: allRecords(c, 'evidence'),
    assessment: allRecords(c, 'assessment'),
    attachment: allRecords(c, 'attachment'),
  };
}
