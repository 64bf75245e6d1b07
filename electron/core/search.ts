import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  SEARCH_RANK_CAP,
  type SearchGroup,
  type SearchHit,
  type SearchKind,
  SearchQuery,
  type SearchResult,
  searchKinds,
} from '../schema/search';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { type QueryTerm, queryTerms, toMatchQuery } from './match-query';
import { inList } from './records';
import { searchDocRange, searchTableOf } from './search-index';
import { foldWord, plainLower, variantKey, WORD } from './transliterate';

/**
 * Per kind: the record table joined to the index row, the SQL that says whether the record is
 * removed (evidence of a removed claim counts as removed), and the claim an evidence hit opens.
 * Fixed text, never user input.
 */
const kindSql: Record<SearchKind, { join: string; removed: string; claimId: string }> = {
  claim: {
    join: 'JOIN claims t ON t.id = d.entity_id',
    removed: 't.deleted_at IS NOT NULL',
    claimId: 'NULL',
  },
  source: {
    join: 'JOIN sources t ON t.id = d.entity_id',
    removed: 't.deleted_at IS NOT NULL',
    claimId: 'NULL',
  },
  evidence: {
    join: 'JOIN evidence t ON t.id = d.entity_id JOIN claims c ON c.id = t.claim_id',
    removed: '(t.deleted_at IS NOT NULL OR c.deleted_at IS NOT NULL)',
    claimId: 't.claim_id',
  },
  deal: { join: 'JOIN deals t ON t.id = d.entity_id', removed: 't.deleted_at IS NOT NULL', claimId: 'NULL' },
  actor: {
    join: 'JOIN actors t ON t.id = d.entity_id',
    removed: 't.deleted_at IS NOT NULL',
    claimId: 'NULL',
  },
};

/**
 * The candidates of one kind: its most recent matches, at most `cap` of them, read newest first
 * straight off the index (its rowids are ordered by kind, then by age) with the liveness of each
 * record joined in — one query, so a common word stops after `cap` rows instead of ranking the
 * whole case. bm25 weights: title 4, body 1, transliterated 2, spelling variant 0.5.
 */
function candidateSql(kind: SearchKind, includeRemoved: boolean): string {
  const k = kindSql[kind];
  const fts = searchTableOf[kind];
  return `SELECT ${fts}.rowid AS doc, d.entity_id AS id, bm25(${fts}, 4.0, 1.0, 2.0, 0.5) AS rank,
            ${k.removed} AS removed, ${k.claimId} AS claim_id
          FROM ${fts} JOIN search_docs d ON d.doc = ${fts}.rowid ${k.join}
          WHERE ${fts} MATCH @match AND ${fts}.rowid BETWEEN @lo AND @hi
            ${includeRemoved ? '' : `AND NOT ${k.removed}`}
          ORDER BY ${fts}.rowid DESC LIMIT @cap`;
}

interface Candidate {
  doc: number;
  id: string;
  rank: number;
  removed: number;
  claim_id: string | null;
}

/**
 * One query over every record kind: grouped by kind, ranked by bm25 within each group's capped
 * candidates, each hit with a snippet of its own text where the matched words are marked.
 */
export function searchCase(c: CaseFile, input: unknown): SearchResult {
  const v = parseInput(SearchQuery, input);
  const match = toMatchQuery(v.query);
  if (!match) return { query: v.query, groups: [], total: 0, capped: false };
  const wanted = new Set<SearchKind>(v.kinds?.length ? v.kinds : searchKinds);
  const picked: { kind: SearchKind; group: SearchGroup; rows: Candidate[] }[] = [];
  c.read(() => {
    for (const kind of searchKinds) {
      if (!wanted.has(kind)) continue;
      const rows = c
        .stmt(candidateSql(kind, v.includeRemoved))
        .all({ match, ...searchDocRange(kind), cap: SEARCH_RANK_CAP + 1 }) as Candidate[];
      if (rows.length === 0) continue;
      const capped = rows.length > SEARCH_RANK_CAP;
      const ranked = rows.slice(0, SEARCH_RANK_CAP);
      // Stable sort: equal ranks stay newest first.
      ranked.sort((a, b) => a.rank - b.rank);
      picked.push({
        kind,
        group: { kind, hits: [], total: ranked.length, capped },
        rows: ranked.slice(0, v.limit),
      });
    }
  });
  const shown = picked.flatMap((p) => p.rows);
  const texts = loadTexts(
    c,
    picked.flatMap((p) => p.rows.map((r) => ({ doc: r.doc, fts: searchTableOf[p.kind] }))),
  );
  const statements = loadStatements(
    c,
    shown.flatMap((r) => (r.claim_id ? [r.claim_id] : [])),
  );
  const terms = queryTerms(v.query);
  for (const { kind, group, rows } of picked) {
    group.hits = rows.map((row) => {
      const text = texts.get(row.doc) ?? { title: '', body: null };
      const hit: SearchHit = {
        kind,
        id: row.id,
        title: clip(text.title, TITLE_MAX),
        snippet: snippetOf([text.title, text.body ?? ''], terms),
        rank: row.rank,
        removed: row.removed === 1,
      };
      if (row.claim_id) {
        hit.claimId = row.claim_id;
        hit.context = clip(statements.get(row.claim_id) ?? '', TITLE_MAX);
      }
      return hit;
    });
  }
  const groups = picked.map((p) => p.group);
  return {
    query: v.query,
    groups,
    total: groups.reduce((n, g) => n + g.total, 0),
    capped: groups.some((g) => g.capped),
  };
}

