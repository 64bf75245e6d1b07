import { createClaim, getClaim, listClaims, removeClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { addEvidence, removeEvidence, updateEvidence } from '../../electron/core/evidence';
import { newId } from '../../electron/core/ids';
import { createSource, removeSource } from '../../electron/core/sources';
import type { EvidenceAdd } from '../../electron/schema/inputs';
import {
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  snapshot,
  titled,
} from '../support/temp-case';

cleanUpAfterEach();

function setup(c: CaseFile) {
  const claim = createClaim(c, { statement: 'Sergek cameras identify drivers automatically' });
  const other = createClaim(c, { statement: 'Sergek was built by a Kazakh firm' });
  const source = createSource(c, { title: 'Vlast.kz investigation', kind: 'article', reliability: 'B' });
  const second = createSource(c, { title: 'Tender documents', kind: 'official_record', reliability: 'A' });
  const item: EvidenceAdd = {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'the system recognises number plates and faces',
    prefix: 'According to the operator,',
    suffix: 'in real time.',
    locator: 'para. 7',
    credibility: 2,
    note: 'Operator statement, not independently tested.',
  };
  return { claim, other, source, second, item };
}

describe('evidence: add', () => {
  it('adds an excerpt to a claim, with one event, and shows it in the claim', () => {
    const c = newCase();
    const { claim, item } = setup(c);
    const before = eventCount(c);
    const ev = addEvidence(c, item);
    expect(ev).toMatchObject({ ...item, deletedAt: null });
    expect(eventCount(c)).toBe(before + 1);
    expect(getClaim(c, claim.id).evidence.map((e) => e.id)).toEqual([ev.id]);
  });

  it('keeps an excerpt verbatim apart from trimming its ends', () => {
    const c = newCase();
    const { item } = setup(c);
    const excerpt = '«Сергек» — система, которая\n  распознаёт номера';
    expect(addEvidence(c, { ...item, excerpt: `  ${excerpt}\n` }).excerpt).toBe(excerpt);
  });

  it.each([
    ['claimId', 'a missing claim'],
    ['claimId', 'a removed claim'],
    ['sourceId', 'a missing source'],
    ['sourceId', 'a removed source'],
  ] as const)('refuses %s pointing to %s as not_found naming it, changing nothing', (field, what) => {
    const c = newCase();
    const { item } = setup(c);
    let target = newId();
    if (what === 'a removed claim') {
      target = createClaim(c, { statement: 'gone' }).id;
      removeClaim(c, { id: target });
    }
    if (what === 'a removed source') {
      target = createSource(c, { title: 'gone', kind: 'other', reliability: 'F' }).id;
      removeSource(c, { id: target });
    }
    const before = snapshot(c);
    const error = coreError(() => addEvidence(c, { ...item, [field]: target }), 'not_found');
    expect(error.fields).toHaveProperty(field);
    expect(snapshot(c)).toEqual(before);
  });
});

describe('evidence: update', () => {
  it('changes only the named fields', () => {
    const c = newCase();
    const { item } = setup(c);
    const ev = addEvidence(c, item);
    const next = updateEvidence(c, { id: ev.id, credibility: 4 });
    expect(next).toEqual({ ...ev, credibility: 4, updatedAt: next.updatedAt });
    expect(updateEvidence(c, { id: ev.id, note: null })).toMatchObject({ note: null, locator: 'para. 7' });
  });

  it('moving evidence to another claim moves it in both claims and both verdicts', () => {
    const c = newCase();
    const { claim, other, item } = setup(c);
    const ev = addEvidence(c, item);
    const verdicts = () => new Map(listClaims(c, {}).items.map((x) => [x.id, x.verdict]));
    expect(verdicts().get(claim.id)).toBe('single_source');
    updateEvidence(c, { id: ev.id, claimId: other.id });
    expect(getClaim(c, claim.id).evidence).toEqual([]);
    expect(getClaim(c, other.id).evidence.map((e) => e.id)).toEqual([ev.id]);
    expect(verdicts().get(claim.id)).toBe('unsupported');
    expect(verdicts().get(other.id)).toBe('single_source');
  });

  it('re-pointing to a missing or removed claim or source is not_found naming it', () => {
    const c = newCase();
    const { item } = setup(c);
    const ev = addEvidence(c, item);
    const gone = createSource(c, { title: 'gone', kind: 'other', reliability: 'F' });
    removeSource(c, { id: gone.id });
    const before = snapshot(c);
    expect(
      coreError(() => updateEvidence(c, { id: ev.id, claimId: newId() }), 'not_found').fields,
    ).toHaveProperty('claimId');
    expect(
      coreError(() => updateEvidence(c, { id: ev.id, sourceId: gone.id }), 'not_found').fields,
    ).toHaveProperty('sourceId');
    expect(snapshot(c)).toEqual(before);
  });

  it('an update that changes nothing records nothing', () => {
    const c = newCase();
    const { item } = setup(c);
    const ev = addEvidence(c, item);
    const before = snapshot(c);
    expect(
      updateEvidence(c, { id: ev.id, stance: 'supports', credibility: 2, excerpt: item.excerpt }),
    ).toEqual(ev);
    expect(snapshot(c)).toEqual(before);
  });

  it('a stale ifUpdatedAt is a conflict; a missing or removed item is not_found', () => {
    const c = newCase();
    const { item } = setup(c);
    const ev = addEvidence(c, item);
    updateEvidence(c, { id: ev.id, stance: 'context' });
    const before = snapshot(c);
    coreError(
      () => updateEvidence(c, { id: ev.id, ifUpdatedAt: ev.updatedAt, stance: 'contradicts' }),
      'conflict',
    );
    expect(snapshot(c)).toEqual(before);
    coreError(() => updateEvidence(c, { id: newId(), stance: 'context' }), 'not_found');
    removeEvidence(c, { id: ev.id });
    coreError(() => updateEvidence(c, { id: ev.id, stance: 'context' }), 'not_found');
  });
});

describe('evidence: remove', () => {
  it('tombstones the item: gone from the claim and its verdict, row and history kept', () => {
    const c = newCase();
    const { claim, item } = setup(c);
    const ev = addEvidence(c, item);
    const removed = removeEvidence(c, { id: ev.id, reason: 'misquoted' });
    expect(removed.deletedAt).not.toBeNull();
    expect(getClaim(c, claim.id).evidence).toEqual([]);
    expect(getClaim(c, claim.id).corroboration.verdict).toBe('unsupported');
    expect(snapshot(c).counts.evidence).toBe(1);
    const last = c.db
      .prepare('SELECT action, payload FROM audit_log WHERE entity_id = ? ORDER BY seq DESC')
      .get(ev.id) as {
      action: string;
      payload: string;
    };
    expect(last.action).toBe('remove');
    expect(JSON.parse(last.payload)).toMatchObject({
      removalReason: 'misquoted',
      deletedAt: removed.deletedAt,
    });
    coreError(() => removeEvidence(c, { id: ev.id }), 'not_found');
  });
});

describe('evidence: invalid input names the field and changes nothing', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['stance', { stance: 'neutral' }],
    ['stance', { stance: null }],
    ['excerpt', { excerpt: '' }],
    ['excerpt', { excerpt: '   ' }],
    ['excerpt', { excerpt: 'x'.repeat(1_000_001) }],
    ['excerpt', { excerpt: 'half a pair \ud83d' }],
    ['prefix', { prefix: 'x'.repeat(2_001) }],
    ['suffix', { suffix: 3 }],
    ['locator', { locator: { page: 4 } }],
    ['credibility', { credibility: 0 }],
    ['credibility', { credibility: 7 }],
    ['credibility', { credibility: 2.5 }],
    ['credibility', { credibility: '2' }],
    ['note', { note: false }],
    ['claimId', { claimId: 'claim-1' }],
    ['sourceId', { sourceId: '' }],
    ['weight', { weight: 1 }],
  ];

  it.each(titled(bad))('add: %s = %s', (field, _input, change) => {
    const c = newCase();
    const { item } = setup(c);
    expectInvalid(c, () => addEvidence(c, { ...item, ...change }), field);
  });

  it.each(titled(bad))('update: %s = %s', (field, _input, change) => {
    const c = newCase();
    const { item } = setup(c);
    const ev = addEvidence(c, item);
    expectInvalid(c, () => updateEvidence(c, { id: ev.id, ...change }), field);
  });

  it.each(['claimId', 'sourceId', 'stance', 'excerpt', 'credibility'])('add without %s', (field) => {
    const c = newCase();
    const { item } = setup(c);
    const input: Record<string, unknown> = { ...item };
    delete input[field];
    expectInvalid(c, () => addEvidence(c, input), field);
  });
});
