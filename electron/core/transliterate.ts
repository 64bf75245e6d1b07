// Cross-script folding for search. Investigators meet the same name in Cyrillic and in several Latin
// spellings (Ташкент, Toshkent, Tashkent; Шымкент, Şymkent, Shymkent), so the index keeps, beside
// the original text, two derived forms of every word:
//   folded  — the word transliterated to plain Latin (only for words the transliteration changes);
//   variant — a spelling-variant key of the word: Latin digraphs and vowels folded together.
// A query word matches the original, its own folded form, or (for words of 4+ letters) its key.

/**
 * Bump when `foldWord`, `variantKey` or the tables below change what they produce: case files
 * indexed under another version are re-indexed when opened (see search-index.ts).
 */
export const FOLD_VERSION = 1;

/**
 * The transliteration table, Cyrillic → Latin. Russian after BGN/PCGN, simplified (no diacritics,
 * ё → e, й → y); the extra letters of Kazakh after its 2021 Latin alphabet without diacritics
 * (ә → a, ғ → g, қ → q, ң → n, ө → o, ұ/ү → u, һ → h, і → i); Uzbek Cyrillic after the official
 * Uzbek Latin alphabet (ў → o‘ → o, қ → q, ғ → g‘ → g, ҳ → h); plus Tajik and Ukrainian letters.
 * Where the languages disagree on a shared letter (х: kh / x / h; ж: zh / j) the Russian value is
 * used here and `latinVariantRules` folds the alternatives together.
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
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Uzbek
  ў: 'o',
  ҳ: 'h',
  // Tajik
  ҷ: 'j',
  ӣ: 'i',
  ӯ: 'u',
  // Ukrainian
  є: 'ye',
  ї: 'yi',
  ґ: 'g',
};

/**
 * Latin letters that Unicode decomposition does not reduce to a base letter, so stripping
 * diacritics alone would leave them apart from their plain spelling (Kazakh 2021 uses ı).
 */
export const latinFolds: Readonly<Record<string, string>> = {
  ı: 'i',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/**
 * The spelling-variant rules, applied in order to a folded (plain Latin) word to give its key.
 * Each rule names the letters whose spellings differ between Russian transliteration, the Kazakh
 * and Uzbek Latin alphabets and English usage. Vowels go last and fold to one letter: they are
 * what spellings of the same name disagree on most (Toshkent / Tashkent, Sergei / Sergey).
 */
export const latinVariantRules: readonly (readonly [pattern: RegExp, replacement: string, why: string])[] = [
  [/dzh/g, 'j', 'дж: dzh (Russian) / j (Uzbek, Kazakh, English)'],
  [/shch/g, 's', 'щ: shch (Russian) / sh'],
  [/sh/g, 's', 'ш: sh (Russian, Uzbek, English) / ş (Kazakh 2021, folded to s)'],
  [/ch/g, 'c', 'ч: ch (Russian, Uzbek, English) / ç (Kazakh 2021, folded to c)'],
  [/zh/g, 'j', 'ж: zh (Russian) / j (Kazakh, Uzbek)'],
  [/kh/g, 'k', 'х: kh (Russian) / x (Uzbek); қ: q (Kazakh, Uzbek) / k (Russian, English)'],
  [/[xq]/g, 'k', 'х: x (Uzbek); қ: q (Kazakh, Uzbek)'],
  [/gh/g, 'g', 'ғ: gh / g‘ (Uzbek) / ğ (Kazakh 2021)'],
  [/ts/g, 'c', 'ц: ts (Russian) / c'],
  [/w/g, 'v', 'в: v / w (German and Polish spellings)'],
  [/ph/g, 'f', 'ф: f / ph'],
  [/([a-z])\1+/g, '$1', 'doubled letters: Massaget / Masaget'],
  [/[aeiouy]+/g, 'a', 'vowels: Toshkent / Tashkent, Sergei / Sergey, Nazarbayev / Nazarbaev'],
];

/** Apostrophe-like marks that are part of an Uzbek Latin letter (o‘, g‘) or a name (O'Brien). */
const APOSTROPHES = /['’ʻʼ‘`]/g;

/**
 * A word as a person would type it: letters and digits with their combining marks, and
 * apostrophes inside the word (O‘zbekiston is one word, not "O" and "zbekiston").
 */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’ʻʼ‘`][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Lower case without diacritics — what the search tokenizer (unicode61, remove_diacritics 2) indexes. */
export function plainLower(text: string): string {
  return stripMarks(text.normalize('NFC').toLowerCase());
}

/** Lower-cases, transliterates Cyrillic (`cyrillicToLatin`) and strips diacritics; Latin passes through. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLowerCase()) out += cyrillicToLatin[ch] ?? latinFolds[ch] ?? ch;
  return stripMarks(out);
}

/** One word in plain Latin: transliterated, without diacritics or apostrophes. */
export function foldWord(word: string): string {
  return transliterate(word).replace(APOSTROPHES, '');
}

/** The spelling-variant key of a folded word, or null when the word has no Latin letters to fold. */
export function variantKey(folded: string): string | null {
  if (!/^[a-z0-9]*[a-z][a-z0-9]*$/.test(folded)) return null;
  let key = folded;
  for (const [pattern, replacement] of latinVariantRules) key = key.replace(pattern, replacement);
  return key.length >= 2 ? key : null;
}

/**
 * What the index stores for one word, memoised: the index triggers fold every word of every record
 * written, and folding (normalisation, regexes) cost more than the rest of an insert. The words of
 * a case repeat (names, places, vendors), so a bounded cache answers almost all of them.
 */
const formsCache = new Map<string, { folded: string | null; key: string | null }>();
const FORMS_CACHE_MAX = 50_000;

function indexForms(word: string): { folded: string | null; key: string | null } {
  let forms = formsCache.get(word);
  if (forms === undefined) {
    const folded = foldWord(word);
    forms = { folded: folded !== '' && folded !== plainLower(word) ? folded : null, key: variantKey(folded) };
    if (formsCache.size >= FORMS_CACHE_MAX) formsCache.clear();
    formsCache.set(word, forms);
  }
  return forms;
}

function joinParts(parts: unknown[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}

/**
 * The `folded` column (SQL function `cb_fold`): the plain-Latin form of each distinct word that
 * the transliteration changes. Words it leaves alone are already in the title and body columns.
 */
export function foldForIndex(...parts: unknown[]): string | null {
  const text = joinParts(parts);
  if (text === '') return null;
  const out = new Set<string>();
  for (const word of wordsOf(text)) {
    const folded = indexForms(word).folded;
    if (folded !== null) out.add(folded);
  }
  return out.size ? [...out].join(' ') : null;
}

/** The `variant` column (SQL function `cb_variant`): the distinct spelling-variant keys of the words. */
export function variantsForIndex(...parts: unknown[]): string | null {
  const text = joinParts(parts);
  if (text === '') return null;
  const out = new Set<string>();
  for (const word of wordsOf(text)) {
    const key = indexForms(word).key;
    if (key) out.add(key);
  }
  return out.size ? [...out].join(' ') : null;
}
