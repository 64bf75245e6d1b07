// Applies a plan inside the caller's write transaction: each record through the audited helpers
// (one event per record), then the verdicts of every claim the import touched, then one `import`
// event that records the file, the plan and every conflict choice.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ImportKind, ImportProgress, Resolution } from '../../schema/exchange';
import { CHUNK_SIZE } from '../attachments';
import type { NewEvent } from '../audit';
import { appendEvent } from '../audit';
import { claimsTouchingSourceTree, refreshVerdicts } from '../claim-verdicts';
import type { CaseFile } from '../db';
import { CoreError } from '../errors';
import { insertRecord, updateRecord } from '../records';
import type { Candidate } from './candidates';
import { applyOrder, type Op, type Plan, resolver } from './plan';
import { type AnyRecord, tableOf } from './snapshot';

export interface Applied {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  resolved: { ours: number; theirs: number };
}

function withRefs(
  cand: Candidate,
  record: Record<string, unknown>,
  resolve: (id: string) => string,
): Record<string, unknown> {
  const out = { ...record };
  for (const ref of cand.refs) if (typeof out[ref.field] === 'string') out[ref.field] = resolve(ref.id);
  return out;
}

function actionFor(
  local: AnyRecord,
  theirs: Record<string, unknown>,
  resolving: boolean,
): NewEvent['action'] {
  if (resolving) return 'resolve';
  if (!local.deletedAt && theirs.deletedAt) return 'remove';
  if (local.deletedAt && theirs.deletedAt === null) return 'restore';
  return 'update';
}

export function applyPlan(
  c: CaseFile,
  plan: Plan,
  resolutions: Record<string, Resolution>,
  at: string,
  onProgress?: (p: ImportProgress) => void,
): Applied {
  const resolve = resolver(plan.remap);
  const out: Applied = { created: 0, updated: 0, skipped: 0, rejected: 0, resolved: { ours: 0, theirs: 0 } };
  const claims = new Set<string>();
  const sources = new Set<string>();
  const ordered = applyOrder(plan.ops, resolve);
  ordered.forEach((op, i) => {
    if (i % 500 === 0) onProgress?.({ phase: 'apply', done: i, total: ordered.length });
    applyOne(c, op, resolutions, at, resolve, out, claims, sources);
  });
  for (const id of sources) for (const claim of claimsTouchingSourceTree(c, id)) claims.add(claim);
  refreshVerdicts(c, claims);
  onProgress?.({ phase: 'apply', done: ordered.length, total: ordered.length });
  return out;
}

function applyOne(
  c: CaseFile,
  op: Op,
  resolutions: Record<string, Resolution>,
  at: string,
  resolve: (id: string) => string,
  out: Applied,
  claims: Set<string>,
  sources: Set<string>,
): void {
  const t = tableOf[op.cand.entity];
  const touch = (r: Record<string, unknown>) => {
    if (op.cand.entity === 'claim') claims.add(String(r.id));
    if (op.cand.entity === 'evidence') claims.add(String(r.claimId));
  };
  if (op.action === 'rejected') {
    out.rejected++;
    return;
  }
  if (op.action === 'duplicate') {
    out.skipped++;
    return;
  }
  if (op.action === 'create') {
    if (op.blobFile) storeBlob(c, String(op.cand.record?.sha256), op.blobFile);
    const base = op.cand.record ?? {
      ...op.cand.fields,
      id: op.cand.id,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    const record = withRefs(op.cand, base, resolve) as AnyRecord;
    insertRecord(c, t, record);
    touch(record);
    out.created++;
    return;
  }
  const resolving = op.action === 'conflict';
  if (resolving && resolutions[op.targetId] !== 'theirs') {
    out.resolved.ours++;
    return;
  }
  const local = op.local!;
  const theirs = withRefs(op.cand, op.theirs ?? {}, resolve);
  const next = updateRecord(c, t, local, theirs as Partial<AnyRecord>, {
    action: actionFor(local, theirs, resolving),
  });
  touch(local);
  touch(next);
  if (op.cand.entity === 'source') sources.add(next.id);
  if (resolving) out.resolved.theirs++;
  else out.updated++;
}

/**
 * Stores the bytes of an attachment from the export's folder (verified by the plan), in the same
 * chunks as attachments.add, and checks them again as they go in: a file changed since the
 * preview aborts the whole import.
 */
function storeBlob(c: CaseFile, sha256: string, path: string): void {
  if (c.stmt('SELECT 1 FROM blobs WHERE sha256 = ?').pluck().get(sha256)) return;
  const size = statSync(path).size;
  const chunks = Math.ceil(size / CHUNK_SIZE);
  c.stmt('INSERT INTO blobs (sha256, size, chunks) VALUES (?, ?, ?)').run(sha256, size, chunks);
  const insert = c.stmt('INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)');
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  let read = 0;
  let seq = 0;
  try {
    const buf = Buffer.allocUnsafe(CHUNK_SIZE);
    for (let n = readSync(fd, buf, 0, CHUNK_SIZE, null); n > 0; n = readSync(fd, buf, 0, CHUNK_SIZE, null)) {
      hash.update(buf.subarray(0, n));
      insert.run(sha256, seq++, Buffer.from(buf.subarray(0, n)));
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  if (read !== size || seq !== chunks || hash.digest('hex') !== sha256) {
    throw new CoreError(
      'integrity',
      `The attachment file ${sha256.slice(0, 12)}… changed since the preview; nothing was imported.`,
    );
  }
}

export function appendImportEvent(
  c: CaseFile,
  summary: {
    kind: ImportKind;
    fileName: string | null;
    fileSha256: string;
    planId: string;
    applied: Applied;
    rejectedRows: number[];
    resolutions: Record<string, Resolution>;
  },
) {
  return appendEvent(c.db, {
    actor: c.meta.actor,
    replica: c.meta.replica,
    action: 'import',
    entity: 'case',
    entityId: c.meta.caseId,
    payload: summary,
  });
}