function loadTexts(
  c: CaseFile,
  docs: { doc: number; fts: string }[],
): Map<number, { title: string; body: string | null }> {
  const out = new Map<number, { title: string; body: string | null }>();
  for (const fts of new Set(docs.map((d) => d.fts))) {
    // `fts` is one of the fixed table names of searchTableOf; the rowids are bound.
    const q = inList(
      'rowid',
      docs.filter((d) => d.fts === fts).map((d) => d.doc),
    );
    const rows = c.db
      .prepare(`SELECT rowid AS doc, title, body FROM ${fts} WHERE ${q.sql}`)
      .all(...q.params) as {
      doc: number;
      title: string;
      body: string | null;
    }[];
    for (const r of rows) out.set(r.doc, { title: r.title, body: r.body });
  }
  return out;
}

function loadStatements(c: CaseFile, claimIds: string[]): Map<string, string> {
  const ids = [...new Set(claimIds)];
  if (ids.length === 0) return new Map();
  const q = inList('id', ids);
  const rows = c.db.prepare(`SELECT id, statement FROM claims WHERE ${q.sql}`).all(...q.params) as {
    id: string;
    statement: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.statement]));
}

// ---- Snippets ----

const TITLE_MAX = 300;
/** About this many characters of context are shown around the first match. */
const SNIPPET_LENGTH = 220;
const SNIPPET_BEFORE = 60;
/** Matches are looked for in the first this-many characters of a long text (an excerpt may be 1 MB). */
const SCAN_LIMIT = 100_000;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function tokenMatches(token: string, terms: QueryTerm[]): boolean {
  const plain = plainLower(token);
  const folded = foldWord(token);
  let key: string | null | undefined;
  for (const t of terms) {
    const hit = (form: string, term: string) => (t.prefix ? form.startsWith(term) : form === term);
    if (t.plain && hit(plain, t.plain)) return true;
    if (t.folded && (hit(folded, t.folded) || hit(plain, t.folded))) return true;
    if (t.variant) {
      key ??= variantKey(folded);
      if (key && hit(key, t.variant)) return true;
    }
  }
  return false;
}

/**
 * A window of the first text that contains a matched word, the matched words wrapped in
 * HIGHLIGHT_START … HIGHLIGHT_END. Marks the same words the index matched (as written,
 * transliterated, or by spelling variant), so "Sergek" lights up "Сергек".
 */
export function snippetOf(texts: string[], terms: QueryTerm[]): string {
  for (const raw of texts) {
    // The markers are control characters; the record's own text must not fake one.
    const text = raw.slice(0, SCAN_LIMIT).replace(/\p{Cc}/gu, ' ');
    const matches: [number, number][] = [];
    for (const m of text.matchAll(WORD)) {
      if (tokenMatches(m[0], terms)) matches.push([m.index, m.index + m[0].length]);
    }
    if (matches.length === 0) continue;
    let start = Math.max(0, matches[0]![0] - SNIPPET_BEFORE);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      start = space >= 0 && space < matches[0]![0] ? space + 1 : start;
    }
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      end = space > matches[0]![1] ? space : Math.max(end, matches[0]![1]);
    }
    let out = start > 0 ? '…' : '';
    let at = start;
    for (const [s, e] of matches) {
      if (s < start || e > end) continue;
      out += text.slice(at, s) + HIGHLIGHT_START + text.slice(s, e) + HIGHLIGHT_END;
      at = e;
    }
    out += text.slice(at, end) + (end < raw.length ? '…' : '');
    return out.replace(/\s+/g, ' ').trim();
  }
  return clip(texts[0] ?? '', SNIPPET_LENGTH);
}
