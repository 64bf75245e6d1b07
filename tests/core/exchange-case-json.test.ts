// Our own case JSON: a complete, verifiable copy of a case (removed records, audit log, attachment
// hashes), a round trip that reproduces the same records and verdicts, and the merge of a
// colleague's copy: new records added, identical ones skipped, both people's assessments kept,
// records changed on both sides shown as conflicts that only the user's choice resolves.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from '../../electron/core/actors';
import { addAssessment } from '../../electron/core/assessments';
import { addAttachment } from '../../electron/core/attachments';
import { verifyChain } from '../../electron/core/audit';
import { createClaim, getClaim, removeClaim, updateClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal, setParties } from '../../electron/core/deals';
import { addEvidence } from '../../electron/core/evidence';
import { type ExportedEvent, verifyExportedChain } from '../../electron/core/exchange/case-json';
import { runExport } from '../../electron/core/exchange/export';
import { loadCase } from '../../electron/core/exchange/snapshot';
import { createSource } from '../../electron/core/sources';
import { cleanUpAfterEach, newCase, snapshot, tempDir } from '../support/temp-case';
import { count, importFile, preview, rowsBy } from './exchange-support';

cleanUpAfterEach();

interface Built {
  claims: { main: string; second: string; third: string; removed: string };
  sources: { court: string; blog: string; copy: string; secret: string };
}

/** A case with every kind of record: parties, a derived source, a confidential one, a removed claim, an attachment. */
function build(c: CaseFile): Built {
  const deal = createDeal(c, {
    title: 'Safe City for Bishkek',
    technology: 'cctv',
    status: 'deployed',
    country: 'Kyrgyzstan',
    year: 2019,
  });
  const vendor = createActor(c, { name: 'Huawei', kind: 'company', country: 'China' });
  const buyer = createActor(c, { name: 'Bishkek city hall', kind: 'government', aliases: ['Мэрия Бишкека'] });
  setParties(c, {
    dealId: deal.id,
    parties: [
      { actorId: vendor.id, role: 'vendor' },
      { actorId: buyer.id, role: 'buyer' },
    ],
  });
  const court = createSource(c, { title: 'Court ruling 12/2020', kind: 'court_record', reliability: 'A' });
  const blog = createSource(c, { title: 'A blog post', kind: 'article', reliability: 'C' });
  const copy = createSource(c, {
    title: 'A repost of the blog',
    kind: 'social_post',
    reliability: 'C',
    derivedFrom: blog.id,
  });
  const secret = createSource(c, {
    title: 'Engineer at the integrator',
    kind: 'interview',
    reliability: 'B',
    confidential: true,
    author: 'K. N.',
    notes: 'Met in Osh',
  });
  const main = createClaim(c, {
    statement: 'Huawei installed the cameras',
    dealId: deal.id,
    status: 'under_review',
    tags: ['huawei'],
  });
  const second = createClaim(c, { statement: 'The city paid in 2019', dealId: deal.id });
  const third = createClaim(c, { statement: 'The cameras record faces' });
  const removed = createClaim(c, { statement: 'A claim entered by mistake' });
  removeClaim(c, { id: removed.id, reason: 'duplicate' });
  addEvidence(c, {
    claimId: main.id,
    sourceId: court.id,
    stance: 'supports',
    excerpt: 'the cameras were installed by Huawei',
    credibility: 2,
    locator: 'p. 3',
  });
  addEvidence(c, {
    claimId: main.id,
    sourceId: secret.id,
    stance: 'supports',
    excerpt: 'we put them up',
    credibility: 2,
  });
  addEvidence(c, {
    claimId: second.id,
    sourceId: copy.id,
    stance: 'supports',
    excerpt: 'paid in 2019',
    credibility: 3,
  });
  addEvidence(c, {
    claimId: second.id,
    sourceId: blog.id,
    stance: 'contradicts',
    excerpt: 'not paid yet',
    credibility: 3,
  });
  addAssessment(c, {
    claimId: main.id,
    likelihood: 6,
    confidence: 'moderate',
    rationale: 'Court record and an insider.',
  });
  addAttachment(c, {
    sourceId: court.id,
    fileName: 'ruling.pdf',
    mediaType: 'application/pdf',
    bytesBase64: Buffer.from('%PDF-1.4 ruling').toString('base64'),
  });
  addAttachment(c, {
    sourceId: secret.id,
    fileName: 'notes-osh.txt',
    bytesBase64: Buffer.from('interview notes').toString('base64'),
  });
  return {
    claims: { main: main.id, second: second.id, third: third.id, removed: removed.id },
    sources: { court: court.id, blog: blog.id, copy: copy.id, secret: secret.id },
  };
}

