// Search as an investigator uses it: one box over every record kind, names in any script or
// spelling, removed records out of the way, and a common word answering at once on a big case.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createActor, removeActor, updateActor } from '../../electron/core/actors';
import { createClaim, removeClaim } from '../../electron/core/claims';
import type { CaseFile } from '../../electron/core/db';
import { createDeal } from '../../electron/core/deals';
import { addEvidence } from '../../electron/core/evidence';
import { newId, nowIso } from '../../electron/core/ids';
import { defaultMigrationsDir } from '../../electron/core/migrations';
import { searchCase } from '../../electron/core/search';
import { registerSearchFunctions, searchTables } from '../../electron/core/search-index';
import { createSource } from '../../electron/core/sources';
import { FOLD_VERSION } from '../../electron/core/transliterate';
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  SEARCH_RANK_CAP,
  type SearchKind,
  type SearchResult,
  snippetParts,
} from '../../electron/schema/search';
import {
  useTempCases as cleanUpTempCases,
  coreError,
  newCase,
  reopenCase,
  tempDir,
} from '../support/temp-case';

// Registers the clean-up of temp folders and open cases after each test.
cleanUpTempCases();

const hitIds = (r: SearchResult, kind?: SearchKind) =>
  r.groups.filter((g) => !kind || g.kind === kind).flatMap((g) => g.hits.map((h) => h.id));
const marked = (snippet: string) =>
  snippetParts(snippet)
    .filter((p) => p.highlighted)
    .map((p) => p.text);

/** A small case in the spirit of the sample: every record kind, names in several scripts. */
function sampleCase(c: CaseFile) {
  const sergek = createActor(c, {
    name: 'Сергек',
    kind: 'company',
    country: 'Kazakhstan',
    aliases: ['Sergek Group'],
  });
  const oniks = createActor(c, { name: 'Oniks-Line', kind: 'company', country: 'Russia' });
  const deal = createDeal(c, {
    title: 'Safe City for the capital',
    technology: 'cctv',
    status: 'deployed',
    country: 'Uzbekistan',
    summary: 'Cameras installed across Ташкент in 2019',
  });
  const report = createSource(c, {
    title: 'Surveillance exports to Central Asia',
    kind: 'report',
    reliability: 'B',
    author: 'Dina Abenova',
    publisher: 'Zürich Institute',
    notes: 'Procurement tables in annex Qorgau',
  });
  const uzbek = createSource(c, {
    title: 'Тошкент шаҳар ҳокимлиги',
    kind: 'official_record',
    reliability: 'A',
  });
  const claim = createClaim(c, {
    statement: 'Signatek supplied SORM equipment to Tashkent',
    tags: ['lawful-intercept'],
  });
  const evidence = addEvidence(c, {
    claimId: claim.id,
    sourceId: report.id,
    stance: 'supports',
    excerpt: 'The contract with Signatek was signed in 2018.',
    note: 'Cross-check with the École tender list',
    credibility: 2,
  });
  return { sergek, oniks, deal, report, uzbek, claim, evidence };
}

