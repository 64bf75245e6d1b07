// Nothing removed is beyond reach: the Trash lists what was removed with who, when and why; a
// restore brings it back with its evidence as it was; undo and redo are new events that reverse
// the person's own changes, never a rewrite of the history.
import { verifyChain } from '../../electron/core/audit';
import { createClaim, getClaim, listClaims, removeClaim, updateClaim } from '../../electron/core/claims';
import { setActor } from '../../electron/core/db';
import { createDeal, removeDeal } from '../../electron/core/deals';
import { addEvidence, removeEvidence } from '../../electron/core/evidence';
import { runIntegrity } from '../../electron/core/integrity/run-integrity';
import { listTrash, restoreRecordCall } from '../../electron/core/restore';
import { searchCase } from '../../electron/core/search';
import { createSource, removeSource } from '../../electron/core/sources';
import { redoLast, undoLast, undoState } from '../../electron/core/undo';
import {
  cleanUpAfterEach,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  snapshot,
} from '../support/temp-case';

cleanUpAfterEach();

function claimWithEvidence(c: ReturnType<typeof newCase>) {
  const source = createSource(c, { title: 'Court ruling 2021', kind: 'court_record', reliability: 'A' });
  const other = createSource(c, { title: 'Ministry statement', kind: 'official_record', reliability: 'B' });
  const claim = createClaim(c, { statement: 'Huawei installed the Bishkek cameras' });
  const e1 = addEvidence(c, {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'the cameras were installed by Huawei',
    credibility: 2,
  });
  const e2 = addEvidence(c, {
    claimId: claim.id,
    sourceId: other.id,
    stance: 'supports',
    excerpt: 'the ministry thanked Huawei',
    credibility: 2,
  });
  return { source, other, claim, e1, e2 };
}

const actions = (c: ReturnType<typeof newCase>, entityId: string) =>
  c.db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq').pluck().all(entityId);

describe('the Trash and restore', () => {
  it('lists a removed claim with who removed it, when and why, and restores it with its evidence', async () => {
    const c = newCase();
    setActor(c, 'Aigerim');
    const { claim, e1, e2 } = claimWithEvidence(c);
    const verdictBefore = getClaim(c, claim.id).corroboration.verdict;
    const removed = removeClaim(c, { id: claim.id, reason: 'Duplicate of the Osh claim' });

    const trash = listTrash(c, { kind: 'claim' });
    expect(trash.items).toEqual([
      {
        kind: 'claim',
        id: claim.id,
        title: 'Huawei installed the Bishkek cameras',
        removedAt: removed.deletedAt,
        removedBy: 'Aigerim',
        reason: 'Duplicate of the Osh claim',
      },
    ]);
    expect(listClaims(c, {}).total).toBe(0);

    restoreRecordCall(c, { kind: 'claim', id: claim.id });
    expect(listTrash(c, { kind: 'claim' }).items).toEqual([]);
    const back = getClaim(c, claim.id);
    expect(back.claim.deletedAt).toBeNull();
    expect(back.evidence.map((e) => e.id).sort()).toEqual([e1.id, e2.id].sort());
    expect(back.corroboration.verdict).toBe(verdictBefore);
    expect(listClaims(c, {}).items.map((x) => x.id)).toEqual([claim.id]);
    expect(
      searchCase(c, { query: 'Bishkek cameras' }).groups.flatMap((g) => g.hits.map((h) => h.id)),
    ).toContain(claim.id);
    // The removal stays in the history; the restore is a new event after it.
    expect(actions(c, claim.id)).toEqual(['create', 'remove', 'restore']);
    expect(verifyChain(c.db).ok).toBe(true);
    expect((await runIntegrity(c, {})).ok).toBe(true);
  });

  it('restores removed evidence, and the claim’s verdict counts it again', () => {
    const c = newCase();
    const { claim, e2 } = claimWithEvidence(c);
    const two = getClaim(c, claim.id).corroboration.verdict;
    removeEvidence(c, { id: e2.id });
    expect(getClaim(c, claim.id).evidence).toHaveLength(1);
    expect(listTrash(c, { kind: 'evidence' }).items.map((i) => i.title)).toEqual([
      'the ministry thanked Huawei',
    ]);
    restoreRecordCall(c, { kind: 'evidence', id: e2.id });
    expect(getClaim(c, claim.id).evidence).toHaveLength(2);
    expect(getClaim(c, claim.id).corroboration.verdict).toBe(two);
  });

  it('refuses to restore evidence whose source is in the Trash, naming the field and changing nothing', () => {
    const c = newCase();
    const { e1, source } = claimWithEvidence(c);
    removeEvidence(c, { id: e1.id });
    removeSource(c, { id: source.id });
    const before = snapshot(c);
    const error = coreError(() => restoreRecordCall(c, { kind: 'evidence', id: e1.id }), 'conflict');
    expect(error.fields).toEqual({ sourceId: 'is a removed source' });
    expect(error.message).toContain('Restore the source first');
    expect(snapshot(c)).toEqual(before);
  });

  it('refuses a claim that is not removed, and a wrong kind, changing nothing', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'Live claim' });
    const before = snapshot(c);
    expect(coreError(() => restoreRecordCall(c, { kind: 'claim', id: claim.id }), 'conflict').fields).toEqual(
      {
        id: 'is a claim that is not removed',
      },
    );
    expectInvalid(c, () => restoreRecordCall(c, { kind: 'assessment', id: claim.id }), 'kind');
    expect(snapshot(c)).toEqual(before);
  });

  it('refuses to restore a claim whose deal is in the Trash', () => {
    const c = newCase();
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'signed' });
    const claim = createClaim(c, { statement: 'Signed in 2019', dealId: deal.id });
    removeClaim(c, { id: claim.id });
    removeDeal(c, { id: deal.id });
    expect(coreError(() => restoreRecordCall(c, { kind: 'claim', id: claim.id }), 'conflict').fields).toEqual(
      {
        dealId: 'is a removed deal',
      },
    );
    restoreRecordCall(c, { kind: 'deal', id: deal.id });
    expect(restoreRecordCall(c, { kind: 'claim', id: claim.id }).deletedAt).toBeNull();
  });
});

