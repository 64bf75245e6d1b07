import { addAssessment } from '../../electron/core/assessments';
import { createClaim, getClaim, listClaims, removeClaim, updateClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal, removeDeal } from '../../electron/core/deals';
import { addEvidence, removeEvidence } from '../../electron/core/evidence';
import { newId } from '../../electron/core/ids';
import { createSource } from '../../electron/core/sources';
import type { ClaimListItem } from '../../electron/schema/records';
import {
  allPages,
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  snapshot,
  titled,
} from '../support/temp-case';

cleanUpAfterEach();

const ids = (page: { items: ClaimListItem[] }) => page.items.map((x) => x.id);

describe('claims: create and get', () => {
  it('creates a draft claim with tags (trimmed, once each) and gets its detail', () => {
    const c = newCase();
    const before = eventCount(c);
    const claim = createClaim(c, {
      statement: ' Huawei supplied Safe City cameras to Bishkek ',
      tags: ['huawei', ' cctv', 'huawei'],
    });
    expect(claim).toMatchObject({
      statement: 'Huawei supplied Safe City cameras to Bishkek',
      status: 'draft',
      dealId: null,
      tags: ['huawei', 'cctv'],
      deletedAt: null,
    });
    expect(eventCount(c)).toBe(before + 1);
    const detail = getClaim(c, claim.id);
    expect(detail).toMatchObject({ claim, deal: null, evidence: [], assessments: [] });
    expect(detail.corroboration.verdict).toBe('unsupported');
  });

  it('links a claim to a live deal; a missing or removed deal is not_found naming dealId', () => {
    const c = newCase();
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'deployed' });
    const claim = createClaim(c, { statement: 'Cameras were installed', dealId: deal.id });
    expect(getClaim(c, claim.id).deal).toEqual({ id: deal.id, title: 'Safe City' });
    const before = snapshot(c);
    expect(
      coreError(() => createClaim(c, { statement: 'x', dealId: newId() }), 'not_found').fields,
    ).toHaveProperty('dealId');
    expect(snapshot(c)).toEqual(before);
    const gone = createDeal(c, { title: 'Old', technology: 'cctv', status: 'cancelled' });
    removeDeal(c, { id: gone.id });
    coreError(() => createClaim(c, { statement: 'x', dealId: gone.id }), 'not_found');
    expect(
      coreError(() => updateClaim(c, { id: claim.id, dealId: gone.id }), 'not_found').fields,
    ).toHaveProperty('dealId');
  });

  it('get of an unknown id is not_found', () => {
    const c = newCase();
    coreError(() => getClaim(c, newId()), 'not_found');
  });
});

describe('claims: update', () => {
  it('changes only the named fields: rewording keeps status, deal and tags', () => {
    const c = newCase();
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'deployed' });
    const claim = createClaim(c, {
      statement: 'Cameras were installed',
      dealId: deal.id,
      status: 'under_review',
      tags: ['kg'],
    });
    const next = updateClaim(c, { id: claim.id, statement: 'Cameras were installed in 2019' });
    expect(next).toEqual({
      ...claim,
      statement: 'Cameras were installed in 2019',
      updatedAt: next.updatedAt,
    });
    expect(getClaim(c, claim.id).claim).toEqual(next);
  });

  it('unlinks a deal with null and replaces tags when named', () => {
    const c = newCase();
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'deployed' });
    const claim = createClaim(c, { statement: 'x', dealId: deal.id, tags: ['a'] });
    expect(updateClaim(c, { id: claim.id, dealId: null })).toMatchObject({ dealId: null, tags: ['a'] });
    expect(updateClaim(c, { id: claim.id, tags: [] }).tags).toEqual([]);
  });

  it('an update that changes nothing records nothing', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'x', tags: ['a', 'b'] });
    const before = snapshot(c);
    expect(updateClaim(c, { id: claim.id, statement: 'x', tags: ['a', 'b'], status: 'draft' })).toEqual(
      claim,
    );
    expect(snapshot(c)).toEqual(before);
  });

  it('a stale ifUpdatedAt is a conflict; a missing or removed claim is not_found', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'x' });
    updateClaim(c, { id: claim.id, status: 'verified' });
    const before = snapshot(c);
    coreError(
      () => updateClaim(c, { id: claim.id, ifUpdatedAt: claim.updatedAt, status: 'disputed' }),
      'conflict',
    );
    expect(snapshot(c)).toEqual(before);
    coreError(() => updateClaim(c, { id: newId(), status: 'verified' }), 'not_found');
    removeClaim(c, { id: claim.id });
    coreError(() => updateClaim(c, { id: claim.id, status: 'draft' }), 'not_found');
  });
});

