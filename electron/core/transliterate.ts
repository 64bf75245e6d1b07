/**
 * Cyrillic → Latin folding for search, so a Latin query finds Cyrillic text and the reverse.
 * Table: Russian after BGN/PCGN (simplified: no diacritics, ё→e), extended with the letters of
 * Kazakh (2021 Latin alphabet values, without diacritics) and Uzbek Cyrillic (official Latin).
 * The folded text is stored in the search index beside the original (column `folded`).
 */
export const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'ng',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Uzbek
  ў: 'o',
  ҳ: 'h',
};

/** Lower-cases, strips diacritics and transliterates Cyrillic; Latin text passes through unchanged. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += cyrillicToLatin[ch] ?? ch;
  return out.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** The SQL function the search triggers call (registered on every connection as `cb_fold`). */
export function foldForIndex(text: unknown): string | null {
  if (typeof text !== 'string' || text === '') return null;
  return transliterate(text);
}
