// Generic persistence for the aggregates: one mapping per table from record fields to columns,
// and the four audited writes (insert, update, remove) plus keyset-paged listing built on it.
// SQL text is assembled only from the fixed column names below; every value is bound.
import type { Page } from '../schema/records';
import { appendEvent, type NewEvent } from './audit';
import type { CaseFile } from './db';
import { CoreError } from './errors';
import { nowIso } from './ids';
import { toMatchQuery } from './match-query';

export interface Table<T extends { id: string }> {
  entity: string;
  table: string;
  /** Human name used in messages ("claim", "source"). */
  label: string;
  columns: { [K in keyof T & string]: string };
  json?: readonly (keyof T & string)[];
  bool?: readonly (keyof T & string)[];
}

type Row = Record<string, unknown>;

export function fromRow<T extends { id: string }>(t: Table<T>, row: Row): T {
  const out: Row = {};
  for (const [field, column] of Object.entries(t.columns) as [string, string][]) {
    let v = row[column];
    if (t.json?.includes(field as keyof T & string)) v = JSON.parse(v as string);
    else if (t.bool?.includes(field as keyof T & string)) v = v === 1;
    out[field] = v ?? null;
  }
  return out as T;
}

function toParams<T extends { id: string }>(t: Table<T>, rec: T): Row {
  const out: Row = {};
  for (const [field, column] of Object.entries(t.columns) as [string, string][]) {
    let v = (rec as Row)[field];
    if (t.json?.includes(field as keyof T & string)) v = JSON.stringify(v ?? []);
    else if (t.bool?.includes(field as keyof T & string)) v = v ? 1 : 0;
    out[column] = v ?? null;
  }
  return out;
}

const sqlCache = new WeakMap<Table<{ id: string }>, { insert: string; update: string; get: string }>();
function sqlFor<T extends { id: string }>(t: Table<T>) {
  const key = t as unknown as Table<{ id: string }>;
  let s = sqlCache.get(key);
  if (!s) {
    const cols = Object.values(t.columns) as string[];
    s = {
      insert: `INSERT INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
      update: `UPDATE ${t.table} SET ${cols
        .filter((c) => c !== 'id' && c !== 'created_at')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
      get: `SELECT * FROM ${t.table} WHERE id = ?`,
    };
    sqlCache.set(key, s);
  }
  return s;
}

export function getRecord<T extends { id: string }>(c: CaseFile, t: Table<T>, id: string): T | null {
  const row = c.stmt(sqlFor(t).get).get(id) as Row | undefined;
  return row ? fromRow(t, row) : null;
}

/** The record, or `not_found` — also for a removed one unless `includeRemoved`. */
export function requireRecord<T extends { id: string; deletedAt: string | null }>(
  c: CaseFile,
  t: Table<T>,
  id: string,
  opts: { includeRemoved?: boolean; field?: string } = {},
): T {
  const rec = getRecord(c, t, id);
  if (!rec || (rec.deletedAt && !opts.includeRemoved)) {
    const what = rec ? `The ${t.label} ${id} has been removed` : `No ${t.label} with id ${id}`;
    throw new CoreError(
      'not_found',
      `${what}.`,
      opts.field ? { [opts.field]: `${what.toLowerCase()}` } : undefined,
    );
  }
  return rec;
}

function audit(c: CaseFile, action: NewEvent['action'], entity: string, entityId: string, payload: unknown) {
  appendEvent(c.db, {
    actor: c.meta.actor,
    replica: c.meta.replica,
    action,
    entity,
    entityId,
    payload,
    at: c.now(),
  });
}

export function insertRecord<T extends { id: string }>(c: CaseFile, t: Table<T>, rec: T): T {
  try {
    c.stmt(sqlFor(t).insert).run(toParams(t, rec));
  } catch (error) {
    // The primary key says so without a look-up first: the common case pays nothing.
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new CoreError('conflict', `A ${t.label} with id ${rec.id} already exists.`, {
        id: 'is already used',
      });
    }
    throw error;
  }
  audit(c, 'create', t.entity, rec.id, rec);
  return rec;
}