describe('claims: remove', () => {
  it('tombstones: hidden from lists, listed on request, get still explains it', () => {
    const c = newCase();
    const keep = createClaim(c, { statement: 'kept' });
    const gone = createClaim(c, { statement: 'gone' });
    const source = createSource(c, { title: 'S', kind: 'article', reliability: 'A' });
    addEvidence(c, {
      claimId: gone.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: 'q',
      credibility: 1,
    });
    const removed = removeClaim(c, { id: gone.id });
    expect(removed.deletedAt).not.toBeNull();
    expect(ids(listClaims(c, {}))).toEqual([keep.id]);
    expect(ids(listClaims(c, { includeRemoved: true }))).toEqual([keep.id, gone.id]);
    const detail = getClaim(c, gone.id);
    expect(detail.claim).toEqual(removed);
    expect(detail.evidence).toHaveLength(1);
    expect(snapshot(c).counts.claims).toBe(2);
    coreError(() => removeClaim(c, { id: gone.id }), 'not_found');
  });
});

describe('claims: list', () => {
  function seed(c: CaseFile) {
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'deployed' });
    const a1 = createSource(c, { title: 'Court record', kind: 'court_record', reliability: 'A' });
    const a2 = createSource(c, { title: 'Procurement database', kind: 'dataset', reliability: 'A' });
    const claims = {
      cameras: createClaim(c, {
        statement: 'Huawei installed cameras',
        dealId: deal.id,
        status: 'verified',
        tags: ['Huawei'],
      }),
      loan: createClaim(c, {
        statement: 'A Chinese loan financed it',
        dealId: deal.id,
        status: 'under_review',
        tags: ['finance'],
      }),
      sorm: createClaim(c, {
        statement: 'SORM boxes were installed at ISPs',
        status: 'draft',
        tags: ['sorm', 'huawei'],
      }),
      oniks: createClaim(c, { statement: 'Oniks-Line won the tender', status: 'disputed' }),
    };
    addEvidence(c, {
      claimId: claims.cameras.id,
      sourceId: a1.id,
      stance: 'supports',
      excerpt: 'installed',
      credibility: 1,
    });
    addEvidence(c, {
      claimId: claims.cameras.id,
      sourceId: a2.id,
      stance: 'supports',
      excerpt: 'contract',
      credibility: 1,
    });
    addEvidence(c, {
      claimId: claims.loan.id,
      sourceId: a2.id,
      stance: 'supports',
      excerpt: 'loan',
      credibility: 1,
    });
    return { deal, a1, a2, ...claims };
  }

  it('filters by status, deal, tag (any case), source used and verdict', () => {
    const c = newCase();
    const s = seed(c);
    expect(ids(listClaims(c, { filters: { status: ['verified', 'disputed'] } }))).toEqual([
      s.cameras.id,
      s.oniks.id,
    ]);
    expect(ids(listClaims(c, { filters: { dealId: s.deal.id } }))).toEqual([s.cameras.id, s.loan.id]);
    expect(ids(listClaims(c, { filters: { tag: 'HUAWEI' } }))).toEqual([s.cameras.id, s.sorm.id]);
    expect(ids(listClaims(c, { filters: { sourceId: s.a2.id } }))).toEqual([s.cameras.id, s.loan.id]);
    expect(ids(listClaims(c, { filters: { sourceId: s.a1.id } }))).toEqual([s.cameras.id]);
    expect(ids(listClaims(c, { filters: { verdict: ['unsupported'] } }))).toEqual([s.sorm.id, s.oniks.id]);
    expect(ids(listClaims(c, { filters: { verdict: ['single_source'] } }))).toEqual([s.loan.id]);
    expect(ids(listClaims(c, { filters: { verdict: ['corroborated'] } }))).toEqual([s.cameras.id]);
    expect(listClaims(c, { filters: { dealId: s.deal.id, status: ['verified'] } }).total).toBe(1);
  });

  it('each item carries its verdict and live evidence count', () => {
    const c = newCase();
    const s = seed(c);
    const byId = new Map(listClaims(c, {}).items.map((x) => [x.id, x]));
    expect(byId.get(s.cameras.id)).toMatchObject({ verdict: 'corroborated', evidenceCount: 2 });
    expect(byId.get(s.loan.id)).toMatchObject({ verdict: 'single_source', evidenceCount: 1 });
    expect(byId.get(s.oniks.id)).toMatchObject({ verdict: 'unsupported', evidenceCount: 0 });
  });

  it('the source filter ignores removed evidence', () => {
    const c = newCase();
    const s = seed(c);
    const ev = getClaim(c, s.loan.id).evidence[0]!;
    removeEvidence(c, { id: ev.id });
    expect(ids(listClaims(c, { filters: { sourceId: s.a2.id } }))).toEqual([s.cameras.id]);
  });

  it('finds claims by statement and tag', () => {
    const c = newCase();
    const s = seed(c);
    expect(ids(listClaims(c, { query: 'tend' }))).toEqual([s.oniks.id]);
    expect(ids(listClaims(c, { query: 'finance' }))).toEqual([s.loan.id]);
    expect(ids(listClaims(c, { query: 'installed', filters: { status: ['draft'] } }))).toEqual([s.sorm.id]);
  });

  it('sorts by statement and status both ways, and by update time', () => {
    const c = newCase();
    const s = seed(c);
    const statements = [s.cameras, s.loan, s.sorm, s.oniks].map((x) => x.statement).sort();
    expect(
      listClaims(c, { sort: { field: 'statement', direction: 'asc' } }).items.map((x) => x.statement),
    ).toEqual(statements);
    expect(
      listClaims(c, { sort: { field: 'statement', direction: 'desc' } }).items.map((x) => x.statement),
    ).toEqual([...statements].reverse());
    const statuses = listClaims(c, { sort: { field: 'status', direction: 'asc' } }).items.map(
      (x) => x.status,
    );
    expect(statuses).toEqual([...statuses].sort());
    expect(
      listClaims(c, { sort: { field: 'status', direction: 'desc' } }).items.map((x) => x.status),
    ).toEqual([...statuses].reverse());
    updateClaim(c, { id: s.sorm.id, status: 'verified' });
    expect(ids(listClaims(c, { sort: { field: 'updated', direction: 'desc' } }))[0]).toBe(s.sorm.id);
  });

  it.each([
    ['created', 'desc'],
    ['status', 'asc'],
    ['statement', 'desc'],
  ] as const)('pages 237 claims by %s %s, each exactly once', (field, direction) => {
    const c = newCase();
    const statuses = ['draft', 'verified', 'disputed'] as const;
    c.write(() => {
      for (let i = 0; i < 237; i++) createClaim(c, { statement: `Claim ${i % 6}`, status: statuses[i % 3]! });
    });
    const { pages, totals } = allPages((cursor) =>
      listClaims(c, { sort: { field, direction }, limit: 50, cursor }),
    );
    expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 37]);
    expect(new Set(totals)).toEqual(new Set([237]));
    expect(new Set(pages.flat().map((x) => x.id)).size).toBe(237);
  });
});

