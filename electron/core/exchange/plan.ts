// Decides, for every row a reader produced, what importing it would do to this case: create,
// update, skip as a duplicate, ask the user (conflict), or refuse (rejected, with why). Pure reads;
// the same function runs for the preview and again inside the import's transaction, so the import
// applies exactly the plan it checked.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldChange, PlanAction, PlanRow, RecordEntity } from '../../schema/exchange';
import { canonicalJson } from '../canonical-json';
import type { CaseFile } from '../db';
import { getRecord } from '../records';
import { type Candidate, claimNaturalKey, normalizeText, shorten, sourceNaturalKey } from './candidates';
import { contentKey } from './case-json';
import { type AnyRecord, entityOrder, tableOf } from './snapshot';

export interface Op {
  cand: Candidate;
  action: PlanAction;
  /** The record the row creates or matches. */
  targetId: string;
  local: AnyRecord | null;
  /** Fields taken from the file on update / conflict-resolved-as-theirs. */
  theirs: Record<string, unknown> | null;
  reason: string | null;
  fields?: Record<string, string>;
  changes?: FieldChange[];
  /** Attachments: the verified file in the export's companion folder holding the bytes. */
  blobFile?: string;
}

export interface Plan {
  ops: Op[];
  /** Generated id of a row matched to an existing record → that record's id. */
  remap: Map<string, string>;
}

const entityLabel: Record<RecordEntity, string> = {
  deal: 'deal',
  actor: 'actor',
  deal_party: 'deal party',
  source: 'source',
  claim: 'claim',
  evidence: 'evidence item',
  assessment: 'assessment',
  attachment: 'attachment',
};

const volatile = new Set(['id', 'createdAt', 'updatedAt']);

function show(value: unknown): unknown {
  if (typeof value === 'string') return shorten(value, 300);
  return value;
}

function diff(local: Record<string, unknown>, theirs: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Object.keys(theirs)) {
    if (volatile.has(field)) continue;
    if (canonicalJson(local[field] ?? null) !== canonicalJson(theirs[field] ?? null)) {
      out.push({ field, ours: show(local[field] ?? null), theirs: show(theirs[field] ?? null) });
    }
  }
  return out;
}

function localHistory(c: CaseFile, id: string): Set<string> {
  const payloads = c.stmt('SELECT payload FROM audit_log WHERE entity_id = ?').pluck().all(id) as string[];
  return new Set(payloads.map((p) => contentKey(JSON.parse(p) as Record<string, unknown>)));
}

/** Fields a row from a reference manager or spreadsheet brings; others are left as they are. */
function provided(cand: Candidate): Record<string, unknown> {
  const { id: _id, ...rest } = cand.fields ?? {};
  const keep = cand.provided;
  return keep ? Object.fromEntries(Object.entries(rest).filter(([k]) => keep.includes(k))) : rest;
}

class NaturalIndex {
  private readonly maps = new Map<RecordEntity, Map<string, string>>();

  constructor(private readonly c: CaseFile) {}

  find(entity: RecordEntity, key: string): string | null {
    let map = this.maps.get(entity);
    if (!map) {
      map = new Map();
      if (entity === 'source') {
        const rows = this.c
          .stmt('SELECT id, title, published_at, notes FROM sources WHERE deleted_at IS NULL ORDER BY id')
          .all() as { id: string; title: string; published_at: string | null; notes: string | null }[];
        for (const r of rows) {
          const k = sourceNaturalKey({ title: r.title, publishedAt: r.published_at, notes: r.notes });
          if (!map.has(k.key)) map.set(k.key, r.id);
          // A source with a DOI is also found by its title and year.
          if (k.key.startsWith('doi:')) {
            const t = sourceNaturalKey({ title: r.title, publishedAt: r.published_at, notes: null });
            if (!map.has(t.key)) map.set(t.key, r.id);
          }
        }
      } else if (entity === 'evidence') {
        const rows = this.c
          .stmt(
            `SELECT e.id, e.excerpt, c.statement, s.title, s.published_at, s.notes FROM evidence e
             JOIN claims c ON c.id = e.claim_id JOIN sources s ON s.id = e.source_id
             WHERE e.deleted_at IS NULL ORDER BY e.id`,
          )
          .all() as {
          id: string;
          excerpt: string;
          statement: string;
          title: string;
          published_at: string | null;
          notes: string | null;
        }[];
        for (const r of rows) {
          const source = sourceNaturalKey({
            title: r.title,
            publishedAt: r.published_at,
            notes: r.notes,
          }).key;
          const k = `${claimNaturalKey(r.statement)}|${source}|${normalizeText(r.excerpt)}`;
          if (!map.has(k)) map.set(k, r.id);
        }
      } else if (entity === 'claim') {
        const rows = this.c
          .stmt('SELECT id, statement FROM claims WHERE deleted_at IS NULL ORDER BY id')
          .all() as {
          id: string;
          statement: string;
        }[];
        for (const r of rows) {
          const k = claimNaturalKey(r.statement);
          if (!map.has(k)) map.set(k, r.id);
        }
      }
      this.maps.set(entity, map);
    }
    return map.get(key) ?? null;
  }
}

