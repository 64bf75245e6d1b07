// Preserved copies: what goes in comes out byte for byte, whatever the size; the same bytes are
// kept once; and damage to stored bytes is found and named.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  addAttachment,
  addAttachmentFromFile,
  addAttachmentFromStream,
  attachmentChunks,
  CHUNK_SIZE,
  exportAttachment,
  getAttachment,
  listAttachments,
  verifyAttachments,
} from '../../electron/core/attachments';
import type { CaseFile } from '../../electron/core/db';
import { CoreError } from '../../electron/core/errors';
import { createSource, removeSource } from '../../electron/core/sources';
import type { Source } from '../../electron/schema/records';
import {
  useTempCases as cleanUpTempCases,
  coreError,
  eventCount,
  expectInvalid,
  newCase,
  reopenCase,
  sha256,
  snapshot,
  tempDir,
} from '../support/temp-case';

// Registers the clean-up of temp folders and open cases after each test.
cleanUpTempCases();

const b64 = (bytes: Buffer) => bytes.toString('base64');

function withSource(): { c: CaseFile; source: Source } {
  const c = newCase();
  return { c, source: createSource(c, { title: 'Leaked contract', kind: 'leak', reliability: 'C' }) };
}

/** Every byte of an attachment, read back the way the app exports it (chunk by chunk). */
function readBack(c: CaseFile, id: string): Buffer {
  return Buffer.concat([...attachmentChunks(c, id)]);
}

async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a CoreError, but the call succeeded');
}

