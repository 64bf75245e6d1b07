// Preserved copies of files. The bytes live in the case file, content-addressed: one copy per
// sha256 (blobs), split into chunks (blob_chunks) so a file of several GB is never whole in memory,
// linked to sources by attachments rows — each link an audited record. Bytes are never modified.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ATTACHMENT_INLINE_MAX,
  type Attachment,
  AttachmentAdd,
  type AttachmentAdded,
  type AttachmentContent,
  AttachmentGet,
  AttachmentList,
  AttachmentMeta,
  type AttachmentProblem,
  type AttachmentVerification,
  AttachmentVerify,
} from '../schema/attachments';
import { openStaging } from './crypto/upload-staging';
import type { CaseFile } from './db';
import { CoreError, parseInput } from './errors';
import { newId, nowIso } from './ids';
import { fromRow, insertRecord, requireRecord, type Table } from './records';
import { sourceTable } from './tables';

/** Bytes per stored chunk: large enough that a GB is a thousand rows, small enough to hold one at a time. */
export const CHUNK_SIZE = 1024 * 1024;
/** Verification lets other work run after about this many bytes. */
const YIELD_EVERY_BYTES = 32 * CHUNK_SIZE;

export const attachmentTable: Table<Attachment> = {
  entity: 'attachment',
  table: 'attachments',
  label: 'attachment',
  columns: {
    id: 'id',
    sourceId: 'source_id',
    fileName: 'file_name',
    mediaType: 'media_type',
    size: 'size',
    sha256: 'sha256',
    addedBy: 'added_by',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    deletedAt: 'deleted_at',
  },
};

type Meta = { sourceId: string; fileName: string; mediaType: string };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const short = (sha: string) => `${sha.slice(0, 12)}…`;

/**
 * The one transaction that records a file: the bytes once per hash (`storeChunks` writes them
 * when they are new), then the link, audited. The source is checked again inside the transaction.
 */
