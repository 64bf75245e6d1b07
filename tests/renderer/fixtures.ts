// Plain records shaped like the contract's outputs, for the renderer tests.
import type {
  Assessment,
  AuditEvent,
  ClaimDetail,
  ClaimListItem,
  CorroborationResult,
  EvidenceView,
  Source,
} from '../../electron/schema/records';

const at = '2025-03-01T10:00:00.000Z';
export const uuid = (n: number) => `01950000-0000-7000-8000-${String(n).padStart(12, '0')}`;

export function claimItem(n: number, over: Partial<ClaimListItem> = {}): ClaimListItem {
  return {
    id: uuid(n),
    statement: `Claim number ${n}`,
    dealId: null,
    status: 'draft',
    tags: [],
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    verdict: 'unsupported',
    evidenceCount: 0,
    ...over,
  };
}

export function source(n: number, over: Partial<Source> = {}): Source {
  return {
    id: uuid(1000 + n),
    title: `Source ${n}`,
    kind: 'article',
    url: null,
    author: null,
    publisher: null,
    publishedAt: null,
    accessedAt: null,
    language: null,
    reliability: 'B',
    reliabilityNote: null,
    confidential: false,
    derivedFrom: null,
    notes: null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    ...over,
  };
}

export function evidence(n: number, over: Partial<EvidenceView> = {}): EvidenceView {
  return {
    id: uuid(2000 + n),
    claimId: uuid(1),
    sourceId: uuid(1001),
    stance: 'supports',
    excerpt: `Excerpt ${n}`,
    prefix: null,
    suffix: null,
    locator: null,
    credibility: 2,
    note: null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    sourceTitle: 'Source 1',
    sourceReliability: 'B',
    sourceConfidential: false,
    ...over,
  };
}

export const noCorroboration: CorroborationResult = {
  verdict: 'unsupported',
  explanation: ['No evidence supports the claim.'],
  supporting: [],
  contradicting: [],
  warnings: { fragile: false, overconfident: false },
  fragileBecause: [],
};

export function assessment(over: Partial<Assessment> = {}): Assessment {
  return {
    id: uuid(3000),
    claimId: uuid(1),
    likelihood: 6,
    confidence: 'moderate',
    rationale: 'Two outlets agree.',
    author: 'Analyst',
    createdAt: at,
    ...over,
  };
}

export function claimDetail(over: Partial<ClaimDetail> = {}): ClaimDetail {
  const { id, statement, dealId, status, tags, createdAt, updatedAt, deletedAt } = claimItem(1);
  return {
    claim: { id, statement, dealId, status, tags, createdAt, updatedAt, deletedAt },
    deal: null,
    evidence: [],
    corroboration: noCorroboration,
    assessments: [],
    ...over,
  };
}

export function auditEvent(seq: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq,
    eventId: uuid(9000 + seq),
    at,
    actor: 'Journalist',
    replica: uuid(8000),
    action: 'create',
    entity: 'claim',
    entityId: uuid(1),
    parent: null,
    payload: {},
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
    ...over,
  };
}
