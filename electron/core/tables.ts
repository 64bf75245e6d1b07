// How each record kind maps onto its table. One place, so every module agrees on it.
import type { Actor, Assessment, Claim, Deal, DealParty, Evidence, Source } from '../schema/records';
import type { Table } from './records';

const stamps = { createdAt: 'created_at', updatedAt: 'updated_at', deletedAt: 'deleted_at' } as const;

export const dealTable: Table<Deal> = {
  entity: 'deal',
  table: 'deals',
  label: 'deal',
  columns: {
    id: 'id',
    title: 'title',
    technology: 'technology',
    country: 'country',
    status: 'status',
    year: 'year',
    valueAmount: 'value_amount',
    valueCurrency: 'value_currency',
    summary: 'summary',
    ...stamps,
  },
};

export const partyTable: Table<DealParty> = {
  entity: 'deal_party',
  table: 'deal_parties',
  label: 'party',
  columns: { id: 'id', dealId: 'deal_id', actorId: 'actor_id', role: 'role', ...stamps },
};

export const actorTable: Table<Actor> = {
  entity: 'actor',
  table: 'actors',
  label: 'actor',
  columns: { id: 'id', name: 'name', kind: 'kind', country: 'country', aliases: 'aliases', ...stamps },
  json: ['aliases'],
};

export const sourceTable: Table<Source> = {
  entity: 'source',
  table: 'sources',
  label: 'source',
  columns: {
    id: 'id',
    title: 'title',
    kind: 'kind',
    url: 'url',
    author: 'author',
    publisher: 'publisher',
    publishedAt: 'published_at',
    accessedAt: 'accessed_at',
    language: 'language',
    reliability: 'reliability',
    reliabilityNote: 'reliability_note',
    confidential: 'confidential',
    derivedFrom: 'derived_from',
    notes: 'notes',
    ...stamps,
  },
  bool: ['confidential'],
};

export const claimTable: Table<Claim> = {
  entity: 'claim',
  table: 'claims',
  label: 'claim',
  columns: { id: 'id', statement: 'statement', dealId: 'deal_id', status: 'status', tags: 'tags', ...stamps },
  json: ['tags'],
};

export const evidenceTable: Table<Evidence> = {
  entity: 'evidence',
  table: 'evidence',
  label: 'evidence item',
  columns: {
    id: 'id',
    claimId: 'claim_id',
    sourceId: 'source_id',
    stance: 'stance',
    excerpt: 'excerpt',
    prefix: 'prefix',
    suffix: 'suffix',
    locator: 'locator',
    credibility: 'credibility',
    note: 'note',
    ...stamps,
  },
};

type AssessmentRow = Assessment & { updatedAt: string; deletedAt: string | null };
export const assessmentTable: Table<AssessmentRow> = {
  entity: 'assessment',
  table: 'assessments',
  label: 'assessment',
  columns: {
    id: 'id',
    claimId: 'claim_id',
    likelihood: 'likelihood',
    confidence: 'confidence',
    rationale: 'rationale',
    author: 'author',
    ...stamps,
  },
};

/**
 * The record kinds written only through insert/update/removeRecord, so each row has a history in the
 * audit log that states it exactly (the integrity run compares them; exchange snapshots read them).
 * Attachments are audited too but never change, so they are checked by their bytes instead.
 */
export const auditedTables = [
  dealTable,
  actorTable,
  partyTable,
  sourceTable,
  claimTable,
  evidenceTable,
  assessmentTable,
] as const;
