// The search index's layout (migrations/0003_search_across_scripts.sql) and its upkeep when the
// app's folding changes. The index itself is kept in step with the records by SQL triggers,
// except for the records a bulk inserts: those are indexed at its end, all at once.
import type Database from 'better-sqlite3';
import type { SearchKind } from '../schema/search';
import { FOLD_VERSION, foldForIndex, variantsForIndex } from './transliterate';

/** Each record kind owns the index rowids slot * 2^40 + 1 … (slot + 1) * 2^40 - 1. */
export const SEARCH_DOC_SPAN = 2 ** 40;
export const searchKindSlot: Readonly<Record<SearchKind, number>> = {
  claim: 1,
  source: 2,
  deal: 3,
  actor: 4,
  evidence: 5,
};

export function searchDocRange(kind: SearchKind): { lo: number; hi: number } {
  const slot = searchKindSlot[kind];
  return { lo: slot * SEARCH_DOC_SPAN, hi: (slot + 1) * SEARCH_DOC_SPAN - 1 };
}

export const searchTables = ['search_fts', 'search_fts_evidence'] as const;

/**
 * The FTS5 table holding each kind. Evidence has its own: FTS5 walks a word's whole list of
 * matches in a table, so a word in a million excerpts must not slow the search of the other kinds.
 */
export const searchTableOf: Readonly<Record<SearchKind, (typeof searchTables)[number]>> = {
  claim: 'search_fts',
  source: 'search_fts',
  deal: 'search_fts',
  actor: 'search_fts',
  evidence: 'search_fts_evidence',
};

const FOLD_KEY = 'search_fold_version';

/** Registers the SQL functions the index triggers call. Every connection that writes records needs them. */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('cb_fold', { deterministic: true, varargs: true }, foldForIndex);
  db.function('cb_variant', { deterministic: true, varargs: true }, variantsForIndex);
}

/**
 * Rebuilds the derived columns when the index was built by another version of the folding (or
 * by none): otherwise a case written by an older app would silently miss cross-script matches.
 * The rebuild and the new version stamp are one transaction.
 */