describe('search: every record kind', () => {
  it.each([
    ['claim statement', 'SORM equipment', 'claim', 'claim'],
    ['claim tag', 'lawful-intercept', 'claim', 'claim'],
    ['source title', 'exports Central', 'source', 'report'],
    ['source author', 'Abenova', 'source', 'report'],
    ['source publisher', 'Institute', 'source', 'report'],
    ['source notes', 'annex', 'source', 'report'],
    ['evidence excerpt', 'contract signed', 'evidence', 'evidence'],
    ['evidence note', 'tender', 'evidence', 'evidence'],
    ['deal title', 'Safe City', 'deal', 'deal'],
    ['deal summary', 'cameras installed', 'deal', 'deal'],
    ['actor name', 'Oniks-Line', 'actor', 'oniks'],
    ['actor alias', 'Group', 'actor', 'sergek'],
  ] as const)('finds a %s', (_what, query, kind, record) => {
    const c = newCase();
    const s = sampleCase(c);
    const r = searchCase(c, { query });
    expect(hitIds(r, kind)).toContain(s[record].id);
  });

  it('groups hits by kind, in a fixed order, and filters by kind', () => {
    const c = newCase();
    const s = sampleCase(c);
    const all = searchCase(c, { query: 'Signatek' });
    expect(all.groups.map((g) => g.kind)).toEqual(['claim', 'evidence']);
    expect(all.total).toBe(2);
    const only = searchCase(c, { query: 'Signatek', kinds: ['evidence'] });
    expect(only.groups.map((g) => g.kind)).toEqual(['evidence']);
    expect(hitIds(only)).toEqual([s.evidence.id]);
  });

  it('an evidence hit names the claim to open and shows its statement', () => {
    const c = newCase();
    const s = sampleCase(c);
    const [hit] = searchCase(c, { query: 'contract', kinds: ['evidence'] }).groups[0]!.hits;
    expect(hit).toMatchObject({ claimId: s.claim.id, context: s.claim.statement, removed: false });
  });

  it('every word must match, in any field', () => {
    const c = newCase();
    const s = sampleCase(c);
    expect(hitIds(searchCase(c, { query: 'surveillance Abenova' }))).toEqual([s.report.id]);
    expect(searchCase(c, { query: 'surveillance Nobody' }).total).toBe(0);
  });

  it('a title match ranks above a match in the body', () => {
    const c = newCase();
    const inBody = createSource(c, {
      title: 'Annual report',
      kind: 'report',
      reliability: 'C',
      notes: 'mentions Hikvision once',
    });
    const inTitle = createSource(c, { title: 'Hikvision in Central Asia', kind: 'report', reliability: 'C' });
    expect(hitIds(searchCase(c, { query: 'Hikvision' }))).toEqual([inTitle.id, inBody.id]);
  });

  it('follows edits: a renamed actor is found by its new name only', () => {
    const c = newCase();
    const { oniks } = sampleCase(c);
    updateActor(c, { id: oniks.id, name: 'Protei' });
    expect(hitIds(searchCase(c, { query: 'Protei' }))).toEqual([oniks.id]);
    expect(searchCase(c, { query: 'Oniks' }).total).toBe(0);
  });
});

describe('search: snippets', () => {
  it('wraps each matched word in the highlight markers', () => {
    const c = newCase();
    sampleCase(c);
    const [hit] = searchCase(c, { query: 'signatek 2018', kinds: ['evidence'] }).groups[0]!.hits;
    expect(hit!.snippet).toBe(
      `The contract with ${HIGHLIGHT_START}Signatek${HIGHLIGHT_END} was signed in ${HIGHLIGHT_START}2018${HIGHLIGHT_END}.`,
    );
  });

  it('highlights across scripts: "Sergek" marks Сергек', () => {
    const c = newCase();
    sampleCase(c);
    const [hit] = searchCase(c, { query: 'Sergek', kinds: ['actor'] }).groups[0]!.hits;
    expect(marked(hit!.snippet)).toEqual(['Сергек']);
  });

  it('cuts a long text around the first match, with ellipses', () => {
    const c = newCase();
    const long = `${'Background paragraph about procurement. '.repeat(40)}Then Hikvision appears here. ${'More text. '.repeat(40)}`;
    createSource(c, { title: 'Long notes', kind: 'report', reliability: 'C', notes: long });
    const [hit] = searchCase(c, { query: 'Hikvision' }).groups[0]!.hits;
    expect(hit!.snippet.startsWith('…')).toBe(true);
    expect(hit!.snippet.endsWith('…')).toBe(true);
    expect(hit!.snippet.length).toBeLessThan(260);
    expect(marked(hit!.snippet)).toEqual(['Hikvision']);
  });

  it('a record cannot fake a highlight with marker characters of its own', () => {
    const c = newCase();
    createSource(c, {
      title: `Fake ${HIGHLIGHT_START}mark${HIGHLIGHT_END} Hikvision`,
      kind: 'report',
      reliability: 'C',
    });
    const [hit] = searchCase(c, { query: 'Hikvision' }).groups[0]!.hits;
    expect(marked(hit!.snippet)).toEqual(['Hikvision']);
  });
});

describe('search: removed records', () => {
  it('are hidden unless asked for, and then marked removed', () => {
    const c = newCase();
    const { oniks } = sampleCase(c);
    removeActor(c, { id: oniks.id });
    expect(searchCase(c, { query: 'Oniks' }).total).toBe(0);
    const asked = searchCase(c, { query: 'Oniks', includeRemoved: true });
    expect(asked.groups[0]!.hits).toMatchObject([{ id: oniks.id, removed: true }]);
  });

  it('evidence of a removed claim is hidden with it', () => {
    const c = newCase();
    const { claim, evidence } = sampleCase(c);
    removeClaim(c, { id: claim.id });
    expect(hitIds(searchCase(c, { query: 'contract' }))).not.toContain(evidence.id);
    expect(hitIds(searchCase(c, { query: 'contract', includeRemoved: true }))).toContain(evidence.id);
  });
});

