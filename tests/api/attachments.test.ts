// Attachments and the chain of custody through the contract, as the renderer and the host call
// them: JSON in, Result out, bytes as base64.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { callOn } from '../../electron/api/create-api';
import { CHUNK_SIZE } from '../../electron/core/attachments';
import type { CaseFile } from '../../electron/core/db';
import type {
  Attachment,
  AttachmentAdded,
  AttachmentContent,
  AttachmentVerification,
} from '../../electron/schema/attachments';
import { ATTACHMENT_INLINE_MAX } from '../../electron/schema/attachments';
import type {
  AuditVerification,
  CheckpointRecord,
  IntegrityProgress,
  IntegrityReport,
} from '../../electron/schema/custody';
import type { Result } from '../../electron/schema/result';
import { useTempCases as cleanUpTempCases, newApi, reopenCase, sha256, snapshot } from '../support/temp-case';

// Registers the clean-up of temp folders and open cases after each test.
cleanUpTempCases();

async function ok<T>(file: CaseFile, method: string, input: unknown): Promise<T> {
  const result = await callOn(file, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function refused(
  file: CaseFile,
  method: string,
  input: unknown,
): Promise<Extract<Result<unknown>, { ok: false }>['error']> {
  const result = await callOn(file, method, input);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

async function caseWithSource() {
  const { file } = newApi();
  const source = await ok<{ id: string }>(file, 'sources.create', {
    title: 'Leaked tender',
    kind: 'leak',
    reliability: 'C',
  });
  return { file, sourceId: source.id };
}

describe('attachments through the contract', () => {
  it('add, list, get: the bytes come back exactly', async () => {
    const { file, sourceId } = await caseWithSource();
    const bytes = randomBytes(CHUNK_SIZE + 1234);
    const added = await ok<AttachmentAdded>(file, 'attachments.add', {
      sourceId,
      fileName: 'tender.pdf',
      mediaType: 'Application/PDF',
      bytesBase64: bytes.toString('base64'),
    });
    expect(added).toMatchObject({
      deduplicated: false,
      attachment: {
        sourceId,
        fileName: 'tender.pdf',
        mediaType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
      },
    });
    expect(await ok<Attachment[]>(file, 'attachments.list', { sourceId })).toEqual([added.attachment]);
    const got = await ok<AttachmentContent>(file, 'attachments.get', { id: added.attachment.id });
    expect(got.complete).toBe(true);
    expect(Buffer.from(got.bytesBase64, 'base64').equals(bytes)).toBe(true);
  });

  it('a file read back in ranges, as a client downloads a large one, reassembles exactly', async () => {
    const { file, sourceId } = await caseWithSource();
    const bytes = randomBytes(3 * CHUNK_SIZE + 77);
    const { attachment } = await ok<AttachmentAdded>(file, 'attachments.add', {
      sourceId,
      fileName: 'scan.tiff',
      bytesBase64: bytes.toString('base64'),
    });
    const parts: Buffer[] = [];
    for (let offset = 0, done = false; !done; ) {
      const part = await ok<AttachmentContent>(file, 'attachments.get', {
        id: attachment.id,
        offset,
        length: 1_000_000,
      });
      parts.push(Buffer.from(part.bytesBase64, 'base64'));
      offset += part.length;
      done = part.complete;
    }
    expect(parts.length).toBe(4);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('the same bytes for two sources: stored once, linked twice', async () => {
    const { file, sourceId } = await caseWithSource();
    const other = await ok<{ id: string }>(file, 'sources.create', {
      title: 'Court file',
      kind: 'court_record',
      reliability: 'A',
    });
    const bytesBase64 = randomBytes(5000).toString('base64');
    const first = await ok<AttachmentAdded>(file, 'attachments.add', {
      sourceId,
      fileName: 'a.pdf',
      bytesBase64,
    });
    const second = await ok<AttachmentAdded>(file, 'attachments.add', {
      sourceId: other.id,
      fileName: 'b.pdf',
      bytesBase64,
    });
    expect([first.deduplicated, second.deduplicated]).toEqual([false, true]);
    expect(file.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
    expect(await ok<Attachment[]>(file, 'attachments.list', { sourceId: other.id })).toEqual([
      second.attachment,
    ]);
  });

  it('refuses what it must, changing nothing', async () => {
    const { file, sourceId } = await caseWithSource();
    const before = snapshot(file);
    const tooBig = 'A'.repeat(Math.ceil(ATTACHMENT_INLINE_MAX / 3) * 4 + 4);
    expect(
      (await refused(file, 'attachments.add', { sourceId, fileName: 'big.bin', bytesBase64: tooBig })).fields,
    ).toHaveProperty('bytesBase64');
    expect(
      (await refused(file, 'attachments.add', { sourceId, fileName: 'a/b.pdf', bytesBase64: '' })).fields,
    ).toHaveProperty('fileName');
    await ok(file, 'sources.remove', { id: sourceId });
    const afterRemove = snapshot(file);
    expect(
      await refused(file, 'attachments.add', { sourceId, fileName: 'a.pdf', bytesBase64: '' }),
    ).toMatchObject({
      code: 'not_found',
      fields: { sourceId: expect.any(String) },
    });
    expect(snapshot(file)).toEqual(afterRemove);
    expect(before.counts.attachments).toBe(0);
    expect(
      await refused(file, 'attachments.get', { id: '0190a6b2-0000-7000-8000-000000000000' }),
    ).toMatchObject({ code: 'not_found' });
  });

  it('verify: all good, then one chunk corrupted is reported by name', async () => {
    const { file, sourceId } = await caseWithSource();
    await ok(file, 'attachments.add', {
      sourceId,
      fileName: 'memo.pdf',
      bytesBase64: randomBytes(900).toString('base64'),
    });
    const { attachment } = await ok<AttachmentAdded>(file, 'attachments.add', {
      sourceId,
      fileName: 'recording.wav',
      bytesBase64: randomBytes(2 * CHUNK_SIZE).toString('base64'),
    });
    expect(await ok<AttachmentVerification>(file, 'attachments.verify', {})).toMatchObject({
      ok: true,
      checked: 2,
      problems: [],
    });

    const path = file.path;
    file.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER blob_chunks_no_update');
    raw
      .prepare('UPDATE blob_chunks SET data = zeroblob(length(data)) WHERE sha256 = ? AND seq = 0')
      .run(attachment.sha256);
    raw.close();
    const reopened = reopenCase(path);

    const all = await ok<AttachmentVerification>(reopened, 'attachments.verify', {});
    expect(all).toMatchObject({ ok: false, checked: 2 });
    expect(all.problems.map((p) => [p.attachmentId, p.fileName])).toEqual([[attachment.id, 'recording.wav']]);
    const one = await ok<AttachmentVerification>(reopened, 'attachments.verify', { id: attachment.id });
    expect(one.problems[0]!.message).toContain('"recording.wav"');
  });
});

describe('chain of custody through the contract', () => {
  it('checkpoint, later edits, verify against its text: passes', async () => {
    const { file, sourceId } = await caseWithSource();
    const cp = await ok<CheckpointRecord>(file, 'audit.checkpoint', {});
    expect(cp.text).toContain(cp.caseId);
    await ok(file, 'sources.update', { id: sourceId, title: 'Leaked tender (2019)' });
    const result = await ok<AuditVerification>(file, 'audit.verify', { checkpointText: cp.text });
    expect(result).toMatchObject({ ok: true, checkpoint: { ok: true, seq: cp.seq } });
    // The record the call returned is accepted back as is, text and counts included.
    expect(await ok<AuditVerification>(file, 'audit.verify', { checkpoint: cp })).toMatchObject({ ok: true });
  });

  it('a checkpoint that cannot be read is refused, naming it', async () => {
    const { file } = await caseWithSource();
    expect(await refused(file, 'audit.verify', { checkpointText: 'hello' })).toMatchObject({
      code: 'invalid_input',
      fields: { checkpointText: expect.stringContaining('not a checkpoint') },
    });
  });

  it('case.verifyIntegrity reports in plain words, and its progress can be polled while it runs', async () => {
    const { file, sourceId } = await caseWithSource();
    await ok(file, 'attachments.add', {
      sourceId,
      fileName: 'memo.pdf',
      bytesBase64: randomBytes(900).toString('base64'),
    });
    const cp = await ok<CheckpointRecord>(file, 'audit.checkpoint', {});
    expect(await ok<IntegrityProgress | null>(file, 'case.integrityProgress', {})).toBeNull();

    const running = callOn(file, 'case.verifyIntegrity', { checkpointText: cp.text });
    const during = await ok<IntegrityProgress | null>(file, 'case.integrityProgress', {});
    expect(during).toMatchObject({ step: expect.any(String), fraction: expect.any(Number) });
    const again = await refused(file, 'case.verifyIntegrity', {});
    expect(again.code).toBe('conflict');

    const result = await running;
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value as IntegrityReport;
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.step)).toEqual([
      'sidecars',
      'database',
      'foreign_keys',
      'audit',
      'checkpoint',
      'records',
      'verdicts',
      'search',
      'attachments',
    ]);
    expect(report.steps.every((s) => s.ok && !s.skipped)).toBe(true);
    expect(report.text).toContain('RESULT: PASSED');
    expect(await ok<IntegrityProgress | null>(file, 'case.integrityProgress', {})).toBeNull();
  });
});
