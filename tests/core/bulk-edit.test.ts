// Bulk edit: many records in one audited transaction, undone together by one undo; a bad record
// refuses the whole edit, naming its place, and nothing changes.
import { bulkUpdateClaims, bulkUpdateSources } from '../../electron/core/bulk';
import { createClaim, getClaim } from '../../electron/core/claims';
import { addEvidence } from '../../electron/core/evidence';
import { runIntegrity } from '../../electron/core/integrity/run-integrity';
import { createSource, getSource, listSources, removeSource } from '../../electron/core/sources';
import { undoLast, undoState } from '../../electron/core/undo';
import {
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  snapshot,
} from '../support/temp-case';

cleanUpAfterEach();

function fiftySources(c: ReturnType<typeof newCase>) {
  return Array.from({ length: 50 }, (_, i) =>
    createSource(c, { title: `Telegram channel post ${i + 1}`, kind: 'social_post', reliability: 'F' }),
  );
}

describe('bulk-grading sources', () => {
  it('grades 50 sources in one transaction, one event each, and moves the verdicts they back', async () => {
    const c = newCase();
    const sources = fiftySources(c);
    const claim = createClaim(c, { statement: 'The channel posted the contract' });
    addEvidence(c, {
      claimId: claim.id,
      sourceId: sources[0]!.id,
      stance: 'supports',
      excerpt: 'a scan',
      credibility: 2,
    });
    const weightBefore = getClaim(c, claim.id).corroboration.supporting[0]!.weight;
    const before = eventCount(c);

    const result = bulkUpdateSources(c, { ids: sources.map((s) => s.id), reliability: 'D' });

    expect(result).toEqual({ changed: 50, unchanged: 0 });
    expect(eventCount(c)).toBe(before + 50);
    const batches = c.db
      .prepare("SELECT DISTINCT json_extract(payload, '$.batch') FROM audit_log WHERE seq > ?")
      .pluck()
      .all(before);
    expect(batches).toHaveLength(1);
    expect(listSources(c, { filters: { reliability: ['D'] }, limit: 100 }).total).toBe(50);
    expect(getClaim(c, claim.id).corroboration.supporting[0]!.weight).not.toBe(weightBefore);
    expect((await runIntegrity(c, {})).ok).toBe(true);

    // One undo takes the whole edit back.
    expect(undoState(c).undo).toBe('Edited 50 sources');
    undoLast(c);
    expect(listSources(c, { filters: { reliability: ['F'] }, limit: 100 }).total).toBe(50);
    expect(getClaim(c, claim.id).corroboration.supporting[0]!.weight).toBe(weightBefore);
  });

  it('refuses the whole edit when one source is removed, naming it, and changes nothing', () => {
    const c = newCase();
    const sources = fiftySources(c);
    removeSource(c, { id: sources[7]!.id });
    const before = snapshot(c);
    const error = coreError(
      () => bulkUpdateSources(c, { ids: sources.map((s) => s.id), reliability: 'B' }),
      'not_found',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['ids.7']);
    expect(snapshot(c)).toEqual(before);
    expect(getSource(c, sources[0]!.id).source.reliability).toBe('F');
  });

  it('refuses an edit that names a record twice or changes nothing', () => {
    const c = newCase();
    const [a] = fiftySources(c);
    expectInvalid(c, () => bulkUpdateSources(c, { ids: [a!.id, a!.id], reliability: 'B' }), 'ids');
    expectInvalid(c, () => bulkUpdateSources(c, { ids: [a!.id] }), 'reliability');
  });
});

describe('bulk-editing claims', () => {
  it('adds and removes tags on many claims, keeping each claim’s other tags', () => {
    const c = newCase();
    const one = createClaim(c, { statement: 'One', tags: ['cctv', 'draft-2024'] });
    const two = createClaim(c, { statement: 'Two', tags: ['spyware'] });
    bulkUpdateClaims(c, { ids: [one.id, two.id], addTags: ['kazakhstan'], removeTags: ['draft-2024'] });
    expect(getClaim(c, one.id).claim.tags).toEqual(['cctv', 'kazakhstan']);
    expect(getClaim(c, two.id).claim.tags).toEqual(['spyware', 'kazakhstan']);
  });

  it('asks for a reason before marking flagged claims Verified, then records it on each flagged one', () => {
    const c = newCase();
    const s = createSource(c, { title: 'One leak', kind: 'leak', reliability: 'C' });
    const flagged = createClaim(c, { statement: 'Leaked contract is genuine' });
    addEvidence(c, {
      claimId: flagged.id,
      sourceId: s.id,
      stance: 'supports',
      excerpt: 'page 1',
      credibility: 3,
    });
    const bare = createClaim(c, { statement: 'No evidence yet' });
    const before = snapshot(c);
    const error = coreError(
      () => bulkUpdateClaims(c, { ids: [flagged.id, bare.id], status: 'verified' }),
      'conflict',
    );
    expect(error.fields).toEqual({ confirmReason: 'is required: the claim is flagged single source' });
    expect(snapshot(c)).toEqual(before);
    bulkUpdateClaims(c, {
      ids: [flagged.id, bare.id],
      status: 'verified',
      confirmReason: 'Authenticated by the vendor',
    });
    const payload = (id: string) =>
      JSON.parse(
        c.db
          .prepare('SELECT payload FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
          .pluck()
          .get(id) as string,
      );
    expect(payload(flagged.id).publishConfirmation).toEqual({
      flags: ['single_source'],
      reason: 'Authenticated by the vendor',
    });
    expect(payload(bare.id).publishConfirmation).toBeUndefined();
  });
});
