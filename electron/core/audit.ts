import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditEvent, Page } from '../schema/records';
import { canonicalJson } from './canonical-json';
import { newId, nowIso } from './ids';
import { timeFlag } from './recorded-order';
import { markBaseIfArmed } from './wal-seal';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewEvent {
  actor: string;
  replica: string;
  action: 'create' | 'update' | 'remove' | 'restore' | 'add' | 'set' | 'resolve' | 'export' | 'import';
  entity: string;
  entityId: string;
  payload: unknown;
  /** When it happened; the system clock unless the case was opened with its own (CaseFile.now). */
  at?: string;
}

/** A row of `audit_log` as SQLite returns it. */
export interface AuditRow {
  seq: number;
  event_id: string;
  at: string;
  actor: string;
  replica: string;
  action: string;
  entity: string;
  entity_id: string;
  parent: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/**
 * The exact bytes that are hashed for an event. Keys in sorted order and the payload inserted
 * as stored (it is canonical JSON already), so verification never re-parses a payload.
 */
export function canonicalEvent(e: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return (
    `{"action":${JSON.stringify(e.action)},"actor":${JSON.stringify(e.actor)},"at":${JSON.stringify(e.at)},` +
    `"entity":${JSON.stringify(e.entity)},"entityId":${JSON.stringify(e.entity_id)},"eventId":${JSON.stringify(e.event_id)},` +
    `"parent":${JSON.stringify(e.parent)},"payload":${e.payload},"replica":${JSON.stringify(e.replica)},"seq":${e.seq}}`
  );
}

/** sha256(prevHash ‖ canonical) in one call: the same bytes as two updates, and faster when verifying long chains. */
export function chainHash(prevHash: string, canonical: string): string {
  return hash('sha256', prevHash + canonical);
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function prepare(db: Database.Database) {
  return {
    head: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
    parent: db
      .prepare('SELECT event_id FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck(),
    insert: db.prepare(
      `INSERT INTO audit_log (seq, event_id, at, actor, replica, action, entity, entity_id, parent, payload, prev_hash, hash)
       VALUES (@seq, @event_id, @at, @actor, @replica, @action, @entity, @entity_id, @parent, @payload, @prev_hash, @hash)`,
    ),
  };
}
function stmts(db: Database.Database) {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  return s;
}

/** Appends one event to the chain. Must run inside the transaction that made the change. */
export function appendEvent(db: Database.Database, event: NewEvent): AuditEvent {
  const s = stmts(db);
  markBaseIfArmed(db);
  const head = s.head.get() as { seq: number; hash: string } | undefined;
  const row: AuditRow = {
    seq: (head?.seq ?? 0) + 1,
    event_id: newId(),
    at: event.at ?? nowIso(),
    actor: event.actor,
    replica: event.replica,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    parent: (s.parent.get(event.entityId) as string | undefined) ?? null,
    payload: canonicalJson(event.payload),
    prev_hash: head?.hash ?? GENESIS_HASH,
    hash: '',
  };
  row.hash = chainHash(row.prev_hash, canonicalEvent(row));
  s.insert.run(row);
  return toEvent(row);
}

export function toEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    eventId: row.event_id,
    at: row.at,
    actor: row.actor,
    replica: row.replica,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    parent: row.parent,
    payload: JSON.parse(row.payload),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type VerifyResult =
  | { ok: true; checked: number; head: { seq: number; hash: string } }
  | { ok: false; checked: number; brokenAt: number; reason: string };

/** Where a walk of the chain has got to: the next seq expected and the hash it must follow. */
export interface ChainCursor {
  expected: number;
  prevHash: string;
  checked: number;
}

export const chainStart = (): ChainCursor => ({ expected: 1, prevHash: GENESIS_HASH, checked: 0 });

/**
 * The canonical event built by SQLite (json_quote matches JSON.stringify for the text stored
 * here), so a long walk hashes one string per event instead of assembling it in JavaScript.
 * An event whose hash does not match is checked again with `canonicalEvent` before it is called
 * broken, so a difference between the two encoders can never be reported as tampering.
 */
const BATCH_SQL = `SELECT seq, prev_hash, hash,
    '{"action":' || json_quote(action) || ',"actor":' || json_quote(actor) || ',"at":' || json_quote(at) ||
    ',"entity":' || json_quote(entity) || ',"entityId":' || json_quote(entity_id) ||
    ',"eventId":' || json_quote(event_id) || ',"parent":' || json_quote(parent) ||
    ',"payload":' || payload || ',"replica":' || json_quote(replica) || ',"seq":' || seq || '}' AS canonical
  FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?`;

const batchStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Checks the next `limit` events after `cursor`: contiguous seqs, each prev_hash the previous
 * hash, each hash recomputed. Returns null when the batch is sound (the cursor has moved on) and
 * the first break otherwise; `done` is true once the chain's end was reached.
 */
export function verifyBatch(
  db: Database.Database,
  cursor: ChainCursor,
  limit = 2_000,
): { done: boolean; broken: { brokenAt: number; reason: string; missing?: number } | null } {
  let stmt = batchStatements.get(db);
  if (!stmt) {
    stmt = db.prepare(BATCH_SQL);
    batchStatements.set(db, stmt);
  }
  const rows = stmt.all(cursor.expected, limit) as {
    seq: number;
    prev_hash: string;
    hash: string;
    canonical: string;
  }[];
  for (const row of rows) {
    const broken = (brokenAt: number, reason: string, missing?: number) => ({
      done: true,
      broken: missing === undefined ? { brokenAt, reason } : { brokenAt, reason, missing },
    });
    if (row.seq !== cursor.expected)
      return broken(
        row.seq,
        `event ${cursor.expected} is missing (the next event is ${row.seq})`,
        cursor.expected,
      );
    if (row.prev_hash !== cursor.prevHash)
      return broken(row.seq, `event ${row.seq} does not follow the event before it (previous hash differs)`);
    if (chainHash(row.prev_hash, row.canonical) !== row.hash && !eventMatchesHash(db, row.seq)) {
      return broken(
        row.seq,
        `event ${row.seq} was changed after it was written (its content no longer matches its hash)`,
      );
    }
    cursor.prevHash = row.hash;
    cursor.expected++;
    cursor.checked++;
  }
  return { done: rows.length < limit, broken: null };
}

function eventMatchesHash(db: Database.Database, seq: number): boolean {
  const row = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow;
  return chainHash(row.prev_hash, canonicalEvent(row)) === row.hash;
}

/** Walks the whole chain at once (the custody walk does the same in batches, yielding between them). */
export function verifyChain(db: Database.Database, onProgress?: (checked: number) => void): VerifyResult {
  const cursor = chainStart();
  for (;;) {
    const step = verifyBatch(db, cursor);
    if (step.broken) {
      const { brokenAt, reason } = step.broken;
      return { ok: false, checked: cursor.checked, brokenAt, reason };
    }
    onProgress?.(cursor.checked);
    if (step.done)
      return { ok: true, checked: cursor.checked, head: { seq: cursor.expected - 1, hash: cursor.prevHash } };
  }
}

export function auditHead(db: Database.Database): { seq: number; hash: string } {
  const head = stmts(db).head.get() as { seq: number; hash: string } | undefined;
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

export interface AuditListOptions {
  entity?: string;
  entityId?: string;
  action?: string;
  claimId?: string;
  limit: number;
  /** Events before this seq (newest first paging). */
  cursor?: string;
}

/** What a listing compares each event's time with, to flag one no clock in step could have written. */
export interface ClockContext {
  now: string;
  caseCreatedAt: string;
}

export function listEvents(
  db: Database.Database,
  o: AuditListOptions,
  clock?: ClockContext,
): Page<AuditEvent> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (o.entity) {
    where.push('entity = ?');
    params.push(o.entity);
  }
  if (o.entityId) {
    where.push('entity_id = ?');
    params.push(o.entityId);
  }
  if (o.action) {
    where.push('action = ?');
    params.push(o.action);
  }
  if (o.claimId) {
    where.push(
      `(entity_id = ? OR entity_id IN (SELECT id FROM evidence WHERE claim_id = ?)
        OR entity_id IN (SELECT id FROM assessments WHERE claim_id = ?))`,
    );
    params.push(o.claimId, o.claimId, o.claimId);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total =
    (db
      .prepare(`SELECT count(*) FROM audit_log ${filter}`)
      .pluck()
      .get(...params) as number) ?? 0;
  const before = o.cursor ? Number(o.cursor) : null;
  const pageWhere = before ? `${filter ? `${filter} AND` : 'WHERE'} seq < ?` : filter;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${pageWhere} ORDER BY seq DESC LIMIT ?`)
    .all(...params, ...(before ? [before] : []), o.limit + 1) as AuditRow[];
  const more = rows.length > o.limit;
  const items = rows.slice(0, o.limit).map((row) => {
    const event = toEvent(row);
    const flag = clock ? timeFlag(event.at, clock.now, clock.caseCreatedAt) : null;
    return flag ? { ...event, timeFlag: flag } : event;
  });
  return { items, nextCursor: more ? String(items[items.length - 1]!.seq) : null, total };
}