function verdicts(c: CaseFile) {
  return c.db.prepare('SELECT claim_id, verdict, evidence_count FROM claim_verdicts ORDER BY claim_id').all();
}

function exportText(c: CaseFile, extra: Record<string, unknown> = {}): string {
  return runExport(c, { format: 'case-json', ...extra }).text!;
}

describe('case JSON export', () => {
  it('carries every record (removed ones marked), the verdicts, the audit log and attachment hashes, under a format version', () => {
    const c = newCase();
    const b = build(c);
    const doc = JSON.parse(exportText(c, { includeConfidential: true }));
    expect(doc).toMatchObject({ format: 'corroborate-case', version: 1 });
    expect(doc.records.claims).toHaveLength(4);
    const removed = doc.records.claims.find((x: { id: string }) => x.id === b.claims.removed);
    expect(removed.deletedAt).not.toBeNull();
    expect(doc.records.attachments.map((a: { sha256: string }) => a.sha256)).toContain(
      createHash('sha256').update('%PDF-1.4 ruling').digest('hex'),
    );
    expect(doc.verdicts).toHaveLength(4);
    const events = doc.audit.events as ExportedEvent[];
    expect(events.length).toBe(doc.checkpoint.seq);
    expect(verifyExportedChain(events)).toMatchObject({ ok: true, checked: events.length, withheld: 0 });
  });

  it('the exported audit log is checked on import: a changed payload is reported', async () => {
    const c = newCase();
    build(c);
    const doc = JSON.parse(exportText(c, { includeConfidential: true }));
    doc.audit.events[3].payload.title = 'Something else';
    expect(verifyExportedChain(doc.audit.events)).toMatchObject({ ok: false, brokenAt: 4 });
    const plan = await preview(newCase(), 'case-json', JSON.stringify(doc));
    expect(plan.notes.join(' ')).toMatch(/audit log does NOT verify: event 4/);
  });

  it('writes attachment bytes to a companion folder with a sha256 manifest when asked', () => {
    const c = newCase();
    build(c);
    const dir = join(tempDir(), 'attachments');
    const result = runExport(c, { format: 'case-json', includeConfidential: true, attachmentsDir: dir });
    expect(result.attachments?.files).toBe(2);
    const manifest = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(manifest).toHaveLength(2);
    for (const line of manifest) {
      const [sha, file] = line.split(/ {2}/);
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, file!)))
          .digest('hex'),
      ).toBe(sha);
    }
    expect(readdirSync(dir).sort()).toEqual(
      [...manifest.map((l) => l.split('  ')[1]!), 'SHA256SUMS', 'attachments.json'].sort(),
    );
  });
});

describe('round trip into an empty case', () => {
  it('reproduces the same records and the same verdicts; the new chain verifies', async () => {
    const a = newCase();
    build(a);
    const dir = join(tempDir(), 'bytes');
    const text = runExport(a, { format: 'case-json', includeConfidential: true, attachmentsDir: dir }).text!;
    const b = newCase({ actor: 'bob' });
    const plan = await preview(b, 'case-json', text, { attachmentsDir: dir });
    expect(plan.fatal).toBeNull();
    expect(plan.totals.rejected).toBe(0);
    expect(plan.totals.create).toBe(plan.totals.rows);
    await importFile(b, 'case-json', text, { attachmentsDir: dir, expectedPlanId: plan.planId });
    expect(loadCase(b)).toEqual(loadCase(a));
    expect(verdicts(b)).toEqual(verdicts(a));
    expect(verifyChain(b.db).ok).toBe(true);
    const blobs = (x: CaseFile) =>
      x.db.prepare('SELECT sha256, size, chunks FROM blobs ORDER BY sha256').all();
    expect(blobs(b)).toEqual(blobs(a));
    // One audit event per record imported, and one for the import.
    const perRecord = b.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'create' AND entity <> 'case'")
      .pluck()
      .get();
    expect(perRecord).toBe(plan.totals.create);
  });

  it('importing the same export again changes nothing', async () => {
    const a = newCase();
    build(a);
    const text = exportText(a, { includeConfidential: true });
    const b = newCase();
    await importFile(b, 'case-json', text, { skipRejected: true });
    const before = snapshot(b);
    const again = await preview(b, 'case-json', text);
    expect(again.totals.create + again.totals.update + again.totals.conflict).toBe(0);
    await importFile(b, 'case-json', text, { skipRejected: true });
    expect(snapshot(b).counts).toEqual({ ...before.counts, audit_log: before.counts.audit_log! + 1 });
  });

  it('without the attachments folder, attachment rows are rejected with why, and nothing is imported unless the user leaves them out', async () => {
    const a = newCase();
    build(a);
    const text = exportText(a, { includeConfidential: true });
    const b = newCase();
    const plan = await preview(b, 'case-json', text);
    const rejected = rowsBy(plan, 'rejected');
    expect(rejected.map((r) => r.entity)).toEqual(['attachment', 'attachment']);
    expect(rejected[0]!.reason).toMatch(/bytes .* are not in this case/);
    const before = snapshot(b);
    await expect(importFile(b, 'case-json', text)).rejects.toMatchObject({
      code: 'invalid_input',
      reason: 'rejected_rows',
    });
    expect(snapshot(b)).toEqual(before);
  });
});

