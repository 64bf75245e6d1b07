import { z } from 'zod';

export const searchKinds = ['claim', 'source', 'evidence', 'deal', 'actor'] as const;
export type SearchKind = (typeof searchKinds)[number];

/**
 * At most this many matches of one kind are ranked: the most recent ones. A word that matches
 * most of a large case answers at once, with `capped` set so the UI can say "300+ — refine".
 * bm25 costs per candidate, so this sets the time of a common word at size (1M evidence links:
 * 92 ms at 1,000; see the bench); the palette shows 20 of a kind.
 */
export const SEARCH_RANK_CAP = 300;

export const SearchQuery = z
  .object({
    query: z.string().max(200),
    kinds: z.array(z.enum(searchKinds)).max(5).optional(),
    /** Hits shown per kind. */
    limit: z.number().int().min(1).max(100).default(20),
    includeRemoved: z.boolean().default(false),
  })
  .strict();

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The record's title (statement, excerpt, name…), whitespace collapsed, cut at 300 characters. */
  title: string;
  /**
   * About 220 characters of the record's text around the first match; every matched word is
   * wrapped in HIGHLIGHT_START (U+0002) … HIGHLIGHT_END (U+0003), so the UI highlights without
   * parsing HTML. "…" marks text cut at either end.
   */
  snippet: string;
  /** bm25: lower is better. Hits come sorted by it within their group. */
  rank: number;
  /** Only when the query asked for removed records: this one is removed (or its claim is). */
  removed: boolean;
  /** For evidence: the claim it belongs to, to open it, and that claim's statement. */
  claimId?: string;
  context?: string;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
  /** Matches of this kind that were ranked; when `capped`, there are more than this. */
  total: number;
  /** More than SEARCH_RANK_CAP records of this kind match: the most recent ones were ranked. */
  capped: boolean;
}

export interface SearchResult {
  query: string;
  /** Only kinds with at least one hit, in the order of `searchKinds`. */
  groups: SearchGroup[];
  total: number;
  capped: boolean;
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** Splits a snippet into plain and highlighted parts, for rendering as text and <mark>. */
export function snippetParts(snippet: string): { text: string; highlighted: boolean }[] {
  const parts: { text: string; highlighted: boolean }[] = [];
  for (const [i, piece] of snippet.split(HIGHLIGHT_START).entries()) {
    if (i === 0) {
      if (piece) parts.push({ text: piece, highlighted: false });
      continue;
    }
    const end = piece.indexOf(HIGHLIGHT_END);
    const marked = end >= 0 ? piece.slice(0, end) : piece;
    const rest = end >= 0 ? piece.slice(end + 1) : '';
    if (marked) parts.push({ text: marked, highlighted: true });
    if (rest) parts.push({ text: rest, highlighted: false });
  }
  return parts;
}