function decideMatched(
  c: CaseFile,
  cand: Candidate,
  local: AnyRecord,
): Omit<Op, 'cand' | 'targetId' | 'local'> {
  if (cand.record) {
    const theirs = cand.record;
    const ours = contentKey(local);
    const their = contentKey(theirs);
    const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = theirs;
    if (ours === their)
      return { action: 'duplicate', theirs: null, reason: 'identical to the record in this case' };
    if (cand.entity === 'assessment') {
      return {
        action: 'rejected',
        theirs: null,
        reason: 'assessments are never changed, and this one differs from ours with the same id',
      };
    }
    if (cand.entity === 'attachment' && ['sha256', 'size', 'sourceId'].some((k) => theirs[k] !== local[k])) {
      return {
        action: 'rejected',
        theirs: null,
        reason: 'a preserved file never changes, and this one names other bytes or another source than ours',
      };
    }
    const changes = diff(local, theirs);
    // Only a record that is exactly its file's last logged state can continue from ours.
    if (cand.history?.has(ours) && cand.head === their) {
      return { action: 'update', theirs: fields, reason: 'their version continues from ours', changes };
    }
    if (localHistory(c, local.id).has(their)) {
      return {
        action: 'duplicate',
        theirs: null,
        reason: 'ours is newer: theirs is an earlier version of it',
      };
    }
    return {
      action: 'conflict',
      theirs: fields,
      reason: 'changed on both sides since the copies parted',
      changes,
    };
  }
  const theirs = provided(cand);
  const changes = diff(local, theirs);
  const how = cand.generatedId ? `matched by ${cand.naturalKeyLabel ?? 'its natural key'}` : 'same id';
  if (changes.length === 0)
    return { action: 'duplicate', theirs: null, reason: `already in the case (${how})` };
  return {
    action: 'conflict',
    theirs,
    reason: `already in the case (${how}) with different ${changes.map((ch) => ch.field).join(', ')}`,
    changes,
  };
}

/**
 * Where a row's id ends up: a row without an id may be a duplicate of an earlier row that itself
 * matched a record of the case, so the mapping is followed to its end.
 */
export function resolver(remap: ReadonlyMap<string, string>): (id: string) => string {
  return (id) => {
    let at = id;
    for (let hops = 0; hops < 8 && remap.has(at); hops++) at = remap.get(at)!;
    return at;
  };
}