describe('merging a colleague’s copy', () => {
  async function twoCopies() {
    const alice = newCase({ actor: 'alice' });
    const b = build(alice);
    const bob = newCase({ actor: 'bob' });
    await importFile(bob, 'case-json', exportText(alice, { includeConfidential: true }), {
      skipRejected: true,
    });
    return { alice, bob, b };
  }

  it('adds what is new, skips what is identical or older, fast-forwards what only they changed, and keeps both assessments', async () => {
    const { alice, bob, b } = await twoCopies();
    updateClaim(alice, { id: b.claims.main, status: 'verified', confirmReason: 'Alice checked it' });
    updateClaim(bob, { id: b.claims.second, statement: 'The city paid in December 2019' });
    const bobSource = createSource(bob, {
      title: 'Procurement notice',
      kind: 'official_record',
      reliability: 'A',
    });
    addEvidence(bob, {
      claimId: b.claims.main,
      sourceId: bobSource.id,
      stance: 'supports',
      excerpt: 'cameras, Huawei',
      credibility: 1,
    });
    addAssessment(bob, {
      claimId: b.claims.main,
      likelihood: 7,
      confidence: 'high',
      rationale: 'Now a procurement notice too.',
    });
    addAssessment(alice, {
      claimId: b.claims.main,
      likelihood: 5,
      confidence: 'moderate',
      rationale: 'I still want the contract.',
    });

    const plan = await preview(alice, 'case-json', exportText(bob, { includeConfidential: true }));
    const byId = new Map(plan.rows.map((r) => [r.id, r]));
    expect(byId.get(b.claims.main)).toMatchObject({
      action: 'duplicate',
      reason: expect.stringMatching(/ours is newer/),
    });
    expect(byId.get(b.claims.second)).toMatchObject({
      action: 'update',
      reason: expect.stringMatching(/continues from ours/),
    });
    expect(byId.get(b.claims.second)!.changes?.map((ch) => ch.field)).toEqual(['statement']);
    expect(byId.get(bobSource.id)).toMatchObject({ action: 'create' });
    expect(plan.totals).toMatchObject({ create: 3, update: 1, conflict: 0 });
    await importFile(alice, 'case-json', exportText(bob, { includeConfidential: true }), {
      skipRejected: true,
    });
    expect(getClaim(alice, b.claims.main).claim.status).toBe('verified');
    expect(getClaim(alice, b.claims.second).claim.statement).toBe('The city paid in December 2019');
    const authors = getClaim(alice, b.claims.main)
      .assessments.map((x) => x.author)
      .sort();
    expect(authors).toEqual(['alice', 'alice', 'bob']);
    expect(count(alice, 'assessments')).toBe(3);
    expect(verifyChain(alice.db).ok).toBe(true);
  });

  it('a record edited in the file outside the app is a conflict, and a preserved file that names other bytes is rejected', async () => {
    const alice = newCase({ actor: 'alice' });
    const b = build(alice);
    const doc = JSON.parse(exportText(alice, { includeConfidential: true }));
    const claim = doc.records.claims.find((x: { id: string }) => x.id === b.claims.second);
    claim.statement = 'Edited by hand in the file';
    const attachment = doc.records.attachments[0];
    attachment.sha256 = 'f'.repeat(64);
    const plan = await preview(alice, 'case-json', JSON.stringify(doc));
    const byId = new Map(plan.rows.map((r) => [r.id, r]));
    // Its log verifies, but the record is not its last logged state: it does not continue from ours.
    expect(byId.get(b.claims.second)).toMatchObject({ action: 'conflict' });
    expect(byId.get(attachment.id)).toMatchObject({
      action: 'rejected',
      reason: expect.stringMatching(/never changes/),
    });
  });

  it('a file whose audit log does not verify lends its history to no merge decision', async () => {
    const { alice, bob, b } = await twoCopies();
    updateClaim(bob, { id: b.claims.second, statement: 'The city paid in December 2019' });
    const doc = JSON.parse(exportText(bob, { includeConfidential: true }));
    doc.audit.events[1].actor = 'mallory';
    const plan = await preview(alice, 'case-json', JSON.stringify(doc));
    expect(plan.notes.join(' ')).toMatch(/does NOT verify/);
    expect(plan.rows.find((r) => r.id === b.claims.second)).toMatchObject({ action: 'conflict' });
  });

  it('a record changed on both sides is a conflict: nothing is overwritten without a choice, and the choice is audited', async () => {
    const { alice, bob, b } = await twoCopies();
    updateClaim(alice, { id: b.claims.third, status: 'disputed' });
    updateClaim(bob, { id: b.claims.third, status: 'verified', tags: ['faces'] });
    const text = exportText(bob, { includeConfidential: true });
    const plan = await preview(alice, 'case-json', text);
    const [conflict] = rowsBy(plan, 'conflict');
    expect(conflict).toMatchObject({
      id: b.claims.third,
      entity: 'claim',
      reason: expect.stringMatching(/changed on both sides/),
    });
    expect(conflict!.changes).toEqual([
      { field: 'status', ours: 'disputed', theirs: 'verified' },
      { field: 'tags', ours: [], theirs: ['faces'] },
    ]);

    const before = snapshot(alice);
    await expect(importFile(alice, 'case-json', text, { skipRejected: true })).rejects.toMatchObject({
      code: 'conflict',
      fields: { [`resolutions.${b.claims.third}`]: 'choose ours or theirs' },
    });
    expect(snapshot(alice)).toEqual(before);

    const kept = await importFile(alice, 'case-json', text, {
      skipRejected: true,
      resolutions: { [b.claims.third]: 'ours' },
    });
    expect(kept.resolved).toEqual({ ours: 1, theirs: 0 });
    expect(getClaim(alice, b.claims.third).claim.status).toBe('disputed');

    const taken = await importFile(alice, 'case-json', text, {
      skipRejected: true,
      resolutions: { [b.claims.third]: 'theirs' },
    });
    expect(taken.resolved).toEqual({ ours: 0, theirs: 1 });
    expect(getClaim(alice, b.claims.third).claim).toMatchObject({ status: 'verified', tags: ['faces'] });
    const events = alice.db
      .prepare("SELECT action, payload FROM audit_log WHERE action IN ('resolve', 'import') ORDER BY seq")
      .all() as { action: string; payload: string }[];
    // Keeping ours writes no record; the import event says which was chosen. Taking theirs is a `resolve` event.
    expect(events.map((e) => e.action)).toEqual(['import', 'resolve', 'import']);
    expect(JSON.parse(events[0]!.payload).resolutions).toEqual({ [b.claims.third]: 'ours' });
    expect(JSON.parse(events[2]!.payload).resolutions).toEqual({ [b.claims.third]: 'theirs' });
  });

  it('refuses when the case changed since the preview (the plan is no longer the one shown)', async () => {
    const { alice, bob, b } = await twoCopies();
    updateClaim(bob, { id: b.claims.third, status: 'verified' });
    const text = exportText(bob, { includeConfidential: true });
    const plan = await preview(alice, 'case-json', text);
    expect(rowsBy(plan, 'update')).toHaveLength(1);
    updateClaim(alice, { id: b.claims.third, status: 'disputed' });
    const before = snapshot(alice);
    await expect(
      importFile(alice, 'case-json', text, { skipRejected: true, expectedPlanId: plan.planId }),
    ).rejects.toMatchObject({
      code: 'conflict',
      reason: 'plan_changed',
    });
    expect(snapshot(alice)).toEqual(before);
  });

  it('the same party recorded by both under different ids stays one party', async () => {
    const { alice, bob } = await twoCopies();
    const deal = loadCase(alice).deal[0]!;
    const actor = createActor(alice, { name: 'Integrator LLC', kind: 'company' });
    await importFile(bob, 'case-json', exportText(alice, { includeConfidential: true }), {
      skipRejected: true,
    });
    const withIntermediary = (x: CaseFile) => {
      const current = loadCase(x)
        .deal_party.filter((p) => !p.deletedAt)
        .map((p) => ({ actorId: p.actorId, role: p.role }));
      setParties(x, { dealId: deal.id, parties: [...current, { actorId: actor.id, role: 'intermediary' }] });
    };
    withIntermediary(alice);
    withIntermediary(bob);
    const plan = await preview(alice, 'case-json', exportText(bob, { includeConfidential: true }));
    const party = plan.rows.filter((r) => r.entity === 'deal_party' && r.action !== 'duplicate');
    expect(party).toEqual([]);
    const bobsParty = plan.rows.find(
      (r) => r.entity === 'deal_party' && r.reason?.includes('already has this intermediary'),
    );
    expect(bobsParty).toBeDefined();
  });
});