/** Applies the named changes; no event and no write when nothing actually changes. */
export function updateRecord<T extends { id: string; updatedAt: string }>(
  c: CaseFile,
  t: Table<T>,
  prev: T,
  changes: Partial<T>,
  opts: {
    ifUpdatedAt?: string | undefined;
    action?: NewEvent['action'];
    /** Said beside the new state in the audit event (an undo names the event it undoes). */
    note?: Record<string, unknown>;
  } = {},
): T {
  if (opts.ifUpdatedAt && opts.ifUpdatedAt !== prev.updatedAt) {
    throw new CoreError(
      'conflict',
      `This ${t.label} was changed by someone else since you opened it (at ${prev.updatedAt}). Reload it and apply your change again.`,
    );
  }
  const defined = Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
  const next = { ...prev, ...defined };
  const same = (Object.keys(defined) as (keyof T)[]).every(
    (k) => JSON.stringify(prev[k] ?? null) === JSON.stringify(next[k] ?? null),
  );
  if (same) return prev;
  next.updatedAt = laterThan(prev.updatedAt);
  c.stmt(sqlFor(t).update).run(toParams(t, next));
  audit(c, opts.action ?? 'update', t.entity, next.id, opts.note ? { ...next, ...opts.note } : next);
  return next;
}

export function removeRecord<T extends { id: string; updatedAt: string; deletedAt: string | null }>(
  c: CaseFile,
  t: Table<T>,
  prev: T,
  reason: string | null = null,
  note: Record<string, unknown> = {},
): T {
  const at = laterThan(prev.updatedAt);
  const next = { ...prev, deletedAt: at, updatedAt: at };
  c.stmt(sqlFor(t).update).run(toParams(t, next));
  audit(c, 'remove', t.entity, next.id, { ...next, ...(reason ? { removalReason: reason } : {}), ...note });
  return next;
}

/** Brings a removed record back as it was: a new `restore` event, the removal stays in the history. */
export function restoreRecord<T extends { id: string; updatedAt: string; deletedAt: string | null }>(
  c: CaseFile,
  t: Table<T>,
  prev: T,
  note: Record<string, unknown> = {},
): T {
  const next = { ...prev, deletedAt: null, updatedAt: laterThan(prev.updatedAt) };
  c.stmt(sqlFor(t).update).run(toParams(t, next));
  audit(c, 'restore', t.entity, next.id, { ...next, ...note });
  return next;
}

/**
 * `updatedAt` doubles as the optimistic-concurrency token, so it must move on every write even
 * when two writes land in the same millisecond.
 */
function laterThan(previous: string): string {
  const now = nowIso();
  if (now > previous) return now;
  return new Date(Date.parse(previous) + 1).toISOString();
}

// ---- Listing with keyset cursors ----

export interface ListQuery {
  /** FROM clause with the table aliased `t`; joins allowed. */
  from: string;
  /** FROM clause for the total, when `from` joins tables that never change the count. */
  countFrom?: string;
  where: string[];
  params: unknown[];
  /** Fixed SQL expression to sort by (never user text); ties broken by `t.id`. */
  sortExpr: string;
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
  includeRemoved: boolean;
  select?: string;
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const key = Array.isArray(parsed) ? parsed[0] : undefined;
    // Only what a sort key can be reaches SQL: text, a finite number, or null.
    const bindable =
      key === null || typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && bindable)
      return [key, parsed[1]];
  } catch {
    // fall through
  }
  throw new CoreError('invalid_input', 'Invalid input: cursor is not one this app returned', {
    cursor: 'is not one this app returned',
  });
}

/**
 * Counting every matching row is what made a list page slow on a large case (tens of ms for 100k
 * claims, on every page), while paging itself is a short index walk. The count is kept per query
 * and parameters until the data may have changed: `total_changes()` moves with every row this
 * connection writes (triggers included), `data_version` with every commit of another connection.
 */
const totals = new WeakMap<CaseFile, Map<string, { stamp: string; total: number }>>();
const TOTALS_KEPT = 64;

