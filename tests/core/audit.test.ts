// The history is the product's promise: every change leaves exactly one event, chained by hash,
// and any tampering with a stored event is reported at the event where the chain breaks.

import { createActor } from '../../electron/core/actors';
import { addAssessment } from '../../electron/core/assessments';
import { auditHead, canonicalEvent, chainHash, listEvents, verifyChain } from '../../electron/core/audit';
import { canonicalJson } from '../../electron/core/canonical-json';
import { createClaim, removeClaim, updateClaim } from '../../electron/core/claims';
import { type CaseFile, setActor } from '../../electron/core/db';
import { createDeal, removeDeal, setParties, updateDeal } from '../../electron/core/deals';
import { addEvidence, removeEvidence, updateEvidence } from '../../electron/core/evidence';
import { createSource, updateSource } from '../../electron/core/sources';
import type { AuditEvent } from '../../electron/schema/records';
import {
  allPages,
  cleanUpAfterEach,
  coreError,
  eventCount,
  newCase,
  reopenCase,
  snapshot,
} from '../support/temp-case';

cleanUpAfterEach();

interface Row {
  seq: number;
  event_id: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  parent: string | null;
  payload: string;
}
const rows = (c: CaseFile, after = 0) =>
  c.db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(after) as Row[];

/** Runs `fn` and returns the events it appended. */
function eventsOf(c: CaseFile, fn: () => unknown): Row[] {
  const head = auditHead(c.db).seq;
  fn();
  return rows(c, head);
}

describe('one event per record changed', () => {
  it('each write appends exactly the events of the records it changed, with the new state as payload', () => {
    const c = newCase();
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'signed' });
    const vendor = createActor(c, { name: 'Huawei', kind: 'company' });
    const buyer = createActor(c, { name: 'City hall', kind: 'government' });
    const source = createSource(c, { title: 'Report', kind: 'report', reliability: 'B' });
    const claim = createClaim(c, { statement: 'Cameras were installed' });

    let updated = deal;
    const update = eventsOf(c, () => {
      updated = updateDeal(c, { id: deal.id, status: 'deployed' });
    });
    expect(update.map((e) => [e.action, e.entity, e.entity_id])).toEqual([['update', 'deal', deal.id]]);
    expect(update[0]!.payload).toBe(canonicalJson(updated));

    expect(eventsOf(c, () => updateDeal(c, { id: deal.id, status: 'deployed' }))).toEqual([]);

    const parties = eventsOf(c, () =>
      setParties(c, {
        dealId: deal.id,
        parties: [
          { actorId: vendor.id, role: 'vendor' },
          { actorId: buyer.id, role: 'buyer' },
        ],
      }),
    );
    expect(parties.map((e) => [e.action, e.entity])).toEqual([
      ['create', 'deal_party'],
      ['create', 'deal_party'],
    ]);
    const swap = eventsOf(c, () =>
      setParties(c, { dealId: deal.id, parties: [{ actorId: vendor.id, role: 'operator' }] }),
    );
    expect(swap.map((e) => e.action).sort()).toEqual(['create', 'remove', 'remove']);

    let ev = addEvidence(c, {
      claimId: claim.id,
      sourceId: source.id,
      stance: 'supports',
      excerpt: 'installed',
      credibility: 2,
    });
    // The verdict moved too, but it is derived data: the evidence is the one record changed.
    expect(rows(c).at(-1)).toMatchObject({
      action: 'create',
      entity: 'evidence',
      payload: canonicalJson(ev),
    });
    const evUpdate = eventsOf(c, () => {
      ev = updateEvidence(c, { id: ev.id, credibility: 3 });
    });
    expect(evUpdate.map((e) => [e.entity, e.payload])).toEqual([['evidence', canonicalJson(ev)]]);
    expect(
      eventsOf(c, () => updateSource(c, { id: source.id, reliability: 'A' })).map((e) => e.entity),
    ).toEqual(['source']);
    expect(eventsOf(c, () => removeEvidence(c, { id: ev.id })).map((e) => [e.action, e.entity])).toEqual([
      ['remove', 'evidence'],
    ]);
    const assessment = eventsOf(c, () =>
      addAssessment(c, { claimId: claim.id, likelihood: 5, confidence: 'low', rationale: 'One report.' }),
    );
    expect(assessment.map((e) => [e.action, e.entity])).toEqual([['create', 'assessment']]);
    expect(eventsOf(c, () => removeDeal(c, { id: deal.id })).map((e) => [e.action, e.entity_id])).toEqual([
      ['remove', deal.id],
    ]);
  });

  it('a refused write appends nothing', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'x' });
    const before = eventCount(c);
    coreError(() => updateClaim(c, { id: claim.id, status: 'nonsense' }), 'invalid_input');
    coreError(
      () => updateClaim(c, { id: claim.id, ifUpdatedAt: '2000-01-01T00:00:00.000Z', status: 'verified' }),
      'conflict',
    );
    coreError(() => removeClaim(c, { id: '0190a000-0000-7000-8000-000000000000' }), 'not_found');
    expect(eventCount(c)).toBe(before);
  });

  it('a change and its event are one transaction: if the write fails after the event, neither stays', () => {
    const c = newCase();
    // A real SQLite trigger, made to fail the verdict refresh that follows the insert and its event.
    c.db.exec(
      "CREATE TEMP TRIGGER fail_verdicts BEFORE INSERT ON main.claim_verdicts BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    const before = snapshot(c);
    expect(coreError(() => createClaim(c, { statement: 'x' })).message).toMatch(/disk on fire/);
    expect(snapshot(c)).toEqual(before);
  });

  it('the payload is the canonical JSON of the whole new state (sorted keys), with a removal reason', () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'Signatek supplied SORM', tags: ['sorm'] });
    const [created] = rows(c).slice(-1);
    expect(created!.payload).toBe(canonicalJson(claim));
    expect(Object.keys(JSON.parse(created!.payload))).toEqual(Object.keys(claim).sort());
    const removed = removeClaim(c, { id: claim.id, reason: 'duplicate' });
    expect(JSON.parse(rows(c).at(-1)!.payload)).toEqual({ ...removed, removalReason: 'duplicate' });
  });
});