export function planImport(
  c: CaseFile,
  candidates: readonly Candidate[],
  opts: { attachmentsDir?: string | undefined } = {},
): Plan {
  const ops: Op[] = candidates.map((cand) => ({
    cand,
    action: cand.error ? 'rejected' : 'create',
    targetId: cand.id,
    local: null,
    theirs: null,
    reason: cand.error?.reason ?? null,
    ...(cand.error?.fields ? { fields: cand.error.fields } : {}),
  }));
  const live = (op: Op) => op.action !== 'rejected';
  const remap = new Map<string, string>();

  // Ids a file gives twice: neither row is taken, since which one is meant cannot be known.
  const byId = new Map<string, Op[]>();
  for (const op of ops)
    if (live(op) && !op.cand.generatedId) byId.set(op.cand.id, [...(byId.get(op.cand.id) ?? []), op]);
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    for (const op of group) {
      op.action = 'rejected';
      op.reason = `the id ${id} is used by ${group.length} rows of this file (${group.map((g) => `row ${g.cand.row}`).join(', ')})`;
      op.fields = { id: 'is used by more than one row' };
    }
  }

  // Rows without ids that name the same thing twice in the file: the first is taken.
  const firstByKey = new Map<string, Op>();
  for (const op of ops) {
    if (!live(op) || !op.cand.generatedId || !op.cand.naturalKey) continue;
    const key = `${op.cand.entity}|${op.cand.naturalKey}`;
    const first = firstByKey.get(key);
    if (first) {
      op.action = 'duplicate';
      op.reason = `same ${op.cand.naturalKeyLabel ?? 'record'} as row ${first.cand.row} of this file`;
      remap.set(op.cand.id, first.cand.id);
    } else firstByKey.set(key, op);
  }

  // Match against the case.
  const natural = new NaturalIndex(c);
  for (const op of ops) {
    if (op.action !== 'create') continue;
    const t = tableOf[op.cand.entity];
    let local: AnyRecord | null = null;
    if (!op.cand.generatedId) local = getRecord(c, t, op.cand.id);
    else if (op.cand.naturalKey) {
      const found = natural.find(op.cand.entity, op.cand.naturalKey);
      if (found) local = getRecord(c, t, found);
    }
    if (!local) continue;
    if (op.cand.generatedId) remap.set(op.cand.id, local.id);
    op.local = local;
    op.targetId = local.id;
    Object.assign(op, decideMatched(c, op.cand, local));
  }

  // Every reference must land on a record that will exist; rejections spread to what depends on them.
  const resolve = resolver(remap);
  const byTarget = new Map<string, Op>();
  for (const op of ops) if (!op.cand.generatedId || op.action === 'create') byTarget.set(op.targetId, op);
  for (let changed = true; changed; ) {
    changed = false;
    for (const op of ops) {
      if (!live(op)) continue;
      for (const ref of op.cand.refs) {
        const id = resolve(ref.id);
        const inFile = byTarget.get(id);
        if (inFile && inFile.cand.entity === ref.entity && live(inFile)) continue;
        if (getRecord(c, tableOf[ref.entity], id)) continue;
        op.action = 'rejected';
        op.reason = inFile
          ? `refers to ${entityLabel[ref.entity]} ${inFile.cand.ref} (row ${inFile.cand.row}) in ${ref.field}, which is rejected`
          : `refers in ${ref.field} to a ${entityLabel[ref.entity]} (${id}) that is neither in this file nor in the case`;
        op.fields = { [ref.field]: `refers to a missing or rejected ${entityLabel[ref.entity]}` };
        changed = true;
        break;
      }
    }
  }

  rejectCycles(c, ops, resolve);
  skipDuplicateParties(c, ops, resolve);
  rejectMissingBlobs(c, ops, opts.attachmentsDir);
  return { ops, remap };
}

/** A source may not end up derived from itself through the records of both sides. */
function rejectCycles(c: CaseFile, ops: Op[], resolve: (id: string) => string): void {
  const parent = new Map<string, string | null>();
  for (const op of ops) {
    if (
      op.cand.entity !== 'source' ||
      (op.action !== 'create' && op.action !== 'update' && op.action !== 'conflict')
    )
      continue;
    const next = (op.theirs ?? op.cand.record ?? op.cand.fields)?.derivedFrom;
    if (next !== undefined) parent.set(op.targetId, typeof next === 'string' ? resolve(next) : null);
  }
  const localParent = c.stmt('SELECT derived_from FROM sources WHERE id = ?').pluck();
  const parentOf = (id: string) =>
    parent.has(id) ? parent.get(id)! : ((localParent.get(id) as string | null | undefined) ?? null);
  for (const op of ops) {
    if (!parent.has(op.targetId) || op.action === 'rejected') continue;
    const seen = new Set<string>();
    for (let at = parentOf(op.targetId); at !== null && !seen.has(at); at = parentOf(at)) {
      if (at === op.targetId) {
        op.action = 'rejected';
        op.reason = 'derivedFrom would make this source derive from itself (through other sources)';
        op.fields = { derivedFrom: 'makes a loop' };
        break;
      }
      seen.add(at);
    }
  }
}