describe('attachments: round trip', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['small', Buffer.from('%PDF-1.7 a small preserved file\n')],
    ['exactly one chunk', randomBytes(CHUNK_SIZE)],
    ['one byte over a chunk', randomBytes(CHUNK_SIZE + 1)],
    ['bytes that are not text', Buffer.from([0, 255, 0xfe, 0xff, 0x0d, 0x0a, 0x1a, 0])],
  ])('%s: the bytes come back exactly, with their size and sha256', (_name, bytes) => {
    const { c, source } = withSource();
    const { attachment, deduplicated } = addAttachment(c, {
      sourceId: source.id,
      fileName: 'contract.pdf',
      mediaType: 'application/pdf',
      bytesBase64: b64(bytes),
    });
    expect(deduplicated).toBe(false);
    expect(attachment).toMatchObject({
      sourceId: source.id,
      fileName: 'contract.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      addedBy: 'tester',
      deletedAt: null,
    });
    expect(readBack(c, attachment.id).equals(bytes)).toBe(true);
    const got = getAttachment(c, { id: attachment.id });
    expect(Buffer.from(got.bytesBase64, 'base64').equals(bytes)).toBe(true);
    expect(got).toMatchObject({ offset: 0, length: bytes.length, complete: true, attachment });
  });

  it('reads any range, across chunk boundaries, and refuses one past the end', () => {
    const { c, source } = withSource();
    const bytes = randomBytes(2 * CHUNK_SIZE + 100);
    const { attachment } = addAttachment(c, {
      sourceId: source.id,
      fileName: 'scan.tiff',
      bytesBase64: b64(bytes),
    });
    for (const [offset, length] of [
      [0, 10],
      [CHUNK_SIZE - 5, 10],
      [CHUNK_SIZE, CHUNK_SIZE],
      [2 * CHUNK_SIZE + 90, 10],
      [2 * CHUNK_SIZE + 90, 1000],
    ] as const) {
      const got = getAttachment(c, { id: attachment.id, offset, length });
      expect(Buffer.from(got.bytesBase64, 'base64').equals(bytes.subarray(offset, offset + length))).toBe(
        true,
      );
      expect(got.complete).toBe(offset + length >= bytes.length);
    }
    expect(
      coreError(() => getAttachment(c, { id: attachment.id, offset: bytes.length + 1 }), 'invalid_input')
        .fields,
    ).toHaveProperty('offset');
  });

  it('a large file (256 MB), streamed in uneven pieces, round-trips while memory stays bounded', {
    timeout: 120_000,
  }, async () => {
    const { c, source } = withSource();
    const SIZE = 256 * 1024 * 1024;
    const block = randomBytes(CHUNK_SIZE);
    // Pieces of an odd size, with a reused buffer, as a network or file stream might deliver.
    const pieces = function* () {
      const piece = Buffer.alloc(64 * 1024 + 13);
      for (let sent = 0, i = 0; sent < SIZE; i++) {
        const n = Math.min(piece.length, SIZE - sent);
        const from = (i * 7919) % (block.length - n);
        block.copy(piece, 0, from, from + n);
        piece.writeUInt32LE(i, 0);
        sent += n;
        yield piece.subarray(0, n);
      }
    };
    const expected = createHash('sha256');
    for (const piece of pieces()) expected.update(piece);
    const expectedSha = expected.digest('hex');

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    async function* stream() {
      for (const piece of pieces()) {
        sample();
        yield piece;
      }
    }
    const t0 = performance.now();
    const { attachment } = await addAttachmentFromStream(
      c,
      { sourceId: source.id, fileName: 'interview.mp4', mediaType: 'video/mp4' },
      stream(),
      {
        onProgress: sample,
      },
    );
    const addMs = performance.now() - t0;
    expect(attachment).toMatchObject({ size: SIZE, sha256: expectedSha });

    const t1 = performance.now();
    const back = createHash('sha256');
    let size = 0;
    for (const chunk of attachmentChunks(c, attachment.id)) {
      back.update(chunk);
      size += chunk.length;
      sample();
    }
    const readMs = performance.now() - t1;
    expect(size).toBe(SIZE);
    expect(back.digest('hex')).toBe(expectedSha);

    const t2 = performance.now();
    expect(await verifyAttachments(c, { id: attachment.id })).toMatchObject({
      ok: true,
      checked: 1,
      bytes: SIZE,
    });
    const verifyMs = performance.now() - t2;

    // Never the whole file in memory: growth stays well under its 256 MB.
    const growthMb = (peak - baseline) / 2 ** 20;
    expect(growthMb).toBeLessThan(96);
    const mbps = (ms: number) => ((SIZE / 2 ** 20 / ms) * 1000).toFixed(0);
    console.info(
      `256 MB attachment: add ${addMs.toFixed(0)} ms (${mbps(addMs)} MB/s), read ${readMs.toFixed(0)} ms (${mbps(readMs)} MB/s), ` +
        `verify ${verifyMs.toFixed(0)} ms (${mbps(verifyMs)} MB/s); peak memory growth ${growthMb.toFixed(0)} MB`,
    );
  });

  it('adds a file from disk by streaming it, named after the file', async () => {
    const { c, source } = withSource();
    const path = join(tempDir(), 'minutes 2019.docx');
    const bytes = randomBytes(3 * CHUNK_SIZE + 17);
    writeFileSync(path, bytes);
    const { attachment } = await addAttachmentFromFile(c, { sourceId: source.id }, path);
    expect(attachment).toMatchObject({
      fileName: 'minutes 2019.docx',
      mediaType: 'application/octet-stream',
      size: bytes.length,
    });
    expect(readBack(c, attachment.id).equals(bytes)).toBe(true);
    expect(
      (await rejection(addAttachmentFromFile(c, { sourceId: source.id }, join(tempDir(), 'gone.pdf')))).code,
    ).toBe('not_found');
  });

  it('exports to a file, byte-identical', async () => {
    const { c, source } = withSource();
    const bytes = randomBytes(CHUNK_SIZE * 2 + 3);
    const { attachment } = addAttachment(c, {
      sourceId: source.id,
      fileName: 'a.bin',
      bytesBase64: b64(bytes),
    });
    const target = join(tempDir(), 'copy.bin');
    writeFileSync(target, '', { flag: 'wx' }); // claimed, as the save dialog's caller does
    expect(await exportAttachment(c, attachment.id, target)).toEqual({
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  it('lists a source’s attachments, oldest first', () => {
    const { c, source } = withSource();
    const a = addAttachment(c, {
      sourceId: source.id,
      fileName: 'a.txt',
      bytesBase64: b64(Buffer.from('a')),
    }).attachment;
    const b = addAttachment(c, {
      sourceId: source.id,
      fileName: 'b.txt',
      bytesBase64: b64(Buffer.from('b')),
    }).attachment;
    expect(listAttachments(c, { sourceId: source.id })).toEqual([a, b]);
  });
});

describe('attachments: the same bytes twice', () => {
  it('are stored once, both links kept, each link audited', () => {
    const { c, source } = withSource();
    const other = createSource(c, { title: 'Court filing', kind: 'court_record', reliability: 'A' });
    const bytes = randomBytes(CHUNK_SIZE + 500);
    const first = addAttachment(c, {
      sourceId: source.id,
      fileName: 'contract.pdf',
      bytesBase64: b64(bytes),
    });
    const blobsBefore = snapshot(c).counts;
    const events = eventCount(c);
    const second = addAttachment(c, {
      sourceId: other.id,
      fileName: 'exhibit-4.pdf',
      bytesBase64: b64(bytes),
    });

    expect(first.deduplicated).toBe(false);
    expect(second.deduplicated).toBe(true);
    expect(second.attachment.sha256).toBe(first.attachment.sha256);
    const after = snapshot(c).counts;
    expect(after.blobs).toBe(blobsBefore.blobs);
    expect(after.blob_chunks).toBe(blobsBefore.blob_chunks);
    expect(after.attachments).toBe(2);
    expect(eventCount(c)).toBe(events + 1);
    const audited = c.db
      .prepare("SELECT entity_id, payload FROM audit_log WHERE entity = 'attachment' ORDER BY seq")
      .all() as { entity_id: string; payload: string }[];
    expect(audited.map((e) => e.entity_id)).toEqual([first.attachment.id, second.attachment.id]);
    expect(JSON.parse(audited[1]!.payload)).toMatchObject({
      fileName: 'exhibit-4.pdf',
      sha256: sha256(bytes),
      sourceId: other.id,
    });
    expect(readBack(c, second.attachment.id).equals(bytes)).toBe(true);
  });
});

describe('attachments: refused', () => {
  it.each([
    ['fileName', { fileName: '../../etc/passwd' }],
    ['fileName', { fileName: 'C:\\Users\\me\\secret.pdf' }],
    ['fileName', { fileName: '' }],
    ['fileName', { fileName: 'line\nbreak.pdf' }],
    ['mediaType', { mediaType: 'not a type' }],
    ['bytesBase64', { bytesBase64: 'not base64!' }],
    ['bytesBase64', { bytesBase64: 'abc' }],
    ['sourceId', { sourceId: 'nope' }],
  ])('a bad %s, naming it and changing nothing', (field, change) => {
    const { c, source } = withSource();
    const input = { sourceId: source.id, fileName: 'a.pdf', bytesBase64: b64(Buffer.from('x')), ...change };
    expectInvalid(c, () => addAttachment(c, input), field);
  });

  it('a source that is removed or unknown', () => {
    const { c, source } = withSource();
    removeSource(c, { id: source.id });
    const before = snapshot(c);
    const error = coreError(
      () => addAttachment(c, { sourceId: source.id, fileName: 'a.pdf', bytesBase64: '' }),
      'not_found',
    );
    expect(error.fields).toHaveProperty('sourceId');
    expect(snapshot(c)).toEqual(before);
  });

  it('a stream that fails half-way records nothing and leaves nothing staged', async () => {
    const { c, source } = withSource();
    const before = snapshot(c);
    async function* broken() {
      yield randomBytes(CHUNK_SIZE * 2);
      throw new Error('connection reset');
    }
    await expect(
      addAttachmentFromStream(c, { sourceId: source.id, fileName: 'x.bin' }, broken()),
    ).rejects.toThrow('connection reset');
    expect(snapshot(c)).toEqual(before);
    expect(c.db.prepare('SELECT count(*) FROM temp.cb_upload_chunks').pluck().get()).toBe(0);
  });
});

describe('attachments: verification', () => {
  /** A case with two attachments, closed, then damaged through raw SQL as an attacker or a bad disk would. */
  function damaged(damage: (raw: Database.Database, sha: string) => void) {
    const { c, source } = withSource();
    const good = addAttachment(c, {
      sourceId: source.id,
      fileName: 'good.pdf',
      bytesBase64: b64(randomBytes(1000)),
    }).attachment;
    const bad = addAttachment(c, {
      sourceId: source.id,
      fileName: 'interview-recording.m4a',
      bytesBase64: b64(randomBytes(3 * CHUNK_SIZE)),
    }).attachment;
    const path = c.path;
    c.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER blob_chunks_no_update');
    damage(raw, bad.sha256);
    raw.close();
    return { c: reopenCase(path), good, bad };
  }

  it('a healthy case verifies, one attachment or all', async () => {
    const { c, source } = withSource();
    const a = addAttachment(c, {
      sourceId: source.id,
      fileName: 'a.pdf',
      bytesBase64: b64(randomBytes(2000)),
    }).attachment;
    addAttachment(c, {
      sourceId: source.id,
      fileName: 'b.pdf',
      bytesBase64: b64(randomBytes(CHUNK_SIZE + 1)),
    });
    expect(await verifyAttachments(c, { id: a.id })).toEqual({
      ok: true,
      checked: 1,
      bytes: 2000,
      problems: [],
    });
    expect(await verifyAttachments(c, {})).toMatchObject({ ok: true, checked: 2, problems: [] });
  });

  it('one chunk corrupted through raw SQL is reported, naming the attachment', async () => {
    const { c, good, bad } = damaged((raw, sha) => {
      raw
        .prepare('UPDATE blob_chunks SET data = ? WHERE sha256 = ? AND seq = 1')
        .run(randomBytes(CHUNK_SIZE), sha);
    });
    const result = await verifyAttachments(c, {});
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(2);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({
      attachmentId: bad.id,
      fileName: 'interview-recording.m4a',
      expectedSha256: bad.sha256,
    });
    expect(problem!.actualSha256).not.toBe(bad.sha256);
    expect(problem!.message).toContain('"interview-recording.m4a"');
    expect(problem!.message).toContain(bad.id);
    expect(await verifyAttachments(c, { id: good.id })).toMatchObject({ ok: true });

    // The damaged bytes are not handed out as the original.
    const target = join(tempDir(), 'out.m4a');
    writeFileSync(target, '', { flag: 'wx' });
    expect((await rejection(exportAttachment(c, bad.id, target))).code).toBe('integrity');
    expect(existsSync(target)).toBe(false);
    // A file that is already there is never written over.
    const existing = join(tempDir(), 'existing.m4a');
    writeFileSync(existing, 'keep me');
    expect((await rejection(exportAttachment(c, good.id, existing))).code).toBe('conflict');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
  });

  it.each([
    [
      'a missing chunk',
      (raw: Database.Database, sha: string) =>
        raw.prepare('DELETE FROM blob_chunks WHERE sha256 = ? AND seq = 1').run(sha),
      'part 2',
    ],
    [
      'a truncated chunk',
      (raw: Database.Database, sha: string) =>
        raw
          .prepare('UPDATE blob_chunks SET data = substr(data, 1, 10) WHERE sha256 = ? AND seq = 2')
          .run(sha),
      'bytes long',
    ],
    [
      'an extra chunk',
      (raw: Database.Database, sha: string) =>
        raw.prepare("INSERT INTO blob_chunks VALUES (?, 3, x'00')").run(sha),
      'part(s)',
    ],
  ])('%s is reported too', async (_name, damage, words) => {
    const { c, bad } = damaged(damage);
    const result = await verifyAttachments(c, {});
    expect(result.problems.map((p) => p.attachmentId)).toEqual([bad.id]);
    expect(result.problems[0]!.message).toContain(words);
  });

  it('reports progress by bytes, ending complete', async () => {
    const { c, source } = withSource();
    addAttachment(c, {
      sourceId: source.id,
      fileName: 'big.bin',
      bytesBase64: b64(randomBytes(20 * CHUNK_SIZE)),
    });
    const seen: number[] = [];
    await verifyAttachments(c, {}, (p) => seen.push(p.bytesDone / p.bytesTotal));
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