export function refreshSearchFolding(db: Database.Database): boolean {
  // Only the layout this code builds: an older schema (tests open one with its own migrations) has none.
  const hasIndex =
    db.prepare("SELECT 1 FROM pragma_table_info('search_fts_evidence') WHERE name = 'variant'").get() !==
    undefined;
  if (!hasIndex) return false;
  const stamp = db.prepare('SELECT value FROM case_meta WHERE key = ?').pluck().get(FOLD_KEY) as
    | string
    | undefined;
  if (stamp === String(FOLD_VERSION)) return false;
  db.transaction(() => {
    for (const table of searchTables) {
      // Table names come from the fixed list above.
      db.prepare(
        `UPDATE ${table} SET folded = cb_fold(title, body), variant = cb_variant(title, body)`,
      ).run();
    }
    db.prepare(
      'INSERT INTO case_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(FOLD_KEY, String(FOLD_VERSION));
  }).immediate();
  return true;
}

/**
 * How each kind's insert trigger of migrations/0003_search_across_scripts.sql indexes a record,
 * for indexing many at once: the same title and body, the same cb_fold/cb_variant arguments.
 * Keep in step with that migration (tests/core/search-bulk.test.ts compares the two).
 */
const insertIndexing: Readonly<
  Record<SearchKind, { records: string; title: string; body: string; foldArgs: string }>
> = {
  claim: {
    records: 'claims',
    title: 't.statement',
    body: "(SELECT group_concat(value, ' ') FROM json_each(t.tags))",
    foldArgs: "t.statement, (SELECT group_concat(value, ' ') FROM json_each(t.tags))",
  },
  source: {
    records: 'sources',
    title: 't.title',
    body: "concat_ws(' ', t.author, t.publisher, t.notes)",
    foldArgs: 't.title, t.author, t.publisher, t.notes',
  },
  deal: {
    records: 'deals',
    title: 't.title',
    body: "concat_ws(' ', t.country, t.summary)",
    foldArgs: 't.title, t.country, t.summary',
  },
  actor: {
    records: 'actors',
    title: 't.name',
    body: "concat_ws(' ', (SELECT group_concat(value, ' ') FROM json_each(t.aliases)), t.country)",
    foldArgs: "t.name, (SELECT group_concat(value, ' ') FROM json_each(t.aliases)), t.country",
  },
  evidence: {
    records: 'evidence',
    title: 't.excerpt',
    body: "concat_ws(' ', t.note, t.locator)",
    foldArgs: 't.excerpt, t.note, t.locator',
  },
};

const searchKinds = Object.keys(insertIndexing) as SearchKind[];

/** The insert triggers a bulk took out, and where each kind's records stood when it did. */
export interface DeferredIndexing {
  triggers: { name: string; sql: string }[];
  lastRowid: Record<SearchKind, number>;
}

/**
 * Takes out the search index's insert triggers for a bulk: a trigger writing FTS5 makes SQLite
 * open a statement savepoint per row, at which FTS5 flushes its pending data (a bulk import ran
 * about 4× slower per row). Must run inside the bulk's transaction, so a failed bulk rolls the
 * DROP back with everything else. Null when the case has another index layout (an older schema).
 */
export function deferInsertIndexing(db: Database.Database): DeferredIndexing | null {
  const names = searchKinds.map((k) => `${insertIndexing[k].records}_fts_insert`);
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`,
    )
    .all(...names) as { name: string; sql: string }[];
  const hasLayout =
    db.prepare("SELECT 1 FROM pragma_table_info('search_fts_evidence') WHERE name = 'variant'").get() !==
    undefined;
  if (!hasLayout || triggers.length !== names.length) return null;
  const lastRowid = {} as Record<SearchKind, number>;
  for (const kind of searchKinds) {
    // Table names come from the fixed list above.
    lastRowid[kind] =
      (db.prepare(`SELECT max(rowid) FROM ${insertIndexing[kind].records}`).pluck().get() as number | null) ??
      0;
  }
  // Trigger names come from sqlite_schema and match the fixed list above.
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  return { triggers, lastRowid };
}

/**
 * Indexes, set-based, the records the bulk inserted (their final state: an update inside the bulk
 * found no index row to change), numbering each kind's docs on from its highest in the order the
 * records were written, as the triggers would have; then puts the triggers back as they were.
 */
export function resumeInsertIndexing(db: Database.Database, deferred: DeferredIndexing): void {
  for (const kind of searchKinds) {
    const { records, title, body, foldArgs } = insertIndexing[kind];
    const { lo, hi } = searchDocRange(kind);
    const base =
      (db
        .prepare('SELECT doc FROM search_docs WHERE doc BETWEEN ? AND ? ORDER BY doc DESC LIMIT 1')
        .pluck()
        .get(lo, hi) as number | undefined) ?? lo;
    // Rows written before the bulk were indexed by the triggers; `rowid >` skips reading them.
    const added = db
      .prepare(
        `INSERT INTO search_docs (doc, entity, entity_id)
         SELECT ? + row_number() OVER (ORDER BY t.rowid), ?, t.id FROM ${records} t
         WHERE t.rowid > ? AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.entity_id = t.id)`,
      )
      .run(base, kind, deferred.lastRowid[kind]).changes;
    if (added === 0) continue;
    db.prepare(
      `INSERT INTO ${searchTableOf[kind]} (rowid, title, body, folded, variant)
       SELECT d.doc, ${title}, ${body}, cb_fold(${foldArgs}), cb_variant(${foldArgs})
       FROM search_docs d JOIN ${records} t ON t.id = d.entity_id
       WHERE d.doc BETWEEN ? AND ? ORDER BY d.doc`,
    ).run(base + 1, hi);
  }
  for (const t of deferred.triggers) db.exec(t.sql);
}