/** Two people may record the same party (deal, actor, role) under different ids: it is one party. */
function skipDuplicateParties(c: CaseFile, ops: Op[], resolve: (id: string) => string): void {
  const liveParty = c
    .stmt(
      'SELECT id FROM deal_parties WHERE deal_id = ? AND actor_id = ? AND role = ? AND deleted_at IS NULL',
    )
    .pluck();
  const seen = new Map<string, Op>();
  for (const op of ops) {
    if (op.cand.entity !== 'deal_party' || op.action !== 'create') continue;
    const r = op.cand.record ?? op.cand.fields ?? {};
    if (r.deletedAt) continue;
    const key = [resolve(String(r.dealId)), resolve(String(r.actorId)), String(r.role)];
    const existing = liveParty.get(...key) as string | undefined;
    const earlier = seen.get(key.join('|'));
    if (existing || earlier) {
      op.action = 'duplicate';
      op.reason = existing
        ? `this deal already has this ${String(r.role)} (party ${existing})`
        : `same party as row ${earlier!.cand.row} of this file`;
    } else seen.set(key.join('|'), op);
  }
}

/**
 * Attachment metadata is taken only when its bytes are there: already in the case, or in the
 * export's companion folder as a file named by the sha256, whose content hashes to it.
 */
function rejectMissingBlobs(c: CaseFile, ops: Op[], dir: string | undefined): void {
  const hasBlob = c.stmt('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  const checked = new Map<string, string | null>();
  for (const op of ops) {
    if (op.cand.entity !== 'attachment' || op.action !== 'create') continue;
    const sha = String(op.cand.record?.sha256 ?? '');
    if (hasBlob.get(sha)) continue;
    if (dir && !checked.has(sha)) checked.set(sha, verifiedFile(join(dir, sha), sha));
    const file = checked.get(sha) ?? null;
    if (file) {
      op.blobFile = file;
      continue;
    }
    op.action = 'rejected';
    op.reason = dir
      ? `the attachment's bytes (sha256 ${sha.slice(0, 12)}…) are not in the attachments folder, or do not match their hash`
      : `the attachment's bytes (sha256 ${sha.slice(0, 12)}…) are not in this case; import with the export's attachments folder`;
    op.fields = { sha256: 'bytes not available' };
  }
}

/** The path, when the file there hashes to `sha256`; read in chunks, whatever its size. */
function verifiedFile(path: string, sha256: string): string | null {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !existsSync(path)) return null;
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex') === sha256 ? path : null;
}

export function toPlanRow(op: Op): PlanRow {
  const row: PlanRow = {
    row: op.cand.row,
    line: op.cand.line,
    ref: op.cand.ref,
    entity: op.cand.entity,
    // A row without an id of its own shows the record it matched, or none.
    id: op.local ? op.local.id : op.cand.generatedId ? null : op.cand.id,
    label: op.cand.label,
    action: op.action,
    reason: op.reason,
  };
  if (op.fields) row.fields = op.fields;
  if (op.changes?.length) row.changes = op.changes;
  if (op.cand.warnings.length) row.warnings = op.cand.warnings;
  return row;
}

/** The order ops are applied in: referenced records first; sources parents-first. */
export function applyOrder(ops: readonly Op[], resolve: (id: string) => string): Op[] {
  const rank = new Map(entityOrder.map((e, i) => [e, i]));
  const sorted = [...ops].sort(
    (a, b) => rank.get(a.cand.entity)! - rank.get(b.cand.entity)! || a.cand.row - b.cand.row,
  );
  const sources = sorted.filter((op) => op.cand.entity === 'source');
  const byId = new Map(sources.map((op) => [op.targetId, op]));
  const ordered: Op[] = [];
  const placed = new Set<Op>();
  const place = (op: Op, depth: number) => {
    if (placed.has(op) || depth > sources.length) return;
    const parentId = (op.theirs ?? op.cand.record ?? op.cand.fields)?.derivedFrom;
    const parent = typeof parentId === 'string' ? byId.get(resolve(parentId)) : undefined;
    if (parent && parent !== op) place(parent, depth + 1);
    placed.add(op);
    ordered.push(op);
  };
  for (const op of sources) place(op, 0);
  const firstSource = sorted.findIndex((op) => op.cand.entity === 'source');
  if (firstSource === -1) return sorted;
  const rest = sorted.filter((op) => op.cand.entity !== 'source');
  const before = rest.filter((op) => rank.get(op.cand.entity)! < rank.get('source')!);
  const after = rest.filter((op) => rank.get(op.cand.entity)! > rank.get('source')!);
  return [...before, ...ordered, ...after];
}
