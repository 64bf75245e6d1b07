import { queryTerms, toMatchQuery } from '../../electron/core/match-query';
import {
  cyrillicToLatin,
  foldForIndex,
  foldWord,
  latinVariantRules,
  transliterate,
  variantKey,
  variantsForIndex,
  wordsOf,
} from '../../electron/core/transliterate';

describe('the transliteration table (cyrillicToLatin)', () => {
  it.each([
    // Russian (BGN/PCGN, simplified)
    ['Сергек', 'sergek'],
    ['Оникс', 'oniks'],
    ['Ташкент', 'tashkent'],
    ['Щёлково', 'shchelkovo'],
    ['Хабаровск', 'khabarovsk'],
    ['Цветков', 'tsvetkov'],
    ['Объект', 'obekt'],
    ['Юрий Ягода', 'yuriy yagoda'],
    ['Сигнатек', 'signatek'],
    // Kazakh
    ['Қазақстан', 'qazaqstan'],
    ['Шымкент', 'shymkent'],
    ['Жаңаөзен', 'zhanaozen'],
    ['Ұлытау', 'ulytau'],
    ['Әлімжан', 'alimzhan'],
    ['Үкімет', 'ukimet'],
    // Uzbek
    ['Тошкент', 'toshkent'],
    ['Ўзбекистон', 'ozbekiston'],
    ['Ғулом', 'gulom'],
    ['Ҳоким', 'hokim'],
    // Tajik, Ukrainian
    ['Ҷумҳурӣ', 'jumhuri'],
    ['Київ', 'kiyiv'],
    // Latin passes through, lower case, without diacritics
    ['Şymkent', 'symkent'],
    ['Zürich', 'zurich'],
    ['Qazaqstan Respublıkasy', 'qazaqstan respublikasy'],
  ])('%s → %s', (input, expected) => {
    expect(transliterate(input)).toBe(expected);
  });

  it('decomposed input (й as и + breve) reads the same as composed', () => {
    expect(transliterate('Сергей'.normalize('NFD'))).toBe(transliterate('Сергей'));
    expect(transliterate('Сергей')).toBe('sergey');
  });

  it('every letter of the table maps to plain Latin', () => {
    for (const [letter, latin] of Object.entries(cyrillicToLatin)) {
      expect(latin, letter).toMatch(/^[a-z]*$/);
      expect(transliterate(letter.toUpperCase()), letter).toBe(latin);
    }
  });
});

describe('spelling-variant keys (latinVariantRules)', () => {
  // Spellings that must share a key: the index and the query fold the same way.
  it.each([
    ['Toshkent', 'Tashkent', 'Ташкент'],
    ['Sergek', 'Sérgek', 'Сергек'],
    ['Kyiv', 'Kiev', 'Київ'],
    ['Şymkent', 'Shymkent', 'Шымкент'],
    ['Qazaqstan', 'Kazakhstan', 'Казахстан'],
    ['Jeltoqsan', 'Zheltoksan', 'Желтоқсан'],
    ['Xorazm', 'Khorezm', 'Хорезм'],
    ['Sergei', 'Sergey', 'Сергей'],
    ['Nazarbayev', 'Nazarbaev', 'Назарбаев'],
    ['Jizzax', 'Dzhizak', 'Джизак'],
    ['O‘zbekiston', "O'zbekiston", 'Ўзбекистон'],
  ])('%s, %s and %s share a key', (a, b, c) => {
    const key = variantKey(foldWord(a));
    expect(key).not.toBeNull();
    expect(variantKey(foldWord(b))).toBe(key);
    expect(variantKey(foldWord(c))).toBe(key);
  });

  it.each([
    ['Toshkent', 'Tokyo'],
    ['Sergek', 'Signatek'],
    ['Huawei', 'Hikvision'],
    ['Oniks', 'Onyx'],
  ])('%s and %s stay apart', (a, b) => {
    expect(variantKey(foldWord(a))).not.toBe(variantKey(foldWord(b)));
  });

  it('numbers and non-Latin scripts have no key (they are matched as written)', () => {
    expect(variantKey('2019')).toBeNull();
    expect(variantKey(foldWord('华为'))).toBeNull();
  });

  it('each rule says why it is there', () => {
    for (const [pattern, , why] of latinVariantRules) expect(why.length, String(pattern)).toBeGreaterThan(5);
  });
});

describe('what the index stores', () => {
  it('folded: only the words transliteration changes, once each', () => {
    expect(foldForIndex('Сергек', 'Sergek Group', 'Сергек')).toBe('sergek');
    expect(foldForIndex('Oniks-Line', null)).toBeNull();
    expect(foldForIndex("O'zbekiston")).toBe('ozbekiston');
    expect(foldForIndex(null, undefined, '')).toBeNull();
  });

  it('variant: one key per distinct word', () => {
    expect(variantsForIndex('Тошкент Tashkent', 'Ташкент')).toBe('taskant');
  });

  it('words keep their inner apostrophes and split at hyphens', () => {
    expect(wordsOf('Oniks-Line in O‘zbekiston (2019)')).toEqual([
      'Oniks',
      'Line',
      'in',
      'O‘zbekiston',
      '2019',
    ]);
  });
});

describe('query → FTS5 MATCH', () => {
  it('quotes every word, so FTS5 syntax typed by a user is only text', () => {
    const match = toMatchQuery('Sergek" OR title:* NEAR(a b)');
    expect(match).not.toBeNull();
    // Every bare word of the expression is one of ours; everything typed is inside quotes.
    const outsideQuotes = match!.replace(/"(?:[^"]|"")*"\*?/g, '');
    expect(
      outsideQuotes.replace(/[{}():]|\bOR\b|\bAND\b|\btitle\b|\bbody\b|\bfolded\b|\bvariant\b|\s/g, ''),
    ).toBe('');
  });

  it('nothing to search for gives null', () => {
    expect(toMatchQuery('  ?! ')).toBeNull();
  });

  it('only the last word, the one being typed, is a prefix; short words are not matched loosely', () => {
    const [one, two, four] = queryTerms('S To Tosh');
    expect(one).toMatchObject({ prefix: false, variant: null });
    expect(two).toMatchObject({ prefix: false, variant: null });
    expect(four).toMatchObject({ prefix: true, variant: 'tas' });
    expect(queryTerms('Toshkent Sergek')[0]).toMatchObject({ prefix: false, variant: 'taskant' });
  });
});