describe('search: across scripts and spellings', () => {
  // [query, text stored in a record, found?]
  it.each([
    ['Sergek', 'Сергек', true],
    ['Сергек', 'Sergek', true],
    ['Оникс', 'Oniks-Line', true],
    ['Oniks', 'ООО «Оникс-Лайн»', true],
    ['Toshkent', 'Ташкент', true],
    ['Tashkent', 'Ташкент', true],
    ['Ташкент', 'Toshkent shahri', true],
    ['Tashkent', 'Тошкент', true],
    ['Kazakhstan', 'Қазақстан Республикасы', true],
    ['Qazaqstan', 'Казахстан', true],
    ['Shymkent', 'Şymkent', true],
    ['Şymkent', 'Шымкент', true],
    ['Jeltoqsan', 'Желтоқсан', true],
    ['Khorezm', 'Xorazm viloyati', true],
    ['Ozbekiston', 'O‘zbekiston', true],
    ["O'zbekiston", 'Ўзбекистон', true],
    ['Sergey', 'Сергей', true],
    // Diacritics
    ['Zurich', 'Zürich', true],
    ['Zürich', 'Zurich', true],
    ['ecole', 'École', true],
    // Near spellings that are different names stay apart
    ['Sergek', 'Signatek', false],
    ['Toshkent', 'Tokyo', false],
    ['Huawei', 'Hikvision', false],
  ])('"%s" finds "%s": %s', (query, text, found) => {
    const c = newCase();
    const actor = createActor(c, { name: text, kind: 'organisation' });
    expect(hitIds(searchCase(c, { query })).includes(actor.id)).toBe(found);
  });

  it('an exact spelling ranks above a variant spelling', () => {
    const c = newCase();
    const variant = createActor(c, { name: 'Toshkent', kind: 'organisation' });
    const exact = createActor(c, { name: 'Tashkent', kind: 'organisation' });
    expect(hitIds(searchCase(c, { query: 'Toshkent' }))).toEqual([variant.id, exact.id]);
    expect(hitIds(searchCase(c, { query: 'Tashkent' }))).toEqual([exact.id, variant.id]);
  });
});

describe('search: while typing', () => {
  it.each([
    ['Surv', 'Surveillance exports'],
    ['Serg', 'Сергек'],
    ['Сер', 'Sergek'],
    ['Toshk', 'Ташкент'],
  ])('the prefix "%s" finds "%s"', (query, text) => {
    const c = newCase();
    const actor = createActor(c, { name: text, kind: 'organisation' });
    expect(hitIds(searchCase(c, { query }))).toContain(actor.id);
  });

  it('only the word being typed (the last) is a prefix; the words before it are whole words', () => {
    const c = newCase();
    const actor = createActor(c, { name: 'Surveillance cameras', kind: 'organisation' });
    expect(hitIds(searchCase(c, { query: 'surveillance cam' }))).toEqual([actor.id]);
    expect(hitIds(searchCase(c, { query: 'surv cameras' }))).toEqual([]);
  });

  it('a one-letter word matches whole words only', () => {
    const c = newCase();
    createActor(c, { name: 'Sergek', kind: 'company' });
    expect(searchCase(c, { query: 'S' }).total).toBe(0);
  });

  it('text typed as search syntax is searched for, never run', () => {
    const c = newCase();
    sampleCase(c);
    for (const query of ['"', 'title:x', 'a OR', 'NEAR(', '*', '^Sergek', 'col:"x" AND']) {
      expect(() => searchCase(c, { query }), query).not.toThrow();
    }
    expect(searchCase(c, { query: '  ' })).toEqual({ query: '  ', groups: [], total: 0, capped: false });
  });

  it('refuses an over-long query naming the field', () => {
    const c = newCase();
    expect(coreError(() => searchCase(c, { query: 'x'.repeat(201) }), 'invalid_input').fields).toHaveProperty(
      'query',
    );
  });
});