function countRows(c: CaseFile, sql: string, params: unknown[]): number {
  const stamp = c
    .stmt("SELECT total_changes() || ':' || data_version FROM pragma_data_version")
    .pluck()
    .get() as string;
  let cache = totals.get(c);
  if (!cache) {
    cache = new Map();
    totals.set(c, cache);
  }
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.total;
  const total = c
    .stmt(sql)
    .pluck()
    .get(...params) as number;
  if (cache.size >= TOTALS_KEPT) cache.delete(cache.keys().next().value as string);
  cache.set(key, { stamp, total });
  return total;
}

export function listRows(c: CaseFile, q: ListQuery): Page<Row> {
  const where = [...q.where];
  const params = [...q.params];
  if (!q.includeRemoved) where.push('t.deleted_at IS NULL');
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = countRows(c, `SELECT count(*) FROM ${q.countFrom ?? q.from} ${filter}`, params);
  const op = q.direction === 'asc' ? '>' : '<';
  const pageWhere = [...where];
  const pageParams = [...params];
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor);
    pageWhere.push(`(${q.sortExpr}, t.id) ${op} (?, ?)`);
    pageParams.push(value, id);
  }
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const sql = `SELECT ${q.select ?? 't.*'}, ${q.sortExpr} AS sort_key FROM ${q.from}
    ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
    ORDER BY ${q.sortExpr} ${dir}, t.id ${dir} LIMIT ?`;
  const rows = c.stmt(sql).all(...pageParams, q.limit + 1) as Row[];
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: more && last ? encodeCursor(last.sort_key, last.id as string) : null,
    total,
  };
}

/** `IN (?, ?, …)` for a bound list: the placeholders are generated, the values are bound. */
export function inList(column: string, values: readonly unknown[]): { sql: string; params: unknown[] } {
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/**
 * A list filter on a column of few distinct values (status, kind, verdict…), written so SQLite
 * does not pick that column's index: a page then walks the sort order's index and stops after
 * `limit` matches, instead of collecting every match and sorting them all for each page (at 100k
 * claims, 49 ms against 0.4 ms a page). The unary `+` changes the plan, never the result.
 */
export function enumFilter(column: string, values: readonly unknown[]): { sql: string; params: unknown[] } {
  const q = inList(column, values);
  return { sql: `+${q.sql}`, params: q.params };
}

export interface ListInput {
  query?: string | undefined;
  sort?: { field: string; direction?: 'asc' | 'desc' | undefined } | undefined;
  limit: number;
  cursor?: string | undefined;
  includeRemoved: boolean;
}

/**
 * Lists one aggregate: its filters as fixed SQL fragments with bound values, an optional text
 * filter through the search index, a whitelisted sort, and keyset paging.
 */
export function listAggregate<T extends { id: string }, R = T>(
  c: CaseFile,
  t: Table<T>,
  input: ListInput,
  spec: {
    sorts: Record<string, string>;
    where: string[];
    params: unknown[];
    from?: string;
    /** A cheaper FROM for counting the total, when the joins of `from` never change the count. */
    countFrom?: string | undefined;
    select?: string;
  },
  map: (row: Row) => R = (row) => fromRow(t, row) as unknown as R,
): Page<R> {
  const where = [...spec.where];
  const params = [...spec.params];
  const match = input.query ? toMatchQuery(input.query) : null;
  if (match) {
    where.push(
      't.id IN (SELECT d.entity_id FROM search_fts JOIN search_docs d ON d.doc = search_fts.rowid WHERE search_fts MATCH ? AND d.entity = ?)',
    );
    params.push(match, t.entity);
  }
  const field = input.sort?.field ?? 'created';
  const page = listRows(c, {
    from: spec.from ?? `${t.table} t`,
    ...(spec.countFrom ? { countFrom: spec.countFrom } : {}),
    where,
    params,
    sortExpr: spec.sorts[field] ?? 't.id',
    direction: input.sort?.direction ?? (field === 'updated' ? 'desc' : 'asc'),
    limit: input.limit,
    cursor: input.cursor,
    includeRemoved: input.includeRemoved,
    ...(spec.select ? { select: spec.select } : {}),
  });
  return { ...page, items: page.items.map(map) };
}
