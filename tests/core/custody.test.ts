// Chain of custody: a checkpoint taken today must still be found, unchanged, in the history an
// auditor checks later — and a history rewritten or rolled back behind it must be caught, by seq.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createActor, updateActor } from '../../electron/core/actors';
import { addAttachment, CHUNK_SIZE } from '../../electron/core/attachments';
import { canonicalEvent, chainHash } from '../../electron/core/audit';
import { createClaim } from '../../electron/core/claims';
import {
  parseCheckpointText,
  renderCheckpoint,
  takeCheckpoint,
  verifyAudit,
} from '../../electron/core/custody';
import type { CaseFile } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { integrityProgress, runIntegrity } from '../../electron/core/integrity/run-integrity';
import { createSource } from '../../electron/core/sources';
import type { IntegrityProgress } from '../../electron/schema/custody';
import {
  useTempCases as cleanUpTempCases,
  eventCount,
  newCase,
  reopenCase,
  snapshot,
} from '../support/temp-case';

// Registers the clean-up of temp folders and open cases after each test.
cleanUpTempCases();

/** A case with some history: a few records and edits. */
function caseWithHistory(): CaseFile {
  const c = newCase({ name: 'Central Asia exports' });
  const actor = createActor(c, { name: 'Oniks-Line', kind: 'company' });
  createClaim(c, { statement: 'Oniks-Line supplied SORM equipment' });
  updateActor(c, { id: actor.id, country: 'Russia' });
  return c;
}

function moreHistory(c: CaseFile, n = 3): void {
  for (let i = 0; i < n; i++) createClaim(c, { statement: `Later claim ${i}` });
}

/** Closes the case, changes its audit log through raw SQL, and reopens it. */
function tamper(c: CaseFile, change: (raw: Database.Database) => void): CaseFile {
  const path = c.path;
  c.close();
  const raw = new Database(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(raw);
  raw.close();
  return reopenCase(path);
}

type Row = Parameters<typeof canonicalEvent>[0] & { prev_hash: string; hash: string };

/** A careful forger: changes one event's payload and recomputes every hash after it, so the chain itself is consistent. */
function forge(raw: Database.Database, seq: number, payload: unknown): void {
  raw.prepare('UPDATE audit_log SET payload = ? WHERE seq = ?').run(JSON.stringify(payload), seq);
  const rows = raw.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq - 1) as Row[];
  const update = raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = rows[0]!.seq === seq ? rows[0]!.prev_hash : rows.shift()!.hash;
  for (const row of rows) {
    const hash = chainHash(prev, canonicalEvent(row));
    update.run(prev, hash, row.seq);
    prev = hash;
  }
}