describe('search: a common word on a large case', () => {
  it('ranks only the most recent matches of a kind and says it did', { timeout: 120_000 }, () => {
    const c = newCase();
    const claim = createClaim(c, { statement: 'Cameras were delivered' });
    const source = createSource(c, { title: 'Customs records', kind: 'dataset', reliability: 'B' });
    const N = 50_000;
    const RARE_EVERY = 2_000;
    const ids: string[] = [];
    const t0 = performance.now();
    c.write(() => {
      const insert = c.stmt(
        `INSERT INTO evidence (id, claim_id, source_id, stance, excerpt, credibility, created_at, updated_at)
         VALUES (?, ?, ?, 'supports', ?, 3, ?, ?)`,
      );
      const at = nowIso();
      for (let i = 0; i < N; i++) {
        const id = newId();
        ids.push(id);
        const rare = i % RARE_EVERY === 0 ? ' Zhanaozen' : '';
        insert.run(
          id,
          claim.id,
          source.id,
          `Shipment ${i} of surveillance cameras cleared customs${rare}.`,
          at,
          at,
        );
      }
    });
    const built = performance.now() - t0;

    const t1 = performance.now();
    const common = searchCase(c, { query: 'surveillance', limit: 50 });
    const commonMs = performance.now() - t1;
    const group = common.groups.find((g) => g.kind === 'evidence')!;
    // The cap was applied: not 50,000 ranked, only the cap, and the answer says so.
    expect(group).toMatchObject({ capped: true, total: SEARCH_RANK_CAP });
    expect(common.capped).toBe(true);
    expect(group.hits).toHaveLength(50);
    // The ranked set is the most recent matches.
    const newest = new Set(ids.slice(-SEARCH_RANK_CAP));
    for (const hit of group.hits) expect(newest.has(hit.id)).toBe(true);

    // A rarer word is ranked in full and counted exactly.
    const t2 = performance.now();
    const rare = searchCase(c, { query: 'Жанаозен' });
    const rareMs = performance.now() - t2;
    expect(rare.groups[0]).toMatchObject({ kind: 'evidence', capped: false, total: N / RARE_EVERY });

    const t3 = performance.now();
    searchCase(c, { query: 'sur' });
    const prefixMs = performance.now() - t3;
    console.info(
      `search on ${N.toLocaleString('en-US')} evidence: indexed in ${built.toFixed(0)} ms; common word ${commonMs.toFixed(1)} ms, ` +
        `prefix "sur" ${prefixMs.toFixed(1)} ms, cross-script rare word ${rareMs.toFixed(1)} ms`,
    );
  });
});

describe('search: index upkeep', () => {
  it('re-indexes the spelling forms when the case was indexed by another version of the folding', () => {
    const c = newCase();
    const actor = createActor(c, { name: 'Ташкент', kind: 'organisation' });
    const path = c.path;
    // As if an older app had built the derived columns differently.
    c.db.prepare('UPDATE search_fts SET folded = NULL, variant = NULL').run();
    c.db.prepare("UPDATE case_meta SET value = '0' WHERE key = 'search_fold_version'").run();
    expect(searchCase(c, { query: 'Toshkent' }).total).toBe(0);
    c.close();

    const again = reopenCase(path);
    expect(hitIds(searchCase(again, { query: 'Toshkent' }))).toEqual([actor.id]);
    expect(
      again.db.prepare("SELECT value FROM case_meta WHERE key = 'search_fold_version'").pluck().get(),
    ).toBe(String(FOLD_VERSION));
  });

  it('a case written before cross-script search is fully searchable after the upgrade', () => {
    // A case at schema 1: only the first migration, as the first release wrote it.
    const v1 = tempDir('corroborate-migrations-');
    copyFileSync(join(defaultMigrationsDir(), '0001_init.sql'), join(v1, '0001_init.sql'));
    const old = newCase({ migrationsDir: v1 });
    const actor = createActor(old, { name: 'Сергек', kind: 'company' });
    const source = createSource(old, { title: 'Тошкент report', kind: 'report', reliability: 'C' });
    const path = old.path;
    old.close();

    const upgraded = reopenCase(path);
    expect(hitIds(searchCase(upgraded, { query: 'Sergek' }))).toEqual([actor.id]);
    expect(hitIds(searchCase(upgraded, { query: 'Tashkent' }))).toEqual([source.id]);
    // New records after the upgrade land in their kind's part of the index too.
    const later = createActor(upgraded, { name: 'Sergek Later', kind: 'company' });
    expect(hitIds(searchCase(upgraded, { query: 'Sergek', kinds: ['actor'] })).sort()).toEqual(
      [actor.id, later.id].sort(),
    );
    expect(hitIds(searchCase(upgraded, { query: 'Sergek', kinds: ['source'] }))).toEqual([]);
  });

  it('the index stays consistent (FTS5 integrity-check) after writes and removals', () => {
    const c = newCase();
    const s = sampleCase(c);
    updateActor(c, { id: s.sergek.id, aliases: ['Sergek', 'Сергек Групп'] });
    removeActor(c, { id: s.oniks.id });
    const raw = new Database(c.path);
    registerSearchFunctions(raw);
    for (const table of searchTables) {
      expect(
        () => raw.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run(),
        table,
      ).not.toThrow();
    }
    raw.close();
  });
});