describe('claims: get explains the claim', () => {
  it('returns its live evidence with source title and reliability, and the assessment history newest first', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'Signatek supplied SORM' });
    const source = createSource(c, {
      title: 'Kommersant',
      kind: 'article',
      reliability: 'B',
      confidential: true,
    });
    const ev = addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: 'Signatek',
      credibility: 2,
    });
    const gone = addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'context',
      excerpt: 'other',
      credibility: 3,
    });
    removeEvidence(c, { id: gone.id });
    const first = addAssessment(c, {
      claimId: claim.id,
      likelihood: 4,
      confidence: 'low',
      rationale: 'One outlet.',
    });
    const second = addAssessment(c, {
      claimId: claim.id,
      likelihood: 5,
      confidence: 'moderate',
      rationale: 'Confirmed.',
    });
    const detail = getClaim(c, claim.id);
    expect(detail.evidence).toEqual([
      { ...ev, sourceTitle: 'Kommersant', sourceReliability: 'B', sourceConfidential: true },
    ]);
    expect(detail.assessments.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(detail.corroboration.verdict).toBe('single_source');
  });
});

describe('claims: invalid input names the field and changes nothing', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['statement', { statement: '' }],
    ['statement', { statement: '  \n ' }],
    ['statement', { statement: 'x'.repeat(20_001) }],
    ['statement', { statement: ['x'] }],
    ['status', { status: 'true' }],
    ['status', { status: 'Verified' }],
    ['dealId', { dealId: 'Safe City' }],
    ['tags', { tags: 'huawei' }],
    ['tags.0', { tags: [''] }],
    ['tags.1', { tags: ['ok', 'x'.repeat(201)] }],
    ['tags', { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }],
    ['confidence', { confidence: 'high' }],
  ];

  it.each(titled(bad))('create: %s = %s', (field, _input, change) => {
    const c = newCase();
    expectInvalid(c, () => createClaim(c, { statement: 'A valid statement', ...change }), field);
  });

  it.each(titled(bad))('update: %s = %s', (field, _input, change) => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'A valid statement' });
    expectInvalid(c, () => updateClaim(c, { id: claim.id, ...change }), field);
  });

  it.each([
    ['filters.verdict.0', { filters: { verdict: ['likely'] } }],
    ['filters.status.0', { filters: { status: ['open'] } }],
    ['filters.dealId', { filters: { dealId: 'x' } }],
    ['filters.sourceId', { filters: { sourceId: 7 } }],
    ['sort.field', { sort: { field: 'verdict' } }],
    ['query', { query: 'broken \udc00' }],
  ])('list: %s', (field, input) => {
    const c = newCase();
    expectInvalid(c, () => listClaims(c, input), field);
  });
});