describe('checkpoint', () => {
  it('records the case, the audit head and the counts, and prints them', () => {
    const c = caseWithHistory();
    const head = c.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    const cp = takeCheckpoint(c);
    expect(cp).toMatchObject({
      format: 'corroborate-checkpoint/1',
      caseId: c.meta.caseId,
      caseName: 'Central Asia exports',
      seq: head.seq,
      headHash: head.hash,
      counts: { actors: 1, claims: 1, deals: 0, auditEvents: head.seq },
    });
    expect(Date.parse(cp.at)).not.toBeNaN();
    expect(cp.text).toBe(renderCheckpoint(cp));
    expect(cp.text).toContain(`Case id:     ${c.meta.caseId}`);
    expect(cp.text).toContain(`Event:       ${head.seq}`);
    // The hash is printed in groups of four, all of it.
    expect(cp.text.replace(/[^0-9a-f]/g, '')).toContain(head.hash);
    expect(cp.text.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('reads back from its text, from JSON, and with Windows line ends', () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    const wanted = { caseId: cp.caseId, seq: cp.seq, headHash: cp.headHash, at: cp.at };
    expect(parseCheckpointText(cp.text)).toMatchObject(wanted);
    expect(parseCheckpointText(cp.text.replace(/\n/g, '\r\n'))).toMatchObject(wanted);
    expect(parseCheckpointText(JSON.stringify(cp))).toMatchObject(wanted);
  });

  it.each([
    ['an empty file', ''],
    ['another text', 'Dear colleague, here is the case.'],
    ['a cut-off hash', 'Case id: x\nEvent: 3\nHead hash: abcd 1234\n'],
    ['broken JSON', '{"caseId": '],
  ])('refuses %s, naming checkpointText', (_name, text) => {
    try {
      parseCheckpointText(text);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe('invalid_input');
      expect((error as CoreError).fields).toHaveProperty('checkpointText');
    }
  });
});

describe('audit.verify against an earlier checkpoint', () => {
  it('passes after later edits: the checkpoint is still in the history, unchanged', async () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    moreHistory(c, 4);
    const result = await verifyAudit(c, { checkpointText: cp.text });
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(eventCount(c));
    expect(result.checkpoint).toMatchObject({ ok: true, seq: cp.seq });
    expect(result.checkpoint!.message).toContain('4 events have been added since');
  });

  it('without a checkpoint: the chain alone', async () => {
    const c = caseWithHistory();
    expect(await verifyAudit(c, {})).toMatchObject({ ok: true, checked: eventCount(c), checkpoint: null });
  });

  it('a history rewritten (and re-hashed) before the checkpoint fails at the checkpoint’s seq', async () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    moreHistory(c);
    // Event 2 claimed the actor was someone else; every later hash recomputed to match.
    const forged = tamper(c, (raw) => forge(raw, 2, { name: 'Someone else', kind: 'company' }));
    const result = await verifyAudit(forged, { checkpoint: cp });
    // The chain is self-consistent: only the checkpoint can tell.
    expect(result).toMatchObject({ ok: false, brokenAt: cp.seq, checkpoint: { ok: false, seq: cp.seq } });
    if (result.ok) throw new Error('unreachable');
    expect(result.reason).toContain(`Event ${cp.seq} no longer has the hash`);
    expect(result.reason).toContain('rewritten');
  });

  it('a clumsy rewrite (not re-hashed) fails at the event that was changed', async () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    const forged = tamper(c, (raw) =>
      raw.prepare('UPDATE audit_log SET payload = ? WHERE seq = 2').run('{"name":"x"}'),
    );
    const result = await verifyAudit(forged, { checkpoint: cp });
    expect(result).toMatchObject({ ok: false, brokenAt: 2, checkpoint: { ok: false } });
    expect(result.checkpoint!.message).toContain('broken at event 2');
  });

  it('a history rolled back to before the checkpoint fails, naming the checkpoint’s seq and where it now ends', async () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    moreHistory(c);
    const keep = cp.seq - 2;
    const rolled = tamper(c, (raw) => raw.prepare('DELETE FROM audit_log WHERE seq > ?').run(keep));
    const result = await verifyAudit(rolled, { checkpoint: cp });
    expect(result).toMatchObject({ ok: false, brokenAt: cp.seq });
    if (result.ok) throw new Error('unreachable');
    expect(result.reason).toContain(`ends at event ${keep}, before the checkpoint's event ${cp.seq}`);
  });

  it('an event removed from the middle fails at that seq', async () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    const cut = tamper(c, (raw) => raw.prepare('DELETE FROM audit_log WHERE seq = 2').run());
    expect(await verifyAudit(cut, { checkpoint: cp })).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('events removed after the checkpoint break the chain but not the checkpoint', async () => {
    const c = caseWithHistory();
    const cp = takeCheckpoint(c);
    moreHistory(c, 3);
    const cut = tamper(c, (raw) => raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(cp.seq + 2));
    expect(await verifyAudit(cut, { checkpoint: cp })).toMatchObject({
      ok: false,
      brokenAt: cp.seq + 2,
      checkpoint: { ok: true },
    });
  });

  it('a checkpoint of another case does not pass', async () => {
    const a = caseWithHistory();
    const b = caseWithHistory();
    const result = await verifyAudit(b, { checkpoint: takeCheckpoint(a) });
    expect(result).toMatchObject({ ok: false, checkpoint: { ok: false } });
    expect(result.checkpoint!.message).toContain('belongs to another case');
  });
});

