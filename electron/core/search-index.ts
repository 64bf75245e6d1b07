// The search index's layout (migrations/0003_search_across_scripts.sql) and its upkeep when the
// app's folding changes. The index itself is kept in step with the records by SQL triggers.
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
