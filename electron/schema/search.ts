import { z } from 'zod';

export const searchKinds = ['claim', 'source', 'evidence', 'deal', 'actor'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const SearchQuery = z
  .object({
    query: z.string().max(200),
    kinds: z.array(z.enum(searchKinds)).max(5).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    includeRemoved: z.boolean().default(false),
  })
  .strict();

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** Text with matches wrapped in U+0002 … U+0003 markers, so the UI highlights without parsing HTML. */
  snippet: string;
  rank: number;
  /** For evidence: the claim it belongs to, to open it. */
  claimId?: string;
}

export interface SearchResult {
  query: string;
  groups: { kind: SearchKind; hits: SearchHit[] }[];
  total: number;
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