describe('verify case integrity', () => {
  function caseWithAttachments() {
    const c = caseWithHistory();
    const source = createSource(c, { title: 'Leak', kind: 'leak', reliability: 'C' });
    addAttachment(c, {
      sourceId: source.id,
      fileName: 'memo.pdf',
      bytesBase64: randomBytes(500).toString('base64'),
    });
    const big = addAttachment(c, {
      sourceId: source.id,
      fileName: 'call-recording.m4a',
      bytesBase64: randomBytes(4 * CHUNK_SIZE).toString('base64'),
    }).attachment;
    return { c, big };
  }

  it('passes on a healthy case, with progress to the end, and changes nothing', async () => {
    const { c } = caseWithAttachments();
    const cp = takeCheckpoint(c);
    moreHistory(c);
    const before = snapshot(c);
    const seen: IntegrityProgress[] = [];
    const report = await runIntegrity(c, { checkpointText: cp.text }, { onProgress: (p) => seen.push(p) });
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.step, s.ok, s.skipped])).toEqual([
      ['sidecars', true, false],
      ['database', true, false],
      ['foreign_keys', true, false],
      ['audit', true, false],
      ['checkpoint', true, false],
      ['records', true, false],
      ['verdicts', true, false],
      ['search', true, false],
      ['attachments', true, false],
    ]);
    expect(report).toMatchObject({
      caseId: c.meta.caseId,
      caseName: 'Central Asia exports',
      fileName: 'test.evidence',
    });
    expect(report.text).toContain('RESULT: PASSED');
    expect(report.text).toContain('Every attachment (2) still matches');
    // Progress moves forward through every step and ends at 100 %.
    expect(new Set(seen.map((p) => p.step))).toEqual(
      new Set([
        'sidecars',
        'database',
        'foreign_keys',
        'audit',
        'checkpoint',
        'records',
        'verdicts',
        'search',
        'attachments',
      ]),
    );
    const fractions = seen.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
    expect(snapshot(c)).toEqual(before);
  });

  it('without a checkpoint, that step is skipped and says so', async () => {
    const c = caseWithHistory();
    const report = await runIntegrity(c, {});
    expect(report.ok).toBe(true);
    expect(report.steps.find((s) => s.step === 'checkpoint')).toMatchObject({ ok: true, skipped: true });
    expect(report.text).toContain('[SKIPPED] Checkpoint');
  });

  it('fails naming every problem: a damaged attachment and a rewritten history', async () => {
    const { c, big } = caseWithAttachments();
    const cp = takeCheckpoint(c);
    const bad = tamper(c, (raw) => {
      raw.exec('DROP TRIGGER blob_chunks_no_update');
      raw
        .prepare('UPDATE blob_chunks SET data = ? WHERE sha256 = ? AND seq = 2')
        .run(randomBytes(CHUNK_SIZE), big.sha256);
      forge(raw, 3, { statement: 'A different claim' });
    });
    const report = await runIntegrity(bad, { checkpoint: cp });
    expect(report.ok).toBe(false);
    const byStep = Object.fromEntries(report.steps.map((s) => [s.step, s]));
    expect(byStep.database!.ok).toBe(true);
    expect(byStep.audit!.ok).toBe(true);
    expect(byStep.checkpoint).toMatchObject({ ok: false });
    expect(byStep.checkpoint!.problems[0]).toContain(`Event ${cp.seq}`);
    expect(byStep.attachments).toMatchObject({ ok: false });
    expect(byStep.attachments!.problems).toHaveLength(1);
    expect(byStep.attachments!.problems[0]).toContain('"call-recording.m4a"');
    // The rewritten event also no longer states the claim as it is: the deep step names it too.
    expect(byStep.records).toMatchObject({ ok: false });
    expect(byStep.records!.problems[0]).toContain('differs from its last recorded change (statement)');
    expect(report.text).toContain('RESULT: FAILED. 3 problems found');
    expect(report.text).toContain('[FAILED ] Attachments');
    expect(report.text).toContain('[FAILED ] Checkpoint');
  });

  it('can be followed by polling while it runs, and is not run twice at once', async () => {
    const { c } = caseWithAttachments();
    expect(integrityProgress(c)).toBeNull();
    const polled: (IntegrityProgress | null)[] = [];
    let second: Promise<unknown> | null = null;
    const report = await runIntegrity(
      c,
      {},
      {
        onProgress: () => {
          polled.push(integrityProgress(c));
          second ??= runIntegrity(c, {}).then(
            () => 'ran',
            (error: unknown) => (error as CoreError).code,
          );
        },
      },
    );
    expect(report.ok).toBe(true);
    expect(polled.every((p) => p !== null)).toBe(true);
    expect(await second).toBe('conflict');
    expect(integrityProgress(c)).toBeNull();
  });
});
