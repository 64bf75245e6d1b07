import { foldWord, plainLower, variantKey, wordsOf } from './transliterate';

/** Query words shorter than this are not matched through their spelling-variant key: too loose. */
export const VARIANT_MIN_LETTERS = 4;
/** A one-letter word is matched exactly: as a prefix it would match most of the index. */
const PREFIX_MIN_LETTERS = 2;
const MAX_WORDS = 16;

/** One word of a query, in each form it is looked up by (also used to highlight matches). */
export interface QueryTerm {
  /** Lower case without diacritics, as the tokenizer indexes the original text. */
  plain: string;
  /** Transliterated to plain Latin. */
  folded: string;
  /** Spelling-variant key, or null when the word is too short or has no Latin letters. */
  variant: string | null;
  /**
   * Matched as a prefix: only the last word, the one being typed — the words before it are
   * complete, and each prefix costs a pass over every indexed word that starts with it.
   */
  prefix: boolean;
}

export function queryTerms(text: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const words = wordsOf(text).slice(0, MAX_WORDS);
  for (const [i, word] of words.entries()) {
    const folded = foldWord(word);
    const plain = plainLower(word);
    if (folded === '' && plain === '') continue;
    terms.push({
      plain,
      folded,
      variant: [...folded].length >= VARIANT_MIN_LETTERS ? variantKey(folded) : null,
      prefix: i === words.length - 1 && [...plain].length >= PREFIX_MIN_LETTERS,
    });
  }
  return terms;
}

const quoted = (word: string, prefix: boolean) => `"${word.replace(/"/g, '""')}"${prefix ? '*' : ''}`;

/**
 * Turns what a person typed into a safe FTS5 MATCH expression: every word must match — the last
 * one as a prefix, since people search while typing — as written, transliterated, or by its
 * spelling-variant key. User text only ever appears inside quoted FTS5 strings. Null when there is
 * nothing to search for.
 */
export function toMatchQuery(text: string): string | null {
  const terms = queryTerms(text);
  if (terms.length === 0) return null;
  return terms
    .map((t) => {
      const branches: string[] = [];
      if (t.plain !== '' && t.plain !== t.folded) branches.push(`{title body}: ${quoted(t.plain, t.prefix)}`);
      if (t.folded !== '') branches.push(`{title body folded}: ${quoted(t.folded, t.prefix)}`);
      if (t.variant) branches.push(`variant: ${quoted(t.variant, t.prefix)}`);
      return `(${branches.join(' OR ')})`;
    })
    .join(' AND ');
}
