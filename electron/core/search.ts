import { type SearchHit, type SearchKind, SearchQuery, type SearchResult, searchKinds } from '../schema/search';
import type { CaseFile } from './db';
import { parseInput } from './errors';
import { toMatchQuery } from './match-query';

const liveCheck: Record<SearchKind, string> = {
  claim: 'SELECT deleted_at IS NULL FROM claims WHERE id = ?',
  source: 'SELECT deleted_at IS NULL FROM sources WHERE id = ?',
  evidence:
    'SELECT e.deleted_at IS NULL AND c.deleted_at IS NULL FROM evidence e JOIN claims c ON c.id = e.claim_id WHERE e.id = ?',
  deal: 'SELECT deleted_at IS NULL FROM deals WHERE id = ?',
  actor: 'SELECT deleted_at IS NULL FROM actors WHERE id = ?',
};

/**
 * One query over every record kind, ranked by bm25 with the title weighted over the body. The
 * ranked set is capped, so a word that matches most of a large case still answers its first
 * page quickly instead of ranking every row.
 */
export function searchCase(c: CaseFile, input: unknown): SearchResult {
  const v = parseInput(SearchQuery, input);
  const match = toMatchQuery(v.query);
  if (!match) return { query: v.query, groups: [], total: 0 };
  const kinds = new Set<SearchKind>(v.kinds?.length ? v.kinds : searchKinds);
  const rows = c
    .stmt(
      `SELECT d.entity AS kind, d.entity_id AS id, search_fts.title AS title,
              snippet(search_fts, -1, char(2), char(3), '…', 12) AS snippet,
              bm25(search_fts, 4.0, 1.0, 2.0) AS rank
       FROM search_fts JOIN search_docs d ON d.doc = search_fts.rowid
       WHERE search_fts MATCH ?
       ORDER BY rank LIMIT 2000`,
    )
    .all(match) as { kind: SearchKind; id: string; title: string; snippet: string; rank: number }[];
  const groups = new Map<SearchKind, SearchHit[]>();
  let total = 0;
  for (const row of rows) {
    if (!kinds.has(row.kind)) continue;
    if (!v.includeRemoved && c.stmt(liveCheck[row.kind]).pluck().get(row.id) !== 1) continue;
    total++;
    const list = groups.get(row.kind) ?? [];
    if (list.length >= v.limit) continue;
    const hit: SearchHit = { kind: row.kind, id: row.id, title: row.title, snippet: row.snippet, rank: row.rank };
    if (row.kind === 'evidence') {
      hit.claimId = c.stmt('SELECT claim_id FROM evidence WHERE id = ?').pluck().get(row.id) as string;
    }
    list.push(hit);
    groups.set(row.kind, list);
  }
  return { query: v.query, groups: searchKinds.filter((k) => groups.has(k)).map((kind) => ({ kind, hits: groups.get(kind)! })), total };
}