describe('undo and redo', () => {
  it('undoes a removal as a restore, redoes it as a removal, and both are new events', async () => {
    const c = newCase();
    const { claim, e1 } = claimWithEvidence(c);
    removeClaim(c, { id: claim.id, reason: 'wrong deal' });
    expect(undoState(c).undo).toBe('Removed claim “Huawei installed the Bishkek cameras”');

    const undone = undoLast(c);
    expect(undone).toMatchObject({
      change: 'Removed claim “Huawei installed the Bishkek cameras”',
      action: 'restore',
    });
    expect(getClaim(c, claim.id).claim.deletedAt).toBeNull();
    expect(getClaim(c, claim.id).evidence.map((e) => e.id)).toContain(e1.id);
    expect(undoState(c).redo).toBe('Removed claim “Huawei installed the Bishkek cameras”');

    expect(redoLast(c)).toMatchObject({ action: 'remove' });
    expect(getClaim(c, claim.id).claim.deletedAt).not.toBeNull();
    expect(actions(c, claim.id)).toEqual(['create', 'remove', 'restore', 'remove']);
    const undoEvent = JSON.parse(
      c.db
        .prepare("SELECT payload FROM audit_log WHERE entity_id = ? AND action = 'restore'")
        .pluck()
        .get(claim.id) as string,
    );
    expect(typeof undoEvent.undoOf).toBe('string');
    expect((await runIntegrity(c, {})).ok).toBe(true);
  });

  it('undoes an edit back to the earlier state, then the create before it', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'Draft claim', tags: ['cctv'] });
    updateClaim(c, { id: claim.id, status: 'verified', tags: ['cctv', 'kazakhstan'] });
    expect(undoState(c).undo).toBe('Edited claim “Draft claim”');
    undoLast(c);
    const back = getClaim(c, claim.id).claim;
    expect(back.status).toBe('draft');
    expect(back.tags).toEqual(['cctv']);
    expect(undoLast(c)).toMatchObject({
      change: 'Created claim “Draft claim”',
      action: 'remove',
      more: false,
    });
    expect(listClaims(c, {}).total).toBe(0);
    expect(undoLast(c)).toBeNull();
    // Redo walks forward again: the create, then the edit.
    redoLast(c);
    redoLast(c);
    expect(getClaim(c, claim.id).claim).toMatchObject({ status: 'verified', deletedAt: null });
    expect(redoLast(c)).toBeNull();
  });

  it('a new change after an undo clears the redo', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'One' });
    updateClaim(c, { id: claim.id, status: 'under_review' });
    undoLast(c);
    updateClaim(c, { id: claim.id, tags: ['new'] });
    expect(undoState(c).redo).toBeNull();
  });

  it('walks only the person’s own changes, and refuses to overwrite someone else’s later edit', () => {
    const c = newCase();
    setActor(c, 'Aigerim');
    const claim = createClaim(c, { statement: 'Shared claim' });
    updateClaim(c, { id: claim.id, status: 'under_review' });
    setActor(c, 'Bakyt');
    expect(undoState(c).undo).toBeNull();
    updateClaim(c, { id: claim.id, tags: ['bakyt'] });
    setActor(c, 'Aigerim');
    const before = snapshot(c);
    const error = coreError(() => undoLast(c), 'conflict');
    expect(error.message).toContain('has changed since');
    expect(snapshot(c)).toEqual(before);
    expect(eventCount(c)).toBe(before.auditHead.seq);
  });
});