function linkBlob(
  c: CaseFile,
  meta: Meta,
  sha256: string,
  size: number,
  chunks: number,
  storeChunks: () => void,
): AttachmentAdded {
  return c.write(() => {
    requireRecord(c, sourceTable, meta.sourceId, { field: 'sourceId' });
    const existing = c.stmt('SELECT size FROM blobs WHERE sha256 = ?').get(sha256) as
      | { size: number }
      | undefined;
    if (existing && existing.size !== size) {
      throw new CoreError(
        'integrity',
        `The case already holds bytes recorded under sha256 ${short(sha256)} with another size (${existing.size} bytes, not ${size}); the case may be damaged. Run "Verify case integrity".`,
      );
    }
    if (!existing) {
      c.stmt('INSERT INTO blobs (sha256, size, chunks) VALUES (?, ?, ?)').run(sha256, size, chunks);
      storeChunks();
    }
    const at = nowIso();
    const attachment = insertRecord(c, attachmentTable, {
      id: newId(),
      sourceId: meta.sourceId,
      fileName: meta.fileName,
      mediaType: meta.mediaType,
      size,
      sha256,
      addedBy: c.meta.actor,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    return { attachment, deduplicated: existing !== undefined };
  });
}

/** `attachments.add`: a small file whose bytes came with the call (base64). */
export function addAttachment(c: CaseFile, input: unknown): AttachmentAdded {
  const v = parseInput(AttachmentAdd, input);
  const bytes = Buffer.from(v.bytesBase64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const chunks = Math.ceil(bytes.length / CHUNK_SIZE);
  return linkBlob(c, v, sha256, bytes.length, chunks, () => {
    const insert = c.stmt('INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)');
    for (let seq = 0; seq < chunks; seq++)
      insert.run(sha256, seq, bytes.subarray(seq * CHUNK_SIZE, (seq + 1) * CHUNK_SIZE));
  });
}

export interface StreamOptions {
  /** Called as bytes arrive, with the number received so far. */
  onProgress?: (bytes: number) => void;
}

/**
 * Adds a file of any size from a stream of byte chunks (a Node Readable, a web stream, any async
 * iterable). The bytes are hashed as they arrive and staged in chunks outside the case file, then
 * recorded in one transaction — unless the same bytes are already there, in which case only the
 * new link is recorded. Memory stays at one chunk whatever the size.
 */
export async function addAttachmentFromStream(
  c: CaseFile,
  meta: AttachmentMeta,
  source: AsyncIterable<Uint8Array>,
  options: StreamOptions = {},
): Promise<AttachmentAdded> {
  const m = parseInput(AttachmentMeta, meta);
  // Refuse before reading gigabytes for a source that is not there.
  c.read(() => requireRecord(c, sourceTable, m.sourceId, { field: 'sourceId' }));
  // Outside the case file until the last byte is in (crypto/upload-staging.ts says where).
  // c.read: a full disk or temp area while staging is `io`/`disk_full`, as on every write path.
  const staging = c.read(() => openStaging(c));
  const upload = newId();
  const stage = c.db.prepare(`INSERT INTO ${staging.table} (upload, seq, data) VALUES (?, ?, ?)`);
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(CHUNK_SIZE);
  let filled = 0;
  let size = 0;
  let seq = 0;
  try {
    for await (const piece of source) {
      const bytes = Buffer.isBuffer(piece)
        ? piece
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      hash.update(bytes);
      size += bytes.length;
      // Copied into our own chunk buffer: a producer may reuse its buffer after yielding it.
      for (let at = 0; at < bytes.length; ) {
        const take = Math.min(CHUNK_SIZE - filled, bytes.length - at);
        bytes.copy(chunk, filled, at, at + take);
        filled += take;
        at += take;
        if (filled === CHUNK_SIZE) {
          // c.read: a full temporary folder is the same clear `io`/`disk_full` as a full case disk.
          c.read(() => stage.run(upload, seq, chunk));
          seq++;
          filled = 0;
        }
      }
      options.onProgress?.(size);
    }
    if (filled > 0) c.read(() => stage.run(upload, seq++, chunk.subarray(0, filled)));
    const sha256 = hash.digest('hex');
    return linkBlob(c, m, sha256, size, seq, () => {
      c.db
        .prepare(
          `INSERT INTO blob_chunks (sha256, seq, data) SELECT ?, seq, data FROM ${staging.table} WHERE upload = ? ORDER BY seq`,
        )
        .run(sha256, upload);
    });
  } finally {
    try {
      staging.release(upload);
    } catch {
      // the connection is closing or the temporary file is gone: the chunks went with it
    }
  }
}

/**
 * Adds a file from disk by streaming it (for the app's file dialog and drops: the renderer never
 * sends a path). The file name defaults to the file's own name.
 */
export async function addAttachmentFromFile(
  c: CaseFile,
  meta: { sourceId: string; fileName?: string; mediaType?: string },
  filePath: string,
  options: StreamOptions = {},
): Promise<AttachmentAdded> {
  const full = { ...meta, fileName: meta.fileName ?? basename(filePath) };
  const m = parseInput(AttachmentMeta, full);
  try {
    return await addAttachmentFromStream(
      c,
      m,
      createReadStream(filePath, { highWaterMark: CHUNK_SIZE }),
      options,
    );
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new CoreError('not_found', `There is no file at ${filePath}.`);
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new CoreError(
        'io',
        `${basename(filePath)} could not be read (${code}): ${(error as Error).message}`,
      );
    }
    throw error;
  }
}

// ---- Reading ----

export function getAttachmentRecord(c: CaseFile, id: string): Attachment {
  return requireRecord(c, attachmentTable, id, { includeRemoved: true });
}

/** `attachments.list`: a source's attachments, oldest first. */
export function listAttachments(c: CaseFile, input: unknown): Attachment[] {
  const { sourceId } = parseInput(AttachmentList, input);
  return c.read(() => {
    requireRecord(c, sourceTable, sourceId, { includeRemoved: true, field: 'sourceId' });
    const rows = c
      .stmt('SELECT * FROM attachments WHERE source_id = ? AND deleted_at IS NULL ORDER BY created_at, id')
      .all(sourceId) as Record<string, unknown>[];
    return rows.map((row) => fromRow(attachmentTable, row));
  });
}

function chunkData(c: CaseFile, sha256: string, seq: number): Buffer {
  const data = c.stmt('SELECT data FROM blob_chunks WHERE sha256 = ? AND seq = ?').pluck().get(sha256, seq) as
    | Buffer
    | undefined;
  if (!data) {
    throw new CoreError(
      'integrity',
      `Part ${seq + 1} of the stored bytes ${short(sha256)} is missing. Run "Verify case integrity".`,
    );
  }
  return data;
}

/** `attachments.get`: the bytes exactly as stored, all of them (up to 32 MB) or a range. */
export function getAttachment(c: CaseFile, input: unknown): AttachmentContent {
  const v = parseInput(AttachmentGet, input);
  return c.read(() => {
    const attachment = getAttachmentRecord(c, v.id);
    if (v.offset > attachment.size) {
      throw new CoreError(
        'invalid_input',
        `Invalid input: offset is past the end of the file (${attachment.size} bytes)`,
        {
          offset: `is past the end of the file (${attachment.size} bytes)`,
        },
      );
    }
    const length = Math.min(attachment.size - v.offset, v.length ?? ATTACHMENT_INLINE_MAX);
    const bytes = readRange(c, attachment.sha256, v.offset, length);
    return {
      attachment,
      offset: v.offset,
      length: bytes.length,
      bytesBase64: bytes.toString('base64'),
      complete: v.offset + bytes.length === attachment.size,
    };
  });
}

function readRange(c: CaseFile, sha256: string, offset: number, length: number): Buffer {
  if (length === 0) return Buffer.alloc(0);
  const layout = c
    .stmt('SELECT seq, length(data) AS len FROM blob_chunks WHERE sha256 = ? ORDER BY seq')
    .all(sha256) as {
    seq: number;
    len: number;
  }[];
  const parts: Buffer[] = [];
  let start = 0;
  const end = offset + length;
  for (const { seq, len } of layout) {
    const chunkEnd = start + len;
    if (chunkEnd > offset && start < end) {
      const data = chunkData(c, sha256, seq);
      parts.push(data.subarray(Math.max(0, offset - start), Math.min(len, end - start)));
    }
    if (chunkEnd >= end) break;
    start = chunkEnd;
  }
  const out = Buffer.concat(parts);
  if (out.length !== length) {
    throw new CoreError(
      'integrity',
      `The stored bytes ${short(sha256)} are shorter than recorded. Run "Verify case integrity".`,
    );
  }
  return out;
}

/** The bytes of an attachment, one stored chunk at a time (no statement stays open between chunks). */
export function* attachmentChunks(c: CaseFile, id: string): Generator<Buffer> {
  const attachment = getAttachmentRecord(c, id);
  const chunks = c.stmt('SELECT chunks FROM blobs WHERE sha256 = ?').pluck().get(attachment.sha256) as
    | number
    | undefined;
  for (let seq = 0; seq < (chunks ?? 0); seq++) yield chunkData(c, attachment.sha256, seq);
}

/** A readable stream of an attachment's bytes, for the host or the app to pipe anywhere. */
export function openAttachmentStream(c: CaseFile, id: string): Readable {
  return Readable.from(attachmentChunks(c, id), { objectMode: false });
}

/**
 * Writes an attachment to a file the user chose (Electron: "Save a copy…"), hashing what it
 * writes: bytes that no longer match their fingerprint are not handed out as the original — the
 * partial file is removed and the failure named.
 */
export async function exportAttachment(
  c: CaseFile,
  id: string,
  targetPath: string,
): Promise<{ bytes: number; sha256: string }> {
  const attachment = getAttachmentRecord(c, id);
  // The caller claims the target first (an empty file it created exclusively), so nothing that
  // was there before can be written over or removed here.
  if (statSync(targetPath, { throwIfNoEntry: false })?.size !== 0) {
    throw new CoreError('conflict', `${basename(targetPath)} is not a new, empty file; choose another name.`);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  async function* hashed(): AsyncGenerator<Buffer> {
    for (const chunk of attachmentChunks(c, id)) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
      await nextTurn();
    }
  }
  try {
    // Into the empty file the caller claimed (created exclusively); never over anything else.
    await pipeline(Readable.from(hashed()), createWriteStream(targetPath, { flags: 'r+' }));
  } catch (error) {
    rmSync(targetPath, { force: true });
    if (error instanceof CoreError) throw error;
    throw new CoreError('io', `${basename(targetPath)} could not be written: ${(error as Error).message}`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== attachment.sha256 || bytes !== attachment.size) {
    rmSync(targetPath, { force: true });
    throw new CoreError(
      'integrity',
      `"${attachment.fileName}" was not saved: its stored bytes no longer match the fingerprint recorded when it was added (sha256 ${short(attachment.sha256)}).`,
    );
  }
  return { bytes, sha256 };
}

// ---- Verification ----

export interface AttachmentProgress {
  /** Attachments whose bytes have been checked. */
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  /** The file being checked. */
  fileName: string | null;
}

interface BlobCheck {
  actual: string | null;
  /** Bytes actually stored. */
  size: number;
  problem: string | null;
}

/** Re-hashes one stored blob in order, checking its parts are all there and add up to its size. */
async function checkBlob(c: CaseFile, sha256: string, onBytes: (n: number) => void): Promise<BlobCheck> {
  const blob = c.stmt('SELECT size, chunks FROM blobs WHERE sha256 = ?').get(sha256) as
    | { size: number; chunks: number }
    | undefined;
  if (!blob) return { actual: null, size: 0, problem: 'its stored bytes are missing from the case file' };
  const hash = createHash('sha256');
  const batch = c.stmt(
    'SELECT seq, data FROM blob_chunks WHERE sha256 = ? AND seq >= ? ORDER BY seq LIMIT 16',
  );
  let expected = 0;
  let size = 0;
  let sinceYield = 0;
  for (;;) {
    const rows = batch.all(sha256, expected) as { seq: number; data: Buffer }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expected)
        return { actual: null, size, problem: `part ${expected + 1} of its stored bytes is missing` };
      hash.update(row.data);
      size += row.data.length;
      sinceYield += row.data.length;
      expected++;
      onBytes(row.data.length);
    }
    if (sinceYield >= YIELD_EVERY_BYTES) {
      sinceYield = 0;
      await nextTurn();
    }
  }
  const actual = hash.digest('hex');
  if (expected !== blob.chunks) {
    return {
      actual,
      size,
      problem: `its stored bytes have ${expected} part(s) where ${blob.chunks} were recorded`,
    };
  }
  if (size !== blob.size) {
    return {
      actual,
      size,
      problem: `its stored bytes are ${size} bytes long where ${blob.size} were recorded`,
    };
  }
  if (actual !== sha256) {
    return {
      actual,
      size,
      problem: `its stored bytes now hash to ${short(actual)} instead of the recorded ${short(sha256)}`,
    };
  }
  return { actual, size, problem: null };
}

/**
 * `attachments.verify`: re-hashes one attachment or all of them and names each one whose bytes
 * no longer match the fingerprint recorded when it was added. Bytes shared by several
 * attachments are hashed once; a damaged copy is reported for every attachment that uses it.
 */
export async function verifyAttachments(
  c: CaseFile,
  input: unknown,
  onProgress?: (progress: AttachmentProgress) => void,
): Promise<AttachmentVerification> {
  const { id } = parseInput(AttachmentVerify, input);
  const attachments = c.read(() =>
    id
      ? [getAttachmentRecord(c, id)]
      : (c.stmt('SELECT * FROM attachments ORDER BY created_at, id').all() as Record<string, unknown>[]).map(
          (row) => fromRow(attachmentTable, row),
        ),
  );
  const bySha = new Map<string, Attachment[]>();
  for (const a of attachments) bySha.set(a.sha256, [...(bySha.get(a.sha256) ?? []), a]);
  const bytesTotal = [...bySha.values()].reduce((n, list) => n + list[0]!.size, 0);
  const progress: AttachmentProgress = {
    done: 0,
    total: attachments.length,
    bytesDone: 0,
    bytesTotal,
    fileName: null,
  };
  onProgress?.({ ...progress });
  const problems: AttachmentProblem[] = [];
  let bytes = 0;
  let lastReport = 0;
  for (const [sha256, list] of bySha) {
    progress.fileName = list[0]!.fileName;
    const check = await checkBlob(c, sha256, (n) => {
      bytes += n;
      progress.bytesDone = bytes;
      if (bytes - lastReport >= 8 * CHUNK_SIZE) {
        lastReport = bytes;
        onProgress?.({ ...progress });
      }
    });
    for (const a of list) {
      const problem =
        check.problem ??
        (a.size !== check.size
          ? `its recorded size (${a.size} bytes) differs from its stored bytes (${check.size} bytes)`
          : null);
      if (problem) {
        problems.push({
          attachmentId: a.id,
          sourceId: a.sourceId,
          fileName: a.fileName,
          expectedSha256: a.sha256,
          actualSha256: check.actual,
          message: `"${a.fileName}" (attachment ${a.id} of source ${a.sourceId}) no longer matches what was preserved: ${problem}.`,
        });
      }
    }
    progress.done += list.length;
    onProgress?.({ ...progress });
  }
  return { ok: problems.length === 0, checked: attachments.length, bytes, problems };
}