describe('each record has its own chain of events', () => {
  it('parent is the previous event of the same record, null for its first', () => {
    const c = newCase();
    const a = createClaim(c, { statement: 'a' });
    const b = createClaim(c, { statement: 'b' });
    updateClaim(c, { id: a.id, status: 'verified' });
    updateClaim(c, { id: b.id, status: 'disputed' });
    removeClaim(c, { id: a.id });
    const history = (id: string) => rows(c).filter((e) => e.entity_id === id);
    for (const id of [a.id, b.id]) {
      const events = history(id);
      expect(events[0]!.parent).toBeNull();
      for (let i = 1; i < events.length; i++) expect(events[i]!.parent).toBe(events[i - 1]!.event_id);
    }
    expect(history(a.id).map((e) => e.action)).toEqual(['create', 'update', 'remove']);
  });
});

describe('who changed it', () => {
  it('records the actor on every event; setActor changes it and is itself audited', () => {
    const c = newCase({ actor: 'Aida' });
    createClaim(c, { statement: 'by Aida' });
    const change = eventsOf(c, () => setActor(c, 'Bakyt'));
    expect(change).toEqual([
      expect.objectContaining({
        action: 'set',
        entity: 'case',
        entity_id: c.meta.caseId,
        actor: 'Bakyt',
        payload: '{"actor":"Bakyt"}',
      }),
    ]);
    createClaim(c, { statement: 'by Bakyt' });
    const claims = rows(c).filter((e) => e.entity === 'claim');
    expect(claims.map((e) => e.actor)).toEqual(['Aida', 'Bakyt']);
  });

  it('the actor is a case setting: it survives closing and reopening', () => {
    const c = newCase({ actor: 'Aida' });
    setActor(c, 'Bakyt');
    c.close();
    const again = reopenCase(c.path);
    expect(again.meta.actor).toBe('Bakyt');
    createClaim(again, { statement: 'x' });
    expect(rows(again).at(-1)!.actor).toBe('Bakyt');
  });

  it('opening with another actor switches to them, with an event', () => {
    const c = newCase({ actor: 'Aida' });
    c.close();
    const before = eventCount(reopenCase(c.path));
    const again = reopenCase(c.path, { actor: 'Cholpon' });
    expect(again.meta.actor).toBe('Cholpon');
    expect(eventCount(again)).toBe(before + 1);
  });
});

