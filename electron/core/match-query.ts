import { transliterate } from './transliterate';

/**
 * Turns what a person typed into a safe FTS5 MATCH expression: every word must match (as a
 * prefix, since people search while typing), either as written in the text columns or in its
 * transliterated form in the `folded` column. User text never reaches FTS5 syntax unquoted.
 * Returns null when there is nothing to search for.
 */
export function toMatchQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 16) ?? [];
  if (words.length === 0) return null;
  return words
    .map((word) => {
      const folded = transliterate(word);
      const quote = (w: string) => `"${w.replace(/"/g, '""')}"*`;
      return `({title body}: ${quote(word)} OR folded: ${quote(folded)})`;
    })
    .join(' AND ');
}