/** A case with a dozen events, its triggers dropped so raw SQL can tamper with the log. */
function tamperable(): { c: CaseFile; n: number } {
  const c = newCase();
  const claim = createClaim(c, { statement: 'Oniks-Line supplied SORM' });
  for (let i = 0; i < 5; i++) updateClaim(c, { id: claim.id, tags: [`t${i}`] });
  const source = createSource(c, { title: 'Report', kind: 'report', reliability: 'B' });
  addEvidence(c, {
    claimId: claim.id,
    sourceId: source.id,
    stance: 'supports',
    excerpt: 'supplied',
    credibility: 2,
  });
  createDeal(c, { title: 'SORM', technology: 'lawful_intercept', status: 'signed' });
  c.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  const n = eventCount(c);
  expect(verifyChain(c.db)).toEqual({ ok: true, checked: n, head: auditHead(c.db) });
  return { c, n };
}

describe('verify detects tampering at the right event', () => {
  it('an untouched chain verifies, with the number checked and the head', () => {
    const { c, n } = tamperable();
    const result = verifyChain(c.db);
    expect(result).toEqual({
      ok: true,
      checked: n,
      head: { seq: n, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it.each([
    ['payload', `'{"statement":"Oniks-Line never supplied anything"}'`],
    ['payload', "json_insert(payload, '$.extra', 1)"],
    ['payload', "replace(payload, ':', ': ')"],
    ['actor', "'mallory'"],
    ['at', "'2001-01-01T00:00:00.000Z'"],
    ['action', "'remove'"],
    ['entity', "'deal'"],
    ['entity_id', "'0190a000-0000-7000-8000-000000000000'"],
    ['parent', 'NULL'],
    ['replica', "'another-copy'"],
    ['event_id', "'0190a000-0000-7000-8000-000000000001'"],
    ['hash', "'0000000000000000000000000000000000000000000000000000000000000000'"],
  ])('a changed %s (set to %s) breaks the chain at that event', (column, value) => {
    const { c } = tamperable();
    const seq = 4;
    c.db.exec(`UPDATE audit_log SET ${column} = ${value} WHERE seq = ${seq}`);
    const result = verifyChain(c.db);
    expect(result).toMatchObject({ ok: false, brokenAt: seq, checked: seq - 1 });
    if (!result.ok) expect(result.reason).toMatch(/changed after it was written/);
  });

  it('a changed prev_hash breaks the chain at that event', () => {
    const { c } = tamperable();
    c.db.exec('UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = 2) WHERE seq = 6');
    const result = verifyChain(c.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 6 });
    if (!result.ok) expect(result.reason).toMatch(/does not follow the event before it/);
  });

  it('a rewritten event with its own hash recomputed still breaks the chain at the next event', () => {
    const { c } = tamperable();
    // Recompute seq 5's hash over a forged payload, as a careful forger would.
    const row = c.db.prepare('SELECT * FROM audit_log WHERE seq = 5').get() as Parameters<
      typeof canonicalEvent
    >[0] & {
      prev_hash: string;
    };
    const payload = '{"statement":"forged"}';
    c.db
      .prepare('UPDATE audit_log SET payload = ?, hash = ? WHERE seq = 5')
      .run(payload, chainHash(row.prev_hash, canonicalEvent({ ...row, payload })));
    expect(verifyChain(c.db)).toMatchObject({ ok: false, brokenAt: 6 });
  });

  it('a deleted event in the middle is reported at the event after the gap', () => {
    const { c } = tamperable();
    c.db.exec('DELETE FROM audit_log WHERE seq = 5');
    const result = verifyChain(c.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 6, checked: 4 });
    if (!result.ok) expect(result.reason).toMatch(/event 5 is missing/);
  });

  it('two events swapped in order break the chain where the order changes', () => {
    const { c } = tamperable();
    c.db.exec(`
      UPDATE audit_log SET seq = -1 WHERE seq = 5;
      UPDATE audit_log SET seq = 5 WHERE seq = 6;
      UPDATE audit_log SET seq = 6 WHERE seq = -1;`);
    expect(verifyChain(c.db)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('a truncated tail is not a break by itself: a checkpoint of the head is what reveals it', () => {
    const { c, n } = tamperable();
    // What audit.checkpoint hands the user to keep elsewhere: the head seq and hash.
    const checkpoint = auditHead(c.db);
    c.db.exec(`DELETE FROM audit_log WHERE seq > ${n - 3}`);
    const result = verifyChain(c.db);
    // The remaining chain is internally consistent…
    expect(result).toMatchObject({ ok: true, checked: n - 3 });
    // …but it no longer reaches the head the checkpoint recorded.
    if (result.ok) {
      expect(result.head.seq).toBeLessThan(checkpoint.seq);
      expect(result.head.hash).not.toBe(checkpoint.hash);
    }
  });
});

describe('audit list', () => {
  function history(c: CaseFile) {
    const deal = createDeal(c, { title: 'Safe City', technology: 'cctv', status: 'signed' });
    const claim = createClaim(c, { statement: 'Cameras installed', dealId: deal.id });
    for (let i = 0; i < 7; i++) updateClaim(c, { id: claim.id, tags: [`t${i}`] });
    updateDeal(c, { id: deal.id, status: 'deployed' });
    removeClaim(c, { id: claim.id });
    return { deal, claim };
  }

  it('lists newest first and filters by entity, entity id and action', () => {
    const c = newCase();
    const { deal, claim } = history(c);
    const all = listEvents(c.db, { limit: 500 });
    expect(all.total).toBe(eventCount(c));
    expect(all.items.map((e) => e.seq)).toEqual([...all.items.map((e) => e.seq)].sort((a, b) => b - a));
    const deals = listEvents(c.db, { entity: 'deal', limit: 500 });
    expect(deals.items.map((e) => [e.entityId, e.action])).toEqual([
      [deal.id, 'update'],
      [deal.id, 'create'],
    ]);
    const ofClaim = listEvents(c.db, { entityId: claim.id, limit: 500 });
    expect(ofClaim.total).toBe(9);
    expect(ofClaim.items.every((e) => e.entityId === claim.id && e.entity === 'claim')).toBe(true);
    expect(
      listEvents(c.db, { entity: 'claim', action: 'remove', limit: 500 }).items.map((e) => e.entityId),
    ).toEqual([claim.id]);
    expect(listEvents(c.db, { entity: 'actor', limit: 500 })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    const event: AuditEvent = ofClaim.items[0]!;
    expect(event.payload).toMatchObject({ id: claim.id, deletedAt: expect.any(String) });
  });

  it('pages through a filtered history, each event exactly once', () => {
    const c = newCase();
    const { claim } = history(c);
    const { pages, totals } = allPages((cursor) =>
      listEvents(c.db, { entityId: claim.id, limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
    expect(new Set(totals)).toEqual(new Set([9]));
    const seqs = pages.flat().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(9);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });
});
